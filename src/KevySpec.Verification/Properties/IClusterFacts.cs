namespace KevySpec.Properties;

/// <summary>
/// A read-only view of a cluster's facts at one instant, over which every cluster property is
/// written once (<see cref="ClusterProperties"/>). Adapters build it from the simulator's cluster,
/// the model checker's world state and a load run's observations. Implement it on a struct: the
/// properties are generic over it, so the model checker's hot loop neither boxes nor allocates.
/// </summary>
public interface IClusterFacts
{
    /// <summary>The number of members.</summary>
    int Count { get; }

    /// <summary>The id of member <paramref name="node"/> (member-list order).</summary>
    string Member(int node);

    /// <summary>The facts of member <paramref name="node"/>.</summary>
    NodeFacts Node(int node);

    /// <summary>
    /// How these facts know whether a follower and its primary are in touch: in real (virtual) time
    /// the checker waits out late messages instead (<see cref="ContactKnowledge.Assumed"/>); in the
    /// model's abstract time it reads the views (<see cref="ContactKnowledge.FromViews"/>).
    /// </summary>
    ContactKnowledge Contact { get; }

    /// <summary>
    /// True when <paramref name="listener"/> heard <paramref name="speaker"/> within <c>hb_interval</c>
    /// (claiming primary when <paramref name="claimingPrimary"/>). Read only when
    /// <see cref="Contact"/> is <see cref="ContactKnowledge.FromViews"/>.
    /// </summary>
    bool HeardLately(int listener, int speaker, bool claimingPrimary);
}

/// <summary>Facts that also carry each node's write fence, <c>has_quorum(now)</c>, as the node answers it.</summary>
public interface IQuorumFacts : IClusterFacts
{
    /// <summary>The node's answer to <c>has_quorum(now)</c> at this instant.</summary>
    bool HasQuorum(int node);
}

/// <summary>How a facts view knows that a follower and its primary are in touch.</summary>
public enum ContactKnowledge
{
    /// <summary>Contact is assumed: the checker arms no-disruption only after late messages have landed.</summary>
    Assumed,

    /// <summary>Contact is read from each node's views (the model checker's abstract time).</summary>
    FromViews,
}
