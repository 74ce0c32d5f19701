namespace KevySpec.Checking;

/// <summary>
/// One state of the model, unpacked for a worker to step: every node's elector (null while down,
/// interned so equal snapshots are the same object), its store and data offset, the messages in
/// flight, the invariants' ghost state and the crashes used. Between levels of the search a state
/// is held packed (<see cref="StateCodec"/>); the path to it is kept apart, as its parent's
/// position and the number of the move that led to it.
/// </summary>
internal sealed class WorldState(ElectorSnapshot?[] nodes, PersistedVote[] stores, ulong[] offsets, int[] network, SafetyGhost ghost, int crashes)
{
    public ElectorSnapshot?[] Nodes { get; } = nodes;

    public PersistedVote[] Stores { get; } = stores;

    public ulong[] Offsets { get; } = offsets;

    /// <summary>Message ids in flight, in <see cref="MessageTable.Order"/>, without repeats (a duplicate is a message that stays).</summary>
    public int[] Network { get; } = network;

    public SafetyGhost Ghost { get; } = ghost;

    public int Crashes { get; } = crashes;
}
