namespace KevySpec.Checking;

/// <summary>
/// Packs a model-checker state into a row of small ints (one interned id per node's elector, or −1
/// while it is down; then its stores, offsets and crashes; its network; its ghost state) and back,
/// and fingerprints a row. A row of N = 3 is 24 bytes, against hundreds for the objects it stands
/// for. Thread-safe.
/// </summary>
internal sealed class StateCodec(int nodes)
{
    private readonly Interner<ElectorSnapshot> _snapshots = new(EqualityComparer<ElectorSnapshot>.Default);
    private readonly Interner<Durables> _durables = new(EqualityComparer<Durables>.Default);
    private readonly Interner<int[]> _networks = new(IntArrayComparer.Instance);
    private readonly Interner<SafetyGhost> _ghosts = new(EqualityComparer<SafetyGhost>.Default);

    /// <summary>Ints per row: one per node, then stores, network and ghost.</summary>
    public int Width { get; } = nodes + 3;

    /// <summary>Distinct parts interned so far (electors, stores, networks, ghosts), for reports.</summary>
    public long Parts => (long)_snapshots.Count + _durables.Count + _networks.Count + _ghosts.Count;

    /// <summary>The shared instance equal to <paramref name="snapshot"/>.</summary>
    public ElectorSnapshot Intern(ElectorSnapshot snapshot) => _snapshots.Canonical(snapshot);

    /// <summary>
    /// Packs <paramref name="state"/>, a successor of <paramref name="parent"/> (packed as
    /// <paramref name="parentRow"/>): the parts a move left alone are the parent's objects, so their
    /// ids are the parent's and need no lookup.
    /// </summary>
    public void Pack(WorldState state, Span<int> row, WorldState parent, ReadOnlySpan<int> parentRow)
    {
        for (var i = 0; i < nodes; i++)
            row[i] = ReferenceEquals(state.Nodes[i], parent.Nodes[i]) ? parentRow[i] : state.Nodes[i] is { } node ? _snapshots.Id(node) : -1;
        row[nodes] = ReferenceEquals(state.Stores, parent.Stores) && ReferenceEquals(state.Offsets, parent.Offsets) && state.Crashes == parent.Crashes
            ? parentRow[nodes]
            : _durables.Id(new Durables(state.Stores, state.Offsets, state.Crashes));
        row[nodes + 1] = ReferenceEquals(state.Network, parent.Network) ? parentRow[nodes + 1] : _networks.Id(state.Network);
        row[nodes + 2] = ReferenceEquals(state.Ghost, parent.Ghost) ? parentRow[nodes + 2] : _ghosts.Id(state.Ghost);
    }

    public void Pack(WorldState state, Span<int> row)
    {
        for (var i = 0; i < nodes; i++) row[i] = state.Nodes[i] is { } node ? _snapshots.Id(node) : -1;
        row[nodes] = _durables.Id(new Durables(state.Stores, state.Offsets, state.Crashes));
        row[nodes + 1] = _networks.Id(state.Network);
        row[nodes + 2] = _ghosts.Id(state.Ghost);
    }

    public WorldState Unpack(ReadOnlySpan<int> row)
    {
        var electors = new ElectorSnapshot?[nodes];
        for (var i = 0; i < nodes; i++) electors[i] = row[i] < 0 ? null : _snapshots[row[i]];
        var durables = _durables[row[nodes]];
        return new WorldState(electors, durables.Stores, durables.Offsets, _networks[row[nodes + 1]], _ghosts[row[nodes + 2]], durables.Crashes);
    }

    /// <summary>The 64-bit fingerprint of a packed state (with one worker, the same in every run).</summary>
    public static long Fingerprint(ReadOnlySpan<int> row)
    {
        var hash = new StableHash();
        foreach (var id in row) hash.Add(id);
        return hash.Value;
    }

    private sealed class Durables(PersistedVote[] stores, ulong[] offsets, int crashes) : IEquatable<Durables>
    {
        public PersistedVote[] Stores { get; } = stores;

        public ulong[] Offsets { get; } = offsets;

        public int Crashes { get; } = crashes;

        public bool Equals(Durables? other) =>
            other is not null && Crashes == other.Crashes && Stores.AsSpan().SequenceEqual(other.Stores) && Offsets.AsSpan().SequenceEqual(other.Offsets);

        public override bool Equals(object? obj) => obj is Durables other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var store in Stores) hash.Add(store);
            foreach (var offset in Offsets) hash.Add(offset);
            hash.Add(Crashes);
            return hash.ToHashCode();
        }
    }

    private sealed class IntArrayComparer : IEqualityComparer<int[]>
    {
        public static IntArrayComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
