using System.Diagnostics;
using System.Net;

namespace GrantsCommissioning.Bench;

internal enum SubmitKind
{
    /// <summary>Review page, one submit, the receipt page: what most applicants do.</summary>
    Single,

    /// <summary>Two submits with the same idempotency key at the same moment (a double click).</summary>
    Double,

    /// <summary>The first submit is abandoned after a short client-side timeout and the same form is posted again.</summary>
    Retry,
}

/// <summary>What one applicant's client saw. <see cref="Reference"/> is set only when it was shown a receipt.</summary>
internal sealed record SubmitOutcome(
    BenchApplicant Applicant, SubmitKind Kind, bool Attempted, string? Reference, double SubmitMs, double ReviewMs, int Posts, int FailedPosts,
    bool FirstAttemptTimedOut, string? Error);

/// <summary>HTTP responses seen, by class, across a phase.</summary>
internal sealed class ResponseCounts
{
    private int _ok;
    private int _failed;

    public int Ok => _ok;

    /// <summary>4xx/5xx responses and requests that failed outright (not counting deliberately abandoned first attempts).</summary>
    public int Failed => _failed;

    public void Count(HttpStatusCode status)
    {
        if ((int)status < 400)
        {
            Interlocked.Increment(ref _ok);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public void CountFailure() => Interlocked.Increment(ref _failed);
}

/// <summary>Submits applications through the review page's real form (antiforgery token, idempotency key), as a browser does.</summary>
internal sealed class SubmitPhase(BenchOptions options, IReadOnlyDictionary<int, Browser> browsers)
{
    public ResponseCounts Responses { get; } = new();

    /// <summary>The clients, one per applicant user, to run another phase with the same ones.</summary>
    public IReadOnlyDictionary<int, Browser> Browsers => browsers;

    public static SubmitKind[] AssignKinds(int count, BenchOptions options)
    {
        var kinds = new SubmitKind[count];
        var order = Enumerable.Range(0, count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var doubles = (int)Math.Round(count * options.DoubleSubmitShare);
        var retries = (int)Math.Round(count * options.RetryShare);
        for (var i = 0; i < count; i++)
        {
            kinds[order[i]] = i < doubles ? SubmitKind.Double : i < doubles + retries ? SubmitKind.Retry : SubmitKind.Single;
        }
        return kinds;
    }

    /// <summary>Runs <paramref name="applicants"/> through <paramref name="concurrency"/> clients; none starts after <paramref name="stopStartingAfter"/>.</summary>
    public async Task<(IReadOnlyList<SubmitOutcome> Outcomes, TimeSpan Elapsed)> RunAsync(
        IReadOnlyList<BenchApplicant> applicants, SubmitKind[] kinds, int concurrency, TimeSpan stopStartingAfter)
    {
        var outcomes = new SubmitOutcome[applicants.Count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < applicants.Count)
            {
                outcomes[i] = clock.Elapsed > stopStartingAfter
                    ? new SubmitOutcome(applicants[i], kinds[i], false, null, 0, 0, 0, 0, false, "not started: the time limit was reached")
                    : await SubmitOneAsync(applicants[i], kinds[i]);
            }
        })).ToList();
        await Task.WhenAll(workers);
        clock.Stop();
        return (outcomes, clock.Elapsed);
    }

    private async Task<SubmitOutcome> SubmitOneAsync(BenchApplicant applicant, SubmitKind kind)
    {
        var browser = browsers[applicant.User.Index];
        var app = $"/applicant/applications/{applicant.ApplicationId}";
        var start = Stopwatch.GetTimestamp();
        double reviewMs = 0;
        var posts = 0;
        var failedPosts = 0;
        var timedOut = false;
        string? lastFailure = null;
        try
        {
            var (status, review) = await browser.GetAsync(app + "/review", CancellationToken.None);
            Responses.Count(status);
            reviewMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var token = Browser.AntiforgeryToken(review);
            var key = Browser.IdempotencyKey(review);
            if (status != HttpStatusCode.OK || token is null || key is null)
            {
                return Failed($"the review page ({(int)status}) had no submit form");
            }
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "submit", ["IdempotencyKey"] = key };

            var clicked = Stopwatch.GetTimestamp();
            bool[] results;
            switch (kind)
            {
                case SubmitKind.Double:
                    results = await Task.WhenAll(PostAsync(form, CancellationToken.None), PostAsync(form, CancellationToken.None));
                    break;
                case SubmitKind.Retry:
                    using (var abandon = new CancellationTokenSource(options.RetryTimeoutMs))
                    {
                        try
                        {
                            results = [await PostAsync(form, abandon.Token)];
                        }
                        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
                        {
                            // The client gave up; the server may or may not have committed. Post the same form again.
                            timedOut = true;
                            results = [await PostAsync(form, CancellationToken.None)];
                        }
                    }
                    break;
                default:
                    results = [await PostAsync(form, CancellationToken.None)];
                    break;
            }
            if (!results.Any(r => r))
            {
                return Failed("no submit was redirected to the receipt: " + lastFailure);
            }
            var (receiptStatus, receipt) = await browser.GetAsync(app + "/receipt", CancellationToken.None);
            Responses.Count(receiptStatus);
            var reference = receiptStatus == HttpStatusCode.OK ? Browser.ReceiptReference(receipt) : null;
            var submitMs = Stopwatch.GetElapsedTime(clicked).TotalMilliseconds;
            return new SubmitOutcome(applicant, kind, true, reference, submitMs, reviewMs, posts, failedPosts, timedOut,
                reference is null ? $"the receipt page ({(int)receiptStatus}) showed no reference" : failedPosts > 0 ? "one of the posts was not redirected to the receipt: " + lastFailure : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            Responses.CountFailure();
            return Failed(ex.GetType().Name + ": " + ex.Message);
        }

        async Task<bool> PostAsync(Dictionary<string, string> form, CancellationToken ct)
        {
            Interlocked.Increment(ref posts);
            using var response = await browser.PostAsync(app + "/review", form, ct);
            Responses.Count(response.StatusCode);
            var location = response.Headers.Location;
            var path = location is null ? "" : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
            var ok = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && path == app + "/receipt";
            if (!ok)
            {
                Interlocked.Increment(ref failedPosts);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var shown = Browser.ErrorSummary(body);
                lastFailure = $"{(int)response.StatusCode} {path} {shown}".Trim();
            }
            return ok;
        }

        SubmitOutcome Failed(string error) =>
            new(applicant, kind, true, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds, reviewMs, posts, failedPosts, timedOut, error);
    }
}
