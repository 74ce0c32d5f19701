using KevySpec.Properties;

namespace KevySpec.Load.Safety;

/// <summary>
/// A load run's cluster as its nodes last reported it at one instant, as the properties library
/// reads it (<see cref="IQuorumFacts"/>): each member's role, epoch, primary and <c>has_quorum</c>
/// from its latest report, alive or paused from the runner's own kills and pauses.
/// </summary>
/// <param name="Members">The member ids, in member-list order.</param>
/// <param name="Nodes">Each member's facts, in member-list order.</param>
/// <param name="Quorum">Each member's latest <c>has_quorum</c>, in member-list order.</param>
public readonly record struct ObservedClusterFacts(IReadOnlyList<string> Members, NodeFacts[] Nodes, bool[] Quorum) : IQuorumFacts
{
    /// <inheritdoc />
    public int Count => Members.Count;

    /// <inheritdoc />
    public string Member(int node) => Members[node];

    /// <inheritdoc />
    public NodeFacts Node(int node) => Nodes[node];

    /// <inheritdoc />
    public bool HasQuorum(int node) => Quorum[node];

    /// <summary>Reports carry no views: contact is assumed, as in the simulator's real time.</summary>
    public ContactKnowledge Contact => ContactKnowledge.Assumed;

    /// <summary>Never read (<see cref="Contact"/> is <see cref="ContactKnowledge.Assumed"/>).</summary>
    public bool HeardLately(int listener, int speaker, bool claimingPrimary) =>
        throw new NotSupportedException("a load run's reports carry no views");
}
