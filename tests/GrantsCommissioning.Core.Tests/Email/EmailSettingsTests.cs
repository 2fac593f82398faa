using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Tests.Email;

public sealed class EmailSettingsTests
{
    [Theory]
    [InlineData("Email:Mode", "Smtp", "Email:Smtp:Host is required when Email:Mode is Smtp.")]
    [InlineData("Email:FromAddress", "not-an-address", "Email:FromAddress 'not-an-address' is not an email address.")]
    [InlineData("Email:MaxAttempts", "0", "Email:MaxAttempts must be between 1 and 1000 (was 0).")]
    [InlineData("Workflow:TimerPollSeconds", "0", "Workflow:TimerPollSeconds must be between 1 and 3600 (was 0).")]
    public async Task Startup_WhenSettingInvalid_FailsNamingTheSetting(string key, string value, string expected)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WorkflowTestHost.CreateAsync(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, ex.Failures);
    }

    [Fact]
    public async Task Outbox_WhenTemplateRendered_FillsPlaceholdersAndSkipsDuplicateKey()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var outbox = host.Services.GetRequiredService<IOutbox>();
        using var db = host.Db();
        var values = new Dictionary<string, string> { ["RecipientName"] = "Tess", ["Reference"] = "RET-9", ["DueDate"] = "31 July 2030" };

        var first = outbox.Enqueue(db, "return-reminder", "a@example.org", null, values, "k1");
        var duplicate = outbox.Enqueue(db, "return-reminder", "a@example.org", null, values, "k1");
        await db.SaveChangesAsync();
        var savedDuplicate = await outbox.EnqueueAsync(db, "return-reminder", "a@example.org", null, values, "k1");

        Assert.NotNull(first);
        Assert.Null(duplicate);
        Assert.Null(savedDuplicate);
        Assert.Equal("Reminder: monitoring return RET-9 is due by 31 July 2030", first.Subject);
        Assert.StartsWith("Dear Tess,", first.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenValueMissing_NamesTheTemplateAndField()
    {
        var templates = new EmailTemplates(Path.Combine(WorkflowTestHost.RepositoryWorkflows, "templates"));

        var ex = Assert.Throws<EmailTemplateException>(() => templates.Render("payment-paid", new Dictionary<string, string>()));

        Assert.Contains("'payment-paid' needs a value for {{Reference}}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PickupDirectory_WhenNotSet_IsUnderDataDirectory()
    {
        var paths = new DataPaths(new Configuration.GrantsOptions { DataDirectory = "/srv/grants" }, "/");

        Assert.Equal(Path.GetFullPath("/srv/grants/mail-pickup"), Core.Workflow.WorkflowServiceCollectionExtensions.PickupDirectory(new EmailOptions(), paths));
    }
}
