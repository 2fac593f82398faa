using GrantsCommissioning.EndToEnd.Infrastructure;

namespace GrantsCommissioning.EndToEnd;

/// <summary>
/// The pages of a request for more information, on the demo's CGS-CY-0023 (waiting for the demo applicant's answer):
/// the applicant's answer page with its question, upload and form, and the officer's case page with the question;
/// and on CGS-CY-0024 (workflow v4), the same pages without an answer form, with the upload and the contacts.
/// </summary>
[Collection(BrowserCollection.Name)]
public class InformationRequestPageTests(BrowserSite site)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "applicant@demo.opcc-grants.example", "/applicant/applications/{information}/information" },
        { "officer@demo.opcc-grants.example", "/cases/applications/{information}" },
        { "applicant@demo.opcc-grants.example", "/applicant/applications/{information-v4}/information" },
        { "officer@demo.opcc-grants.example", "/cases/applications/{information-v4}" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task InformationPages_HaveNoAxeViolations_AndReflowAt320(string user, string template) =>
        await site.AssertAccessibleAndReflowsAsync(user, await site.DemoPathAsync(template), template.StartsWith("/cases", StringComparison.Ordinal) ? "#information-thread" : null);
}
