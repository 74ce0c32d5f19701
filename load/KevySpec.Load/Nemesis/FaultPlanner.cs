namespace KevySpec.Load.Nemesis;

/// <summary>
/// Plans a nemesis run's faults from its seed: the kinds asked for come round in a shuffled order (every kind
/// once per round), and each fault picks its side or its victim at random: the primary about half of the time.
/// A fault never leaves fewer than a majority connected to each other (a ring leaves every node a majority of
/// its own), so the cluster can always elect.
/// </summary>
public sealed class FaultPlanner
{
    private readonly IReadOnlyList<string> _members;
    private readonly IReadOnlyList<FaultKind> _kinds;
    private readonly Random _random;
    private readonly Queue<FaultKind> _round = new();

    /// <summary>A planner for <paramref name="members"/> drawing from <paramref name="kinds"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">No kind, or a kind the cluster is too small for.</exception>
    public FaultPlanner(IReadOnlyList<string> members, IReadOnlyList<FaultKind> kinds, int seed)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0) throw new ArgumentException("no fault kind to plan", nameof(kinds));
        foreach (var kind in kinds)
            if (members.Count < FaultKinds.MinimumMembers(kind))
                throw new ArgumentException($"'{FaultKinds.NameOf(kind)}' needs at least {FaultKinds.MinimumMembers(kind)} nodes", nameof(kinds));
        _members = members;
        _kinds = [.. kinds.Distinct()];
        _random = new Random(seed);
    }

    /// <summary>The largest minority: members − quorum.</summary>
    public int MinorityMax => _members.Count - Quorum.Of(_members.Count);

    /// <summary>The next fault, given the current <paramref name="primary"/>.</summary>
    public NemesisFault Next(string primary)
    {
        if (_round.Count == 0)
            foreach (var kind in _kinds.OrderBy(_ => _random.Next())) _round.Enqueue(kind);
        return Plan(_round.Dequeue(), primary);
    }

    /// <summary>A fault of <paramref name="kind"/> against a cluster whose primary is <paramref name="primary"/>.</summary>
    public NemesisFault Plan(FaultKind kind, string primary)
    {
        if (!_members.Contains(primary)) throw new ArgumentException($"'{primary}' is not a member", nameof(primary));
        return kind switch
        {
            FaultKind.Partition => Partition(primary),
            FaultKind.OneWay => OneWay(primary),
            FaultKind.IsolatePrimary => Isolate(primary),
            FaultKind.Ring => Ring(),
            FaultKind.Pause => Process(kind, primary),
            FaultKind.Kill => Process(kind, primary),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private NemesisFault Partition(string primary)
    {
        var (minority, lost) = Minority(primary);
        var rest = _members.Where(m => !minority.Contains(m)).ToArray();
        var blocks = new List<(string, string, IpCommands.Block)>();
        foreach (var inside in minority)
            foreach (var outside in rest)
            {
                blocks.Add((inside, outside, IpCommands.Block.Blackhole));
                blocks.Add((outside, inside, IpCommands.Block.Blackhole));
            }
        return new(FaultKind.Partition, blocks, [], [], [], minority.ToHashSet(StringComparer.Ordinal), lost, lost ? rest : [],
            $"partition {Set(minority)} | {Set(rest)}");
    }

    // One side may not send to the other: either the minority is mute (its routes blocked) or deaf (the rest's routes to it).
    // TCP needs both directions, so either way the connections across die; what differs is who sees errors and who silence.
    private NemesisFault OneWay(string primary)
    {
        var (minority, lost) = Minority(primary);
        var rest = _members.Where(m => !minority.Contains(m)).ToArray();
        var mute = _random.Next(2) == 0;
        var blocks = new List<(string, string, IpCommands.Block)>();
        foreach (var inside in minority)
            foreach (var outside in rest)
                blocks.Add(mute ? (inside, outside, IpCommands.Block.Prohibit) : (outside, inside, IpCommands.Block.Prohibit));
        var description = mute ? $"one-way {Set(minority)} -/-> {Set(rest)}" : $"one-way {Set(rest)} -/-> {Set(minority)}";
        return new(FaultKind.OneWay, blocks, [], [], [], minority.ToHashSet(StringComparer.Ordinal), lost, lost ? rest : [], description);
    }

    private NemesisFault Isolate(string primary)
    {
        var rest = _members.Where(m => m != primary).ToArray();
        return new(FaultKind.IsolatePrimary, [], [primary], [], [], new HashSet<string>(StringComparer.Ordinal) { primary }, true, rest,
            $"isolate-primary {primary} (bridge port down)");
    }

    // Every node keeps its two neighbours in a shuffled ring; with itself that is 3, a majority of 4 or 5
    // (larger clusters get a wider ring: each node keeps the nearest quorum − 1 around it).
    private NemesisFault Ring()
    {
        var ring = _members.OrderBy(_ => _random.Next()).ToArray();
        var n = ring.Length;
        var reach = Quorum.Of(n) / 2;   // neighbours kept on each side: 2·reach + 1 ≥ quorum
        var blocks = new List<(string, string, IpCommands.Block)>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var distance = Math.Min(Math.Abs(i - j), n - Math.Abs(i - j));
                if (distance > reach) blocks.Add((ring[i], ring[j], IpCommands.Block.Blackhole));
            }
        return new(FaultKind.Ring, blocks, [], [], [], _members.ToHashSet(StringComparer.Ordinal), false, [],
            $"ring {string.Join('-', ring)}-{ring[0]}");
    }

    private NemesisFault Process(FaultKind kind, string primary)
    {
        var lost = _random.Next(2) == 0;
        var victim = lost ? primary : Pick(_members.Where(m => m != primary).ToArray());
        var rest = _members.Where(m => m != victim).ToArray();
        return new(kind, [], [], kind == FaultKind.Pause ? [victim] : [], kind == FaultKind.Kill ? [victim] : [],
            new HashSet<string>(StringComparer.Ordinal) { victim }, lost, lost ? rest : [],
            $"{FaultKinds.NameOf(kind)} {victim}{(lost ? " (primary)" : "")}");
    }

    // A random minority (1 to members − quorum nodes), holding the primary about half of the time.
    private (string[] Minority, bool PrimaryLost) Minority(string primary)
    {
        var lost = _random.Next(2) == 0;
        var size = 1 + _random.Next(MinorityMax);
        var others = _members.Where(m => m != primary).OrderBy(_ => _random.Next()).ToArray();
        var minority = lost ? [primary, .. others.Take(size - 1)] : others.Take(size).ToArray();
        return ([.. _members.Where(minority.Contains)], lost);
    }

    private string Pick(string[] from) => from[_random.Next(from.Length)];

    private static string Set(IEnumerable<string> ids) => "{" + string.Join(',', ids) + "}";
}
