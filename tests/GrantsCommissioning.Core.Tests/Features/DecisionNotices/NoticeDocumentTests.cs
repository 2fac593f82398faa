using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.DecisionNotices;

public sealed class NoticeDocumentTests
{
    [Fact]
    public async Task ThePublishedNoticesWordDocument_HasAHeadingPerSection_TheNoticesFigures_AndNoPart2()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, chief, cfo, pcc) = await DecisionNoticeWorkflowTests.PeopleAsync(host);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var id = await DecisionNoticeWorkflowTests.DraftAsync(notices, officer, DecisionNoticeWorkflowTests.Complete);
        await DecisionNoticeWorkflowTests.FireOkAsync(notices, id, DecisionNoticeWorkflow.SubmitForAdvice, null, officer);
        await DecisionNoticeWorkflowTests.FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, new NoticeAdvice("Within the Commissioner's powers."), chief);
        await DecisionNoticeWorkflowTests.FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteFinanceAdvice, new NoticeAdvice("Affordable from the reserve."), cfo);
        await DecisionNoticeWorkflowTests.FireOkAsync(notices, id, DecisionNoticeWorkflow.Sign, new NoticeSignature("None.", new DateOnly(2015, 12, 14)), pcc);
        await DecisionNoticeWorkflowTests.FireOkAsync(notices, id, DecisionNoticeWorkflow.Publish, null, officer);
        var notice = (await notices.GetAsync(id, officer))!.Notice;

        var (fileName, content) = (await host.Services.GetRequiredService<NoticeRegister>().DocumentAsync(notice.Slug))!.Value;

        Assert.Equal($"decision-notice-{notice.Slug}.docx", fileName);
        using var stream = new MemoryStream(content);
        using var doc = WordprocessingDocument.Open(stream, false);
        var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading1" or "Heading2")
            .Select(p => p.InnerText).ToList();
        Assert.Equal(
            [
                notice.Title, "Part 1: public", "Executive summary", "Background", "Options considered", "Financial implications", "Legal implications",
                "Equality implications", "Risks", "Public access to information", "Advice noted", "Chief Executive: Helen", "Chief Finance Officer: David",
                "Declaration of interests", "Decision and signature",
            ],
            headings);
        var text = string.Join("\n", paragraphs.Select(p => p.InnerText));
        Assert.Contains($"Reference: {notice.NoticeReference}", text);
        Assert.Contains("Amount: £452,000.00", text);
        Assert.Contains("Up to £452,000 from the earmarked reserve.", text);
        Assert.Contains("I agree the decision above.\nSigned: Commissioner\nDate signed: 14 December 2015", text);
        Assert.Contains("A confidential annex (Part 2) was considered with this decision. It is exempt from publication.", text);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", System.Text.Encoding.UTF8.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoticeNotYetPublished_HasNoPublicDocument()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, _, _, _) = await DecisionNoticeWorkflowTests.PeopleAsync(host);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var id = await DecisionNoticeWorkflowTests.DraftAsync(notices, officer, DecisionNoticeWorkflowTests.Complete);
        var slug = (await notices.GetAsync(id, officer))!.Notice.Slug;

        Assert.Null(await host.Services.GetRequiredService<NoticeRegister>().DocumentAsync(slug));
        Assert.Null(await host.Services.GetRequiredService<NoticeRegister>().FindAsync(slug));
    }
}
