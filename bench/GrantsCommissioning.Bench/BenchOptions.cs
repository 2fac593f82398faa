using System.Globalization;

namespace GrantsCommissioning.Bench;

/// <summary>Command-line settings: <c>--n 600 --c 32 --double 0.10 --retry 0.05 --max-seconds 60 --results path</c>.</summary>
internal sealed record BenchOptions
{
    /// <summary>Applications submitted in the timed phase (and single-row inserts in the baseline).</summary>
    public int Submissions { get; init; } = 600;

    /// <summary>Concurrent HTTP clients in the timed phase (and concurrent writers in the baseline).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Share of submissions posted twice at once with the same idempotency key (a double click).</summary>
    public double DoubleSubmitShare { get; init; } = 0.10;

    /// <summary>Share of submissions whose first post is abandoned after <see cref="RetryTimeoutMs"/> and posted again.</summary>
    public double RetryShare { get; init; } = 0.05;

    /// <summary>The client-side timeout of the first attempt of a retried submission.</summary>
    public int RetryTimeoutMs { get; init; } = 25;

    /// <summary>
    /// At most this many submissions before the clock starts (JIT and tiered compilation, connection pool, caches), in
    /// rounds until one compiles almost nothing new; verified, not timed.
    /// </summary>
    public int WarmUp { get; init; } = 2400;

    /// <summary>The timed phase stops starting new submissions after this long ("within a minute").</summary>
    public int MaxSeconds { get; init; } = 60;

    /// <summary>Per-request timeout of the HTTP clients (apart from the deliberate retry timeout).</summary>
    public int RequestTimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// Applicant users (each signed in once, before the clock, through the login form with the full 600,000 PBKDF2
    /// iterations); application i belongs to user i mod users. Default: one per client.
    /// </summary>
    public int? Users { get; init; }

    public int Seed { get; init; } = 2013;

    /// <summary>The timed phase and the baseline each run in this many blocks, alternating, so both see the same machine.</summary>
    public int Blocks { get; init; } = 4;

    /// <summary>Whole runs (each its own app and database); the ratio is printed as min / median / max over them.</summary>
    public int Runs { get; init; } = 3;

    public string? ResultsPath { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            double Share() => double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
            o = name switch
            {
                "--n" => o with { Submissions = Int() },
                "--c" => o with { Concurrency = Int() },
                "--double" => o with { DoubleSubmitShare = Share() },
                "--retry" => o with { RetryShare = Share() },
                "--retry-timeout-ms" => o with { RetryTimeoutMs = Int() },
                "--warmup" => o with { WarmUp = Int() },
                "--max-seconds" => o with { MaxSeconds = Int() },
                "--request-timeout" => o with { RequestTimeoutSeconds = Int() },
                "--users" => o with { Users = Int() },
                "--seed" => o with { Seed = Int() },
                "--blocks" => o with { Blocks = Int() },
                "--runs" => o with { Runs = Int() },
                "--results" => o with { ResultsPath = Next() },
                _ => throw new ArgumentException($"Unknown argument {name}. Use --n, --c, --double, --retry, --retry-timeout-ms, --warmup, --max-seconds, --request-timeout, --users, --seed, --blocks, --runs, --results."),
            };
        }
        if (o.Users is < 1)
        {
            throw new ArgumentException("--users must be at least 1.");
        }
        if (o.Submissions < 1 || o.Concurrency < 1 || o.WarmUp < 0 || o.Blocks < 1 || o.Runs < 1 || o.MaxSeconds < 1 || o.RetryTimeoutMs < 1
            || o.DoubleSubmitShare is < 0 or > 1 || o.RetryShare is < 0 or > 1 || o.DoubleSubmitShare + o.RetryShare > 1)
        {
            throw new ArgumentException("--n, --c, --blocks, --runs, --max-seconds must be at least 1; --double and --retry are shares from 0 to 1 adding up to at most 1.");
        }
        return o;
    }
}
