using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.DecisionNotices;

/// <summary>
/// A published notice's public page and its Word document carry the same Part 1: every heading and paragraph of the
/// document from "Part 1: public" on (sections, the annex sentence, the advice noted, the declaration, the signature)
/// is on the page, and no Part 2 text is in either.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public partial class PublicNoticePageTests(GrantsWebFactory site)
{
    [Fact]
    public async Task ThePublicPage_ShowsEverythingTheWordDocumentShows_AdviceAndSignatureIncluded()
    {
        using var client = site.NewClient();

        var html = await client.GetStringAsync(new Uri("/transparency/decisions/WMPCC-2013-002", UriKind.Relative));
        var docx = await client.GetByteArrayAsync(new Uri("/transparency/decisions/WMPCC-2013-002.docx", UriKind.Relative));

        var page = Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var part1 = paragraphs.SkipWhile(p => p != "Part 1: public").Skip(1).ToList();
        Assert.Contains("Advice noted", part1);
        Assert.Contains("Decision and signature", part1);
        foreach (var paragraph in part1)
        {
            // A labelled fact ("Signed: …", "Published: …") is a label and its value on the page's summary or signature.
            var (label, value) = paragraph.Split(": ", 2) is [var l, var v] && l.Length < 20 ? (l, v) : ("", paragraph);
            Assert.True(page.Contains(label, StringComparison.Ordinal) && page.Contains(Spaces().Replace(value, " "), StringComparison.Ordinal),
                $"The Word document has \"{paragraph}\", the public page does not");
        }
        Assert.Contains("Chief Executive: ", page, StringComparison.Ordinal);
        Assert.Contains("Chief Finance Officer: ", page, StringComparison.Ordinal);
        Assert.Contains("I agree the decision above. Signed: ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT FOR PUBLICATION", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
