namespace KevySpec.Transport;

/// <summary>A node's role, epoch, primary and quorum as of its elector's last step; its DOWN peers and counters as of the snapshot.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Role">Its role.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="Primary">The primary it knows, or null.</param>
/// <param name="DownPeers">Other members with no heartbeat for down_after (or none yet) when the snapshot was taken, in member-list order.</param>
/// <param name="HasQuorum">Whether it hears a majority.</param>
/// <param name="Counters">Transport totals, read now.</param>
public sealed record NodeSnapshot(string NodeId, Role Role, ulong Epoch, string? Primary, IReadOnlyList<string> DownPeers, bool HasQuorum, NodeCounters Counters);
