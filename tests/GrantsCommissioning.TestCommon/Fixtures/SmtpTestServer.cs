using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// A real SMTP server (Python's aiosmtpd, Debian package python3-aiosmtpd) on 127.0.0.1, writing each message it
/// accepts to a folder as .eml. Start/Stop can be repeated on the same port to simulate an outage; the mode properties
/// make it refuse recipients or lose its reply to a message.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private const string Script = """
        import os, sys, uuid
        from aiosmtpd.controller import Controller
        port, out = int(sys.argv[1]), sys.argv[2]
        modes = os.path.dirname(out)
        class Sink:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if os.path.exists(os.path.join(modes, 'reject-recipients')):
                    return '450 4.2.1 Mailbox busy, try again later'
                envelope.rcpt_tos.append(address)
                return '250 OK'
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(out, uuid.uuid4().hex + '.eml')
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content or envelope.content)
                os.replace(name + '.tmp', name)
                if os.path.exists(os.path.join(modes, 'drop-reply-after-data')):
                    server.transport.abort()
                return '250 OK'
        c = Controller(Sink(), hostname='127.0.0.1', port=port)
        c.start()
        print('READY', flush=True)
        try:
            sys.stdin.read()
        finally:
            c.stop()
        """;

    private readonly string folder;
    private Process? process;

    public SmtpTestServer()
    {
        folder = Path.Combine(Path.GetTempPath(), "gc-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "inbox"));
        File.WriteAllText(Path.Combine(folder, "smtp_sink.py"), Script);
        Port = FreePort();
    }

    public int Port { get; }

    public string Inbox => Path.Combine(folder, "inbox");

    /// <summary>Keep each message it is sent, then drop the connection without the "250 OK": the reply is lost.</summary>
    public bool DropReplyAfterData
    {
        get => File.Exists(Path.Combine(folder, "drop-reply-after-data"));
        set => SetMode("drop-reply-after-data", value);
    }

    /// <summary>Refuse every recipient with a temporary error (450), before any message is transmitted.</summary>
    public bool RejectRecipients
    {
        get => File.Exists(Path.Combine(folder, "reject-recipients"));
        set => SetMode("reject-recipients", value);
    }

    public IReadOnlyList<string> Messages =>
        Directory.GetFiles(Inbox, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    public void Start()
    {
        if (process is { HasExited: false })
        {
            return;
        }
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(folder, "smtp_sink.py"));
        info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(Inbox);
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start python3.");
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
        {
            var error = process.HasExited ? process.StandardError.ReadToEnd() : "no READY line within 20s";
            Stop();
            throw new InvalidOperationException(
                $"The test SMTP server did not start ({error}). Install it with: apt-get update && apt-get install -y python3-aiosmtpd");
        }
    }

    public void Stop()
    {
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void SetMode(string flag, bool on)
    {
        var path = Path.Combine(folder, flag);
        if (on)
        {
            File.WriteAllText(path, "");
        }
        else
        {
            File.Delete(path);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
