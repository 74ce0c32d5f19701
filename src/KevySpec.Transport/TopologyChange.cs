namespace KevySpec.Transport;

/// <summary>What a node's elector decided, reported when its role, primary or quorum changes.</summary>
/// <param name="NodeId">The reporting node.</param>
/// <param name="Role">Its role now.</param>
/// <param name="Epoch">Its epoch now.</param>
/// <param name="Primary">The primary it knows, or null.</param>
/// <param name="HasQuorum">Whether it hears a majority (a primary without one must fence writes).</param>
/// <param name="At">Elector time of the change (since the node started).</param>
public sealed record TopologyChange(string NodeId, Role Role, ulong Epoch, string? Primary, bool HasQuorum, TimeSpan At);
