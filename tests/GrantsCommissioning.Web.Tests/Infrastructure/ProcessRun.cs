using System.Diagnostics;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>Runs a program to its end, keeping what it wrote; one that outlives its patience is killed (with its children).</summary>
internal static class ProcessRun
{
    public static async Task<(int Exit, string Output)> ToEndAsync(ProcessStartInfo info, TimeSpan patience, string timeoutMessage)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        using var timeout = new CancellationTokenSource(patience);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(timeoutMessage);
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
