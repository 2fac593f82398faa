using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>
/// A notice as a Word document: a heading per section (Heading1/Heading2 styles, so screen readers and the navigation
/// pane see the structure). Only Part 1 is written: the Part 2 annex is never in the document, whoever downloads it.
/// </summary>
public static class NoticeDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string FileName(DecisionNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"decision-notice-{notice.Slug}.docx";
    }

    public static byte[] Build(DecisionNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            doc.PackageProperties.Title = $"{notice.NoticeReference}: {notice.Title}";
            doc.PackageProperties.Creator = "Office of the Police and Crime Commissioner";
            doc.PackageProperties.Language = "en-GB";
            var body = new Body();
            body.Append(Heading("Title", $"Police and Crime Commissioner decision notice {notice.NoticeReference}"));
            body.Append(Heading("Heading1", notice.Title));
            body.Append(Fact("Reference", notice.NoticeReference));
            if (notice.Amount is { } amount)
            {
                body.Append(Fact("Amount", amount.ToString()));
            }
            if (notice.SignificantPublicInterest)
            {
                body.Append(Fact("Significant public interest", "Yes"));
            }
            body.Append(Heading("Heading1", NoticeSections.Part1));
            foreach (var (heading, text) in NoticeSections.Part1Of(notice))
            {
                body.Append(Heading("Heading2", heading));
                foreach (var p in Paragraphs(text))
                {
                    body.Append(p);
                }
            }
            if (notice.ConfidentialAnnex is not null)
            {
                body.Append(Text(NoticeSections.AnnexWithheld));
            }
            var advice = NoticeSections.AdviceOf(notice);
            if (advice.Count > 0)
            {
                body.Append(Heading("Heading1", NoticeSections.Advice));
                foreach (var (heading, text) in advice)
                {
                    body.Append(Heading("Heading2", heading));
                    foreach (var p in Paragraphs(text))
                    {
                        body.Append(p);
                    }
                }
            }
            body.Append(Heading("Heading1", NoticeSections.Declaration));
            body.Append(Text(notice.DeclarationOfInterests ?? "Not yet signed."));
            body.Append(Heading("Heading1", NoticeSections.Signature));
            foreach (var (label, text) in NoticeSections.SignatureOf(notice))
            {
                body.Append(label is null ? Text(text) : Fact(label, text));
            }
            if (notice.PublishedOn is { } published)
            {
                body.Append(Fact("Published", published.ToString("d MMMM yyyy", Uk)));
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static IEnumerable<Paragraph> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Text);

    private static Paragraph Heading(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Text(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Fact(string label, string value) =>
        new(new Run(new RunProperties(new Bold()), new Text(label + ": ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new Text(value) { Space = SpaceProcessingModeValues.Preserve }));

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" }, new FontSize { Val = "24" }, new Languages { Val = "en-GB" })),
                new ParagraphPropertiesDefault(new SpacingBetweenLines { After = "160" })),
            ParagraphStyle("Normal", "Normal", null, null, null),
            ParagraphStyle("Title", "Title", "40", 0, "240"),
            ParagraphStyle("Heading1", "heading 1", "32", 0, "120"),
            ParagraphStyle("Heading2", "heading 2", "26", 1, "80"));
        styles.Styles.Save();
    }

    private static Style ParagraphStyle(string id, string name, string? size, int? outline, string? after)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = id == "Normal" ? OnOffValue.FromBoolean(true) : null };
        style.Append(new StyleName { Val = name });
        if (id != "Normal")
        {
            style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle());
            var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = after });
            if (outline is { } level)
            {
                paragraph.Append(new OutlineLevel { Val = level });
            }
            style.Append(paragraph, new StyleRunProperties(new Bold(), new FontSize { Val = size }));
        }
        return style;
    }
}
