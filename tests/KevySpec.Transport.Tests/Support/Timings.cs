namespace KevySpec.Transport.Tests.Support;

/// <summary>Small timings so the cluster tests take real time but not much of it.</summary>
public static class Timings
{
    public static readonly ElectConfig Fast = new()
    {
        HbInterval = TimeSpan.FromMilliseconds(20),
        DownAfter = TimeSpan.FromMilliseconds(200),
        ElectionTimeout = TimeSpan.FromMilliseconds(200),
        ElectionBackoff = TimeSpan.FromMilliseconds(100),
        ElectionBackoffJitter = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>
    /// Fast heartbeats, but a DOWN verdict only after 2 s: for tests where no failover should happen, so that
    /// a busy machine (a GC pause, a starved thread) cannot cause one.
    /// </summary>
    public static readonly ElectConfig Steady = Fast with { DownAfter = TimeSpan.FromSeconds(2), ElectionTimeout = TimeSpan.FromSeconds(2) };

    /// <summary>Timings under which a node never stands as a candidate during a test (for raw-socket peers).</summary>
    public static readonly ElectConfig Quiet = Fast with { DownAfter = TimeSpan.FromMinutes(5) };
}
