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
        try
        {
            await anchor.WriteAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown ran out of time: the next start-up anchors the head (AuditStartup), so nothing is lost.
        }
        catch (ObjectDisposedException)
        {
            // The host tore down the database services before this last anchor finished: as above, start-up anchors.
        }
    }
}
