namespace KevySpec.Checking;

/// <summary>
/// One state of the model: every node's elector (null while down, interned so equal snapshots are
/// the same object), its store and data offset, the messages in flight, the invariants' ghost state
/// and the crashes used. The path to it (<see cref="Parent"/>, <see cref="Via"/>) is not part of
/// its identity: breadth-first order keeps the first, shortest one.
/// </summary>
internal sealed class WorldState : IEquatable<WorldState>
{
    private readonly int _hash;

    public WorldState(ElectorSnapshot?[] nodes, PersistedVote[] stores, ulong[] offsets, int[] network, SafetyGhost ghost, int crashes,
        WorldState? parent, Move via)
    {
        Nodes = nodes;
        Stores = stores;
        Offsets = offsets;
        Network = network;
        Ghost = ghost;
        Crashes = crashes;
        Parent = parent;
        Via = via;
        Depth = parent is null ? 0 : parent.Depth + 1;
        var hash = new HashCode();
        foreach (var node in nodes) hash.Add(node?.GetHashCode() ?? 0);
        foreach (var store in stores) hash.Add(store);
        foreach (var offset in offsets) hash.Add(offset);
        foreach (var message in network) hash.Add(message);
        hash.Add(ghost.GetHashCode());
        hash.Add(crashes);
        _hash = hash.ToHashCode();
    }

    public ElectorSnapshot?[] Nodes { get; }

    public PersistedVote[] Stores { get; }

    public ulong[] Offsets { get; }

    /// <summary>Message ids in flight, sorted, without repeats (a duplicate is a message that stays).</summary>
    public int[] Network { get; }

    public SafetyGhost Ghost { get; }

    public int Crashes { get; }

    public WorldState? Parent { get; }

    public Move Via { get; }

    public int Depth { get; }

    public bool Equals(WorldState? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other.Crashes != Crashes) return false;
        for (var i = 0; i < Nodes.Length; i++)
            if (!ReferenceEquals(Nodes[i], other.Nodes[i])) return false;
        return Stores.AsSpan().SequenceEqual(other.Stores) && Offsets.AsSpan().SequenceEqual(other.Offsets)
            && Network.AsSpan().SequenceEqual(other.Network) && Ghost.Equals(other.Ghost);
    }

    public override bool Equals(object? obj) => obj is WorldState other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>The moves from the initial state to this one, in order (the first is the <see cref="MoveKind.Start"/>).</summary>
    public List<Move> Path()
    {
        var moves = new List<Move>(Depth + 1);
        for (var state = this; state is not null; state = state.Parent) moves.Add(state.Via);
        moves.Reverse();
        return moves;
    }
}
