using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Public;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>
/// Keeps the rendered HTML of anonymous public pages marked <c>[PublicPage(OutputCache = true)]</c> in memory, so an
/// anonymous GET is answered without rendering. A copy is used only while everything the page shows is the same:
/// the public data version (bumped when a round, fund, plan objective or award change commits), the financial year,
/// and which rounds are open at this moment (so a round still appears and disappears on the second). Copies are also
/// dropped after <see cref="PublicPages.SharedMaxAge"/>, which bounds how long a change written by another process
/// stays unseen. The page's CSP nonce is cut out when a copy is stored and this response's own nonce put back when
/// it is served, so every response still has a nonce of its own, matching its Content-Security-Policy header.
/// </summary>
public sealed class PublicPageOutputCache(PublicDataVersion version, PublicQueries queries, TimeProvider clock)
{
    /// <summary>At most this many copies (paths × query strings); when full, all are dropped and the cache fills again.</summary>
    internal const int MaxEntries = 256;

    /// <summary>A page larger than this is not kept.</summary>
    internal const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Headers the outer middleware sets on every response (never stored: each response gets its own).</summary>
    private static readonly HashSet<string> OuterHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Cache-Control", "Vary",
        "Strict-Transport-Security", "Date", "Server", "Content-Length", "Transfer-Encoding",
    };

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>How many copies are kept (for tests).</summary>
    internal int Count => entries.Count;

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not { OutputCache: true }
            || context.User.Identity?.IsAuthenticated == true
            || context.Request.Headers.ContainsKey("Authorization"))
        {
            await next(context);
            return;
        }
        var key = Key(context.Request);
        var stamp = await StampAsync(context.RequestAborted);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && entry.Stamp == stamp && now >= entry.StoredAt && now - entry.StoredAt < PublicPages.SharedMaxAge)
        {
            await ServeAsync(context, entry);
            return;
        }
        await RenderAndKeepAsync(context, next, key, stamp, now);
    }

    private static string Key(HttpRequest request)
    {
        // Blazor's enhanced navigation asks with its own Accept header; keep its answer apart from a full page load's.
        var enhanced = request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.OrdinalIgnoreCase);
        return (enhanced ? "e" : "f") + request.Path.Value + request.QueryString.Value;
    }

    /// <summary>What the page's content depends on besides its address.</summary>
    private async Task<string> StampAsync(CancellationToken ct)
    {
        var open = await queries.OpenRoundsAsync(ct);
        var year = FinancialYear.Containing(clock.GetUtcNow());
        return $"{version.Current}|{year.StartYear}|{string.Join(',', open.Select(r => r.Id))}";
    }

    private static async Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        var nonce = Encoding.UTF8.GetBytes(SecurityHeaders.Nonce(context));
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in entry.Headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = entry.Parts.Sum(p => p.Length) + ((long)nonce.Length * (entry.Parts.Count - 1));
        var writer = response.BodyWriter;
        for (var i = 0; i < entry.Parts.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(nonce);
            }
            writer.Write(entry.Parts[i]);
        }
        await writer.FlushAsync(context.RequestAborted);
    }

    private async Task RenderAndKeepAsync(HttpContext context, RequestDelegate next, string key, string stamp, DateTimeOffset now)
    {
        var bodyFeature = context.Features.Get<IHttpResponseBodyFeature>()!;
        var copy = new CopyingStream(bodyFeature.Stream);
        var copying = new StreamResponseBodyFeature(copy, bodyFeature);
        context.Features.Set<IHttpResponseBodyFeature>(copying);
        try
        {
            await next(context);
            await copying.CompleteAsync();
        }
        finally
        {
            context.Features.Set(bodyFeature);
        }
        var response = context.Response;
        var nonce = SecurityHeaders.Nonce(context);
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey("Set-Cookie") || copy.Overflowed
            || nonce.Length == 0 || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        var headers = response.Headers.Where(h => !OuterHeaders.Contains(h.Key)).Select(h => (h.Key, h.Value)).ToList();
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
        entries[key] = new Entry(stamp, now, headers, Split(copy.Captured, Encoding.UTF8.GetBytes(nonce)));
    }

    /// <summary>The body cut at every occurrence of the nonce.</summary>
    private static List<byte[]> Split(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nonce)
    {
        var parts = new List<byte[]>();
        int at;
        while ((at = body.IndexOf(nonce)) >= 0)
        {
            parts.Add(body[..at].ToArray());
            body = body[(at + nonce.Length)..];
        }
        parts.Add(body.ToArray());
        return parts;
    }

    private sealed record Entry(string Stamp, DateTimeOffset StoredAt, IReadOnlyList<(string Name, StringValues Value)> Headers, IReadOnlyList<byte[]> Parts);

    /// <summary>Writes through to the response and keeps a copy of what was written (up to <see cref="MaxBodyBytes"/>).</summary>
    private sealed class CopyingStream(Stream inner) : Stream
    {
        private readonly MemoryStream copy = new();

        public bool Overflowed { get; private set; }

        public ReadOnlySpan<byte> Captured => copy.GetBuffer().AsSpan(0, (int)copy.Length);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed || copy.Length + bytes.Length > MaxBodyBytes)
            {
                Overflowed = true;
                return;
            }
            copy.Write(bytes);
        }
    }
}
