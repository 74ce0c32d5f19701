using KevySpec.Load.Safety;
using KevySpec.Persistence;
using KevySpec.Transport;

namespace KevySpec.Load.Runner;

/// <summary>
/// A <see cref="LoopbackCluster"/> wired for a load run: each node keeps a file store in its own
/// temporary data directory, or a store in memory (behind a <see cref="RecordingStore"/>; either
/// outlives the node's incarnations), reports its topology onto the
/// run's time line, feeds every elector step to the safety monitor and every save to the election ledger. Kills keep the counters
/// of the incarnation that dies. Disposing stops every node and deletes the data directories.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    private readonly RunClock _clock;
    private readonly Dictionary<string, RecordingStore> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _origins = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CounterTotals _retired = CounterTotals.Zero;
    private LoopbackCluster? _cluster;

    private ClusterHarness(RunClock clock, TopologyTracker tracker, string dataRoot)
    {
        _clock = clock;
        Tracker = tracker;
        DataRoot = dataRoot;
    }

    /// <summary>The nodes' reports, kills and restarts.</summary>
    public TopologyTracker Tracker { get; }

    /// <summary>The folder holding one data directory per node (deleted on dispose).</summary>
    public string DataRoot { get; }

    /// <summary>The node ids, <c>n1</c> (the bootstrap primary) first.</summary>
    public IReadOnlyList<string> NodeIds => Cluster.NodeIds;

    private LoopbackCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");

    /// <summary>The node ids a cluster of <paramref name="nodes"/> will have.</summary>
    public static IReadOnlyList<string> IdsFor(int nodes) => [.. Enumerable.Range(1, nodes).Select(i => $"n{i}")];

    /// <summary>Starts <paramref name="nodes"/> nodes running <paramref name="spec"/> with <paramref name="config"/>.</summary>
    public static async Task<ClusterHarness> StartAsync(
        int nodes, ElectorDefinition spec, ElectConfig config, int seed, bool fileStores, RunClock clock,
        OnlineSafetyMonitor monitor, ElectionLedger ledger, TopologyTracker tracker, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), $"kevyspec-load-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(root);
        var harness = new ClusterHarness(clock, tracker, root);
        foreach (var id in IdsFor(nodes))
        {
            IElectionStore inner = fileStores ? new FileElectionStore(Path.Combine(root, id)) : new InMemoryElectionStore();
            harness._stores[id] = new RecordingStore(id, inner, clock, ledger.OnSave);
            harness._origins[id] = long.MaxValue;
        }
        // A restarted node must hear its peers before its cold-start grace (down_after) ends, or it
        // stands needlessly: reconnect at least four times per down_after.
        var reconnectMax = TimeSpan.FromTicks(Math.Clamp(config.DownAfter.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));
        try
        {
            harness._cluster = await LoopbackCluster.StartAsync(nodes, (id, defaults) => defaults with
            {
                Config = config,
                Elector = spec,
                Store = harness._stores[id],
                Time = clock.Time,
                JitterSeed = unchecked(seed * 7919 + int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)),
                ReconnectMax = reconnectMax,
                // A connect that waits on a full accept queue (N−1 peers dialing a node that just
                // started) completes on the kernel's SYN retry after about 1 s; giving up at 1 s
                // instead churns sockets and, past ~80 nodes, exhausts the descriptors.
                ConnectTimeout = TimeSpan.FromSeconds(5),
                OnTopologyChange = change => harness.OnReport(change),
                OnStep = monitor.OnStep,
            }, ct).ConfigureAwait(false);
        }
        catch
        {
            await harness.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return harness;
    }

    /// <summary>The node's durable pair.</summary>
    public PersistedVote StoreOf(string id) => _stores[id].Durable;

    /// <summary>The node's snapshot, or null while it is killed.</summary>
    public NodeSnapshot? Snapshot(string id) => Cluster[id]?.Snapshot();

    /// <summary>Counters summed over every node and every incarnation so far.</summary>
    public CounterTotals Totals()
    {
        CounterTotals totals;
        lock (_gate) totals = _retired;
        foreach (var id in NodeIds)
            if (Cluster[id] is { } node) totals = totals.Add(node.Snapshot().Counters);
        return totals;
    }

    /// <summary>Kills <paramref name="id"/>: its sockets close now; its data directory stays.</summary>
    public async Task KillAsync(string id)
    {
        if (Cluster[id] is { } node)
        {
            var counters = node.Snapshot().Counters;
            lock (_gate) _retired = _retired.Add(counters);
        }
        Tracker.MarkKilled(id, _clock.Now);
        await Cluster.KillAsync(id).ConfigureAwait(false);
    }

    /// <summary>Starts <paramref name="id"/> again on its port and data directory, as <paramref name="role"/>.</summary>
    public async Task RestartAsync(string id, Role role)
    {
        lock (_gate) _origins[id] = long.MaxValue;
        Tracker.MarkRestarted(id, _clock.Now);
        await Cluster.RestartAsync(id, role).ConfigureAwait(false);
    }

    /// <summary>Cuts every link between <paramref name="minority"/> and the other nodes, both ways.</summary>
    public void Partition(IReadOnlyCollection<string> minority)
    {
        foreach (var (from, to) in Across(minority)) Cluster.Cut(from, to);
    }

    /// <summary>Heals the links <see cref="Partition"/> cut.</summary>
    public void Heal(IReadOnlyCollection<string> minority)
    {
        foreach (var (from, to) in Across(minority)) Cluster.Heal(from, to);
    }

    /// <summary>Stops every node and deletes the data directories.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync().ConfigureAwait(false);
        try
        {
            if (Directory.Exists(DataRoot)) Directory.Delete(DataRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Temporary files only; the OS cleans the temp folder eventually.
        }
    }

    private IEnumerable<(string From, string To)> Across(IReadOnlyCollection<string> minority)
    {
        foreach (var inside in minority)
            foreach (var outside in NodeIds.Where(n => !minority.Contains(n)))
            {
                yield return (inside, outside);
                yield return (outside, inside);
            }
    }

    // Elector time counts from each node's (re)start, which the transport does not expose: the
    // smallest (callback instant − reported instant) seen per incarnation is that start plus the
    // callback's smallest delay (microseconds: the callback runs on the elector loop right after the step).
    private void OnReport(TopologyChange change)
    {
        var now = _clock.Time.GetTimestamp();
        var nowRun = _clock.At(now);
        TimeSpan at;
        lock (_gate)
        {
            var offsetTicks = (nowRun - change.At).Ticks;
            if (offsetTicks < _origins[change.NodeId]) _origins[change.NodeId] = offsetTicks;
            at = TimeSpan.FromTicks(_origins[change.NodeId]) + change.At;
        }
        Tracker.Record(new NodeObservation(change.NodeId, change.Role, change.Epoch, change.Primary, change.HasQuorum, at));
    }
}
