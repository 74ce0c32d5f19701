namespace KevySpec.Load.Cli;

/// <summary>The timing presets of <c>--timings</c>.</summary>
public static class TimingPresets
{
    /// <summary>Fast timings for small clusters: hb 50 ms, down_after 500 ms, election_timeout 500 ms, backoff 200 ms + jitter 300 ms.</summary>
    public static ElectConfig Fast { get; } = new()
    {
        HbInterval = TimeSpan.FromMilliseconds(50),
        DownAfter = TimeSpan.FromMilliseconds(500),
        ElectionTimeout = TimeSpan.FromMilliseconds(500),
        ElectionBackoff = TimeSpan.FromMilliseconds(200),
        ElectionBackoffJitter = TimeSpan.FromMilliseconds(300),
    };

    /// <summary>Clusters up to this size get <see cref="Fast"/> by default; larger ones the protocol's defaults.</summary>
    public const int FastUpTo = 9;

    /// <summary>The preset called <paramref name="name"/> (<c>fast</c> or <c>protocol</c>), or null.</summary>
    public static ElectConfig? Find(string name) => name switch
    {
        "fast" => Fast,
        "protocol" => ElectConfig.Default,
        _ => null,
    };

    /// <summary>The preset used when none is named.</summary>
    public static string DefaultFor(int nodes) => nodes <= FastUpTo ? "fast" : "protocol";
}
