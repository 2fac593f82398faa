using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>Anchors the audit log every Audit:AnchorSeconds and once more at shutdown (start-up anchors through <see cref="AuditStartup"/>).</summary>
internal sealed class AuditAnchorService(AuditAnchor anchor, IOptions<AuditOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AnchorSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await anchor.WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await anchor.WriteAsync(cancellationToken);
    }
}
