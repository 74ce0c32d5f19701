namespace KevySpec;

/// <summary>What the last heartbeat from one sender claimed, and when it arrived.</summary>
/// <param name="LastHeartbeat">The receiver's instant of that heartbeat.</param>
/// <param name="Epoch">The epoch it claimed.</param>
/// <param name="Role">The role it claimed.</param>
/// <param name="ReplOffset">The replication offset it claimed.</param>
public readonly record struct PeerView(TimeSpan LastHeartbeat, ulong Epoch, Role Role, ulong ReplOffset);
