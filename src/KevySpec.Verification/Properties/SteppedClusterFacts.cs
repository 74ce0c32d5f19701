using KevySpec.Simulation;

namespace KevySpec.Properties;

/// <summary>
/// The facts of a <see cref="SteppedCluster"/> at <c>now</c>, in real (virtual) time: the simulator's
/// cluster and the model checker's replayed counterexamples. Contact is assumed: the simulator arms
/// no-disruption only once late messages have landed, and a replay confirms only from the point the
/// model found settled.
/// </summary>
public readonly struct SteppedClusterFacts(SteppedCluster cluster, TimeSpan now, Func<int, bool>? paused = null) : IQuorumFacts
{
    /// <inheritdoc />
    public int Count => cluster.Members.Count;

    /// <inheritdoc />
    public string Member(int node) => cluster.Members[node];

    /// <inheritdoc />
    public NodeFacts Node(int node) => cluster.ElectorOf(cluster.Members[node]) is { } elector
        ? new NodeFacts(true, paused?.Invoke(node) == true, elector.Role, elector.Epoch, elector.CurrentPrimary)
        : NodeFacts.Down;

    /// <inheritdoc />
    public ContactKnowledge Contact => ContactKnowledge.Assumed;

    /// <inheritdoc />
    public bool HeardLately(int listener, int speaker, bool claimingPrimary) => true;

    /// <inheritdoc />
    public bool HasQuorum(int node) => cluster.ElectorOf(cluster.Members[node])?.HasQuorum(now) == true;
}
