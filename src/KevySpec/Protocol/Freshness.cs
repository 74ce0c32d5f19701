using System.Runtime.CompilerServices;

namespace KevySpec;

/// <summary>
/// The protocol's freshness rule, written once: a peer's view is fresh (the peer counts as alive)
/// while its last heartbeat is less than <c>down_after</c> old. The elector's guards, its write
/// fence and the model checker's time abstraction all read views through it.
/// </summary>
public static class Freshness
{
    /// <summary>True while <paramref name="view"/>'s last heartbeat is less than <c>down_after</c> before <paramref name="now"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFresh(in PeerView view, TimeSpan now, ElectConfig config) => now - view.LastHeartbeat < config.DownAfter;
}
