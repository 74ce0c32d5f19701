using KevySpec.Checking;

namespace KevySpec.Simulation;

/// <summary>
/// A set of nodes running one generated elector kind, driven op by op (the trace ops plus crash),
/// recording every step and checking the spec's safety invariants after each one. Each node has a
/// store that outlives its electors; a restart builds a fresh elector on it. The simulator drives a
/// cluster with a network and faults; the model checker replays its counterexamples on one.
/// </summary>
public sealed class SteppedCluster
{
    private readonly ElectorDefinition _definition;
    private readonly OnlineChecker _checker;
    private readonly Node[] _nodes;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<ClusterStep> _steps = [];

    /// <summary>A cluster of <paramref name="members"/> (no elector built yet: call <see cref="New"/> for each).</summary>
    public SteppedCluster(ElectorDefinition definition, IReadOnlyList<string> members, ElectConfig config, InvariantSet invariants)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(invariants);
        _definition = definition;
        Members = [.. members];
        Config = config;
        _nodes = new Node[members.Count];
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (!_index.TryAdd(members[i], i)) throw new ArgumentException($"member '{members[i]}' appears twice", nameof(members));
            _nodes[i] = new Node(members[i]);
        }
        _checker = new OnlineChecker(Members, invariants);
    }

    /// <summary>The member ids, in member-list order.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>The timings every elector is built with.</summary>
    public ElectConfig Config { get; }

    /// <summary>Every step so far, in order.</summary>
    public IReadOnlyList<ClusterStep> Steps => _steps;

    /// <summary>The first invariant violation, or null. Invariants are no longer checked after it.</summary>
    public Violation? Violation { get; private set; }

    /// <summary>The index in <see cref="Steps"/> of the step that violated an invariant, or -1.</summary>
    public int ViolationStep { get; private set; } = -1;

    /// <summary>The address a member announces: <c>id.kevy.test:6379</c>.</summary>
    public static string AddressOf(string id) => id + ".kevy.test:6379";

    /// <summary>True while the node has a running elector.</summary>
    public bool IsAlive(string id) => NodeOf(id).Elector is not null;

    /// <summary>The node's running elector, or null while it is down.</summary>
    public Elector? ElectorOf(string id) => NodeOf(id).Elector;

    /// <summary>The node's durable pair.</summary>
    public PersistedVote StoreOf(string id) => NodeOf(id).Store.Durable;

    /// <summary>The node's replication offset: its data's, which survives restarts (re-applied after each).</summary>
    public ulong DataOffsetOf(string id) => NodeOf(id).DataOffset;

    /// <summary>Builds the node's first elector on an empty store (trace op <c>new</c>).</summary>
    public ClusterStep New(string id, Role startRole, TimeSpan jitter)
    {
        var node = NodeOf(id);
        if (node.Setup is not null) throw new InvalidOperationException($"node '{id}' was already created");
        return Build(node, StepKind.New, startRole, jitter);
    }

    /// <summary>
    /// The node's process restarts: a fresh elector attached to its existing store (trace op
    /// <c>restart</c>). A node that was alive is killed first. The data's offset is not re-applied
    /// here: call <see cref="SetOffset"/> as a host would.
    /// </summary>
    public ClusterStep Restart(string id, Role startRole, TimeSpan jitter)
    {
        var node = NodeOf(id);
        if (node.Setup is null) throw new InvalidOperationException($"node '{id}' was never created");
        return Build(node, StepKind.Restart, startRole, jitter);
    }

    /// <summary>The node's process dies; its store survives.</summary>
    public ClusterStep Crash(string id)
    {
        var node = Alive(id);
        var before = Before(node);
        node.Elector = null;
        node.Store.Owner = null;
        return Record(node, new ClusterStep(StepKind.Crash, id, null, null, null, null, null, null, [], default), before, [], []);
    }

    /// <summary>Records the node's replication offset (trace op <c>set_offset</c>).</summary>
    public ClusterStep SetOffset(string id, ulong offset)
    {
        var node = Alive(id);
        node.DataOffset = offset;
        node.Store.BeginStep();
        var before = Before(node);
        node.Elector!.SetReplOffset(offset);
        return Record(node, new ClusterStep(StepKind.SetOffset, id, null, null, null, offset, null, null, Saves(node), Observe(node)), before, [], node.Store.StepSaves);
    }

    /// <summary>Ticks the node at <paramref name="now"/> (trace op <c>tick</c>).</summary>
    public ClusterStep Tick(string id, TimeSpan now)
    {
        var node = Alive(id);
        At(node, now);
        node.Store.BeginStep();
        var before = Before(node);
        var sent = node.Elector!.Tick(now);
        return Record(node, new ClusterStep(StepKind.Tick, id, now, null, null, null, null, sent, Saves(node), Observe(node)), before, sent, node.Store.StepSaves);
    }

    /// <summary>Hands <paramref name="message"/> from <paramref name="from"/> to node <paramref name="to"/> at <paramref name="now"/> (trace op <c>msg</c>).</summary>
    public ClusterStep Deliver(string from, string to, ElectionMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(message);
        var node = Alive(to);
        At(node, now);
        node.Store.BeginStep();
        var before = Before(node);
        var sent = node.Elector!.OnMessage(from, message, now);
        return Record(node, new ClusterStep(StepKind.Message, to, now, from, message, null, null, sent, Saves(node), Observe(node)), before, sent, node.Store.StepSaves);
    }

    private ClusterStep Build(Node node, StepKind kind, Role startRole, TimeSpan jitter)
    {
        var setup = new NodeSetup(Members, AddressOf(node.Id), startRole, Config, jitter < Config.ElectionBackoffJitter ? jitter : Config.ElectionBackoffJitter);
        var before = Before(node);
        var elector = _definition.Create(node.Id, setup.PeerIds, setup.Address, startRole, Config, new FixedJitter(setup.Jitter));
        node.Store.BeginStep();
        node.Store.Owner = elector;
        elector.AttachStore(node.Store);
        node.Elector = elector;
        node.Setup = setup;
        return Record(node, new ClusterStep(kind, node.Id, null, null, null, null, setup, null, Saves(node), Observe(node)), before, [], node.Store.StepSaves);
    }

    private ClusterStep Record(Node node, ClusterStep step, (Role Role, ulong Epoch) before, IReadOnlyList<Outbound> sent, IReadOnlyList<SaveRecord> saves)
    {
        _steps.Add(step);
        if (Violation is not null) return step;
        var after = node.Elector;
        var observed = new NodeStep(step.Kind, node.Id, before.Role, before.Epoch, after?.Role ?? Role.Replica, after?.Epoch ?? 0, sent, saves, node.Store.Durable,
            after?.ReplOffset ?? 0);
        if (_checker.Observe(observed) is { } violation)
        {
            Violation = violation;
            ViolationStep = _steps.Count - 1;
        }
        return step;
    }

    // A node without an elector (never built, or crashed) counts as a replica at epoch 0.
    private static (Role Role, ulong Epoch) Before(Node node) =>
        node.Elector is { } elector ? (elector.Role, elector.Epoch) : (Role.Replica, 0);

    private static IReadOnlyList<PersistedVote> Saves(Node node)
    {
        var saves = node.Store.StepSaves;
        if (saves.Count == 0) return [];
        var pairs = new PersistedVote[saves.Count];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = saves[i].Vote;
        return pairs;
    }

    private static ObservedState Observe(Node node)
    {
        var elector = node.Elector!;
        return new ObservedState(elector.Role, elector.Epoch, elector.CurrentPrimary, elector.HasQuorum(node.LastTime));
    }

    private static void At(Node node, TimeSpan now)
    {
        if (now < node.LastTime) throw new ArgumentOutOfRangeException(nameof(now), now, $"time went backwards for node '{node.Id}' (last {node.LastTime})");
        node.LastTime = now;
    }

    private Node NodeOf(string id) =>
        _index.TryGetValue(id, out var i) ? _nodes[i] : throw new ArgumentException($"'{id}' is not a member ({string.Join(", ", Members)})", nameof(id));

    private Node Alive(string id)
    {
        var node = NodeOf(id);
        return node.Elector is not null ? node : throw new InvalidOperationException($"node '{id}' is down");
    }

    private sealed class Node(string id)
    {
        public string Id { get; } = id;

        public StepRecordingStore Store { get; } = new();

        public Elector? Elector { get; set; }

        public NodeSetup? Setup { get; set; }

        public ulong DataOffset { get; set; }

        // The node's last instant, across restarts: time-less ops evaluate has_quorum at it.
        public TimeSpan LastTime { get; set; }
    }
}
