namespace KevySpec.Checking;

/// <summary>One node's observable status after a step.</summary>
/// <param name="Alive">False while the node's process is down.</param>
/// <param name="Role">The role (meaningless when not alive).</param>
/// <param name="Epoch">The epoch (meaningless when not alive).</param>
public readonly record struct NodeStatus(bool Alive, Role Role, ulong Epoch);

/// <summary>Everything the safety invariants look at for one step of one node.</summary>
internal readonly ref struct StepFacts
{
    public required StepKind Kind { get; init; }

    /// <summary>The node's index in the member list.</summary>
    public required int Node { get; init; }

    public required string NodeId { get; init; }

    /// <summary>The node's epoch before the step (0 when it had no elector).</summary>
    public required ulong EpochBefore { get; init; }

    /// <summary>The node's epoch after the step (0 when it has no elector).</summary>
    public required ulong EpochAfter { get; init; }

    public required IReadOnlyList<Outbound> Out { get; init; }

    public required IReadOnlyList<SaveRecord> Saves { get; init; }

    /// <summary>The node's durable pair after the step.</summary>
    public required PersistedVote StoreAfter { get; init; }

    /// <summary>The node's replication offset after the step (what a vote it cast compared against the OFFER's).</summary>
    public ulong Offset { get; init; }

    /// <summary>Every node's status after the step, in member-list order.</summary>
    public required ReadOnlySpan<NodeStatus> Nodes { get; init; }

    /// <summary>Member ids, in member-list order.</summary>
    public required IReadOnlyList<string> Members { get; init; }
}
