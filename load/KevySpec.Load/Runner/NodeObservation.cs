namespace KevySpec.Load.Runner;

/// <summary>One report of a node's topology (a transport <c>TopologyChange</c>), placed on the run's time line.</summary>
/// <param name="NodeId">The reporting node.</param>
/// <param name="Role">Its role.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="Primary">The primary it knows, or null.</param>
/// <param name="HasQuorum">Whether it hears a majority.</param>
/// <param name="At">Run time of the change (the node's elector time moved onto the run's clock).</param>
public sealed record NodeObservation(string NodeId, Role Role, ulong Epoch, string? Primary, bool HasQuorum, TimeSpan At)
{
    /// <summary>The primary this node follows: itself when it is primary (a bootstrap primary knows no primary), else <see cref="Primary"/>.</summary>
    public string? Leader => Role == Role.Primary ? NodeId : Primary;
}

/// <summary>A node's current state as the tracker knows it.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Alive">False while the node is killed.</param>
/// <param name="Role">Its last reported role.</param>
/// <param name="Epoch">Its last reported epoch.</param>
/// <param name="Primary">The primary it last reported, or null.</param>
/// <param name="HasQuorum">Its last reported quorum.</param>
/// <param name="Since">Run time at which its role or primary last changed (the start of its current allegiance).</param>
/// <param name="Reported">False until the node (or its current incarnation) reported at least once.</param>
public sealed record NodeState(string NodeId, bool Alive, Role Role, ulong Epoch, string? Primary, bool HasQuorum, TimeSpan Since, bool Reported)
{
    /// <summary>The primary this node follows: itself when it is primary (a bootstrap primary knows no primary), else <see cref="Primary"/>.</summary>
    public string? Leader => Role == Role.Primary ? NodeId : Primary;

    /// <summary>True when this node follows (or is) <paramref name="primary"/> at an epoch above <paramref name="epoch"/>.</summary>
    public bool Follows(string primary, ulong epoch) =>
        Alive && Reported && Leader == primary && Epoch > epoch;
}
