using GrantsCommissioning.Web.Components;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Infrastructure;

public static class WebApplicationExtensions
{
    /// <summary>Runs every start-up check; on failure prints the message (naming the file or setting) and returns false.</summary>
    public static async Task<bool> StartupChecksPassAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            // Every setting is checked before the database is touched, not when the host starts after migrations.
            app.Services.GetService<IStartupValidator>()?.Validate();
            var tasks = app.Services.GetRequiredService<StartupTasks>();
            await tasks.RunAsync(app.Environment, app.Lifetime.ApplicationStopping);
            app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, tasks.DemoSignIns));
            return true;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
        {
            StartupFailure.Report(message);
            return false;
        }
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblemPages();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UsePublicPageCaching();
        var outputCache = app.Services.GetRequiredService<PublicPageOutputCache>();
        app.Use((context, next) => outputCache.InvokeAsync(context, next));

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithPublicPages();
        app.MapAdditionalIdentityEndpoints();
        app.MapHealthEndpoint();
        Endpoints.AttachmentEndpoints.MapAttachmentEndpoints(app);
        Endpoints.DecisionNoticeEndpoints.MapDecisionNoticeEndpoints(app);
        Endpoints.RetentionEndpoints.MapRetentionEndpoints(app);
        Endpoints.FinanceEndpoints.MapFinanceEndpoints(app);
        Endpoints.TableExportEndpoints.MapTableExportEndpoints(app);
        Endpoints.PanelReportEndpoints.MapPanelReportEndpoints(app);
        Endpoints.TransparencyEndpoints.MapTransparencyEndpoints(app);
        Endpoints.AssessmentEndpoints.MapAssessmentEndpoints(app);
        Endpoints.ApiEndpoints.MapApiEndpoints(app);
        return app;
    }
}
