using System.Globalization;
using KevySpec.Load.Fleet;
using KevySpec.Load.Metrics;
using KevySpec.Load.Safety;
using KevySpec.Transport;

namespace KevySpec.Load.Runner;

/// <summary>
/// A run's cluster: its nodes in this process (one <see cref="LocalFleet"/>) or spread over node host
/// processes (one <see cref="RemoteFleet"/> each) when one process cannot hold them all. Every node keeps
/// a store that outlives its incarnations (a file store in its own temporary data directory, or one in
/// memory); the harness puts the nodes' topology reports on the run's time line, feeds their steps to
/// the safety monitor and their saves to the election ledger. Disposing stops every node and host and
/// deletes the data directories.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    private readonly RunClock _clock;
    private readonly Dictionary<string, INodeFleet> _fleetOf = new(StringComparer.Ordinal);
    private readonly List<INodeFleet> _fleets = [];
    private readonly Dictionary<string, long> _origins = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly OnlineSafetyMonitor _monitor;

    private ClusterHarness(IReadOnlyList<string> ids, RunClock clock, TopologyTracker tracker, OnlineSafetyMonitor monitor, string dataRoot, int hosts)
    {
        _monitor = monitor;
        NodeIds = ids;
        _clock = clock;
        Tracker = tracker;
        DataRoot = dataRoot;
        Hosts = hosts;
        foreach (var id in ids) _origins[id] = long.MaxValue;
    }

    /// <summary>The nodes' reports, kills and restarts.</summary>
    public TopologyTracker Tracker { get; }

    /// <summary>The folder holding one data directory per node (deleted on dispose).</summary>
    public string DataRoot { get; }

    /// <summary>The node ids, <c>n1</c> (the bootstrap primary) first.</summary>
    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>How many node host processes run the nodes (0: all in this process).</summary>
    public int Hosts { get; }

    /// <summary>The node ids a cluster of <paramref name="nodes"/> will have.</summary>
    public static IReadOnlyList<string> IdsFor(int nodes) => LoopbackCluster.IdsFor(nodes);

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes running <paramref name="spec"/> with <paramref name="config"/>, in this
    /// process (<paramref name="hosts"/> 0) or spread evenly over <paramref name="hosts"/> node host processes.
    /// </summary>
    public static Task<ClusterHarness> StartAsync(
        int nodes, int hosts, ElectorDefinition spec, ElectConfig config, int seed, bool fileStores, RunClock clock,
        OnlineSafetyMonitor monitor, ElectionLedger ledger, TopologyTracker tracker, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hosts);
        var ids = IdsFor(nodes);
        var endpoints = LoopbackCluster.ReservePorts(ids).ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);
        IReadOnlyList<FleetPart> parts = hosts == 0
            ? [new FleetPart(ids, Remote: false, async (plan, events, token) => await LocalFleet.StartAsync(plan, events, token, spec).ConfigureAwait(false))]
            : [.. Partition(ids, hosts).Select((part, i) => new FleetPart(part, Remote: true, async (plan, events, token) =>
                await RemoteFleet.StartAsync(plan, events, $"node host {i + 1} ({part[0]}..{part[^1]})", token).ConfigureAwait(false)))];
        return StartAsync(ids, endpoints, parts, spec, config, seed, fileStores, clock, monitor, ledger, tracker, ct);
    }

    /// <summary>
    /// Starts the members <paramref name="ids"/> listening at <paramref name="endpoints"/>, each part's nodes in the fleet its
    /// starter makes (in parallel), with a fresh data root; the nodes run <paramref name="spec"/> with <paramref name="config"/>.
    /// </summary>
    public static async Task<ClusterHarness> StartAsync(
        IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> endpoints, IReadOnlyList<FleetPart> parts,
        ElectorDefinition spec, ElectConfig config, int seed, bool fileStores, RunClock clock,
        OnlineSafetyMonitor monitor, ElectionLedger ledger, TopologyTracker tracker, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var root = Path.Combine(Path.GetTempPath(), $"kevyspec-load-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(root);
        var harness = new ClusterHarness(ids, clock, tracker, monitor, root, parts.Count(p => p.Remote));
        var events = new FleetEvents(harness.OnReport, (step, timestamp) =>
        {
            monitor.OnStep(step);
            foreach (var save in step.Saves) ledger.OnSave(new SaveEvent(step.NodeId, save.Vote, save.EpochAtSave, clock.At(timestamp)));
        });
        try
        {
            var starting = parts
                .Select(part => part.Start(new FleetPlan(ids, endpoints, part.Hosted, spec.Name, config, seed, fileStores, root), events, ct))
                .ToArray();
            try
            {
                await Task.WhenAll(starting).ConfigureAwait(false);
            }
            finally
            {
                foreach (var fleet in starting.Where(t => t.IsCompletedSuccessfully)) harness.Add(fleet.Result);
            }
        }
        catch
        {
            await harness.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return harness;
    }

    /// <summary>Splits <paramref name="ids"/> into <paramref name="parts"/> runs of consecutive ids, as even as can be.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Partition(IReadOnlyList<string> ids, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, ids.Count);
        var result = new List<IReadOnlyList<string>>();
        var start = 0;
        for (var i = 0; i < parts; i++)
        {
            var size = (ids.Count - start) / (parts - i);
            result.Add([.. ids.Skip(start).Take(size)]);
            start += size;
        }
        return result;
    }

    /// <summary>The node's snapshot (a hosted node's as of its host's latest status), or null while it is killed.</summary>
    public NodeSnapshot? Snapshot(string id) => FleetOf(id).Snapshot(id);

    /// <summary>Counters summed over every node and every incarnation so far, and what the node hosts used.</summary>
    public async Task<HarnessReading> ReadAsync(CancellationToken ct = default)
    {
        var readings = await Task.WhenAll(_fleets.Select(f => f.ReadAsync(ct))).ConfigureAwait(false);
        var counters = CounterTotals.Zero;
        foreach (var reading in readings) counters = counters.Add(reading.Counters);
        return new HarnessReading(counters, readings.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.HostCpu), readings.Sum(r => r.HostPeakMemory));
    }

    /// <summary>Kills <paramref name="id"/>: its sockets close now; its data directory stays.</summary>
    public async Task KillAsync(string id)
    {
        var at = _clock.Now;
        Tracker.MarkKilled(id, at);
        _monitor.OnKilled(id, at);
        await FleetOf(id).KillAsync(id).ConfigureAwait(false);
    }

    /// <summary>Starts <paramref name="id"/> again on its port and data directory, as <paramref name="role"/>.</summary>
    public async Task RestartAsync(string id, Role role)
    {
        lock (_gate) _origins[id] = long.MaxValue;
        var at = _clock.Now;
        Tracker.MarkRestarted(id, at);
        _monitor.OnRestarted(id, at);
        await FleetOf(id).RestartAsync(id, role).ConfigureAwait(false);
    }

    /// <summary>Notes that <paramref name="id"/>'s process was stopped (a pause the fleet made): the delay bound no longer holds.</summary>
    public void MarkPaused(string id) => _monitor.OnPaused(id, _clock.Now);

    /// <summary>Notes that <paramref name="id"/>'s stopped process goes on.</summary>
    public void MarkResumed(string id) => _monitor.OnResumed(id, _clock.Now);

    /// <summary>Cuts the one directed link <paramref name="from"/> → <paramref name="to"/> (a one-way or, with its reverse, a partial partition).</summary>
    public void Cut(string from, string to) => FleetOf(from).Cut(from, to);

    /// <summary>Cuts every link between <paramref name="minority"/> and the other nodes, both ways.</summary>
    public void Partition(IReadOnlyCollection<string> minority)
    {
        foreach (var (from, to) in Across(minority)) FleetOf(from).Cut(from, to);
    }

    /// <summary>Heals the links <see cref="Partition(IReadOnlyCollection{string})"/> cut.</summary>
    public void Heal(IReadOnlyCollection<string> minority)
    {
        foreach (var (from, to) in Across(minority)) FleetOf(from).Heal(from, to);
    }

    /// <summary>Stops every node (and node host) and deletes the data directories.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_fleets.Select(f => f.DisposeAsync().AsTask())).ConfigureAwait(false);
        _fleets.Clear();
        try
        {
            if (Directory.Exists(DataRoot)) Directory.Delete(DataRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Temporary files only; the OS cleans the temp folder eventually.
        }
    }

    private void Add(INodeFleet fleet)
    {
        _fleets.Add(fleet);
        foreach (var id in fleet.NodeIds) _fleetOf[id] = fleet;
    }

    private INodeFleet FleetOf(string id) =>
        _fleetOf.TryGetValue(id, out var fleet) ? fleet : throw new ArgumentException($"'{id}' is not a node of this run", nameof(id));

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
    private void OnReport(TopologyChange change, long timestamp)
    {
        var reportedAt = _clock.At(timestamp);
        TimeSpan at;
        lock (_gate)
        {
            var offsetTicks = (reportedAt - change.At).Ticks;
            if (offsetTicks < _origins[change.NodeId]) _origins[change.NodeId] = offsetTicks;
            at = TimeSpan.FromTicks(_origins[change.NodeId]) + change.At;
        }
        var observation = new NodeObservation(change.NodeId, change.Role, change.Epoch, change.Primary, change.HasQuorum, at);
        Tracker.Record(observation);
        _monitor.OnReport(observation);
    }
}

/// <summary>Starts the fleet that hosts the members a plan names (<see cref="FleetPlan.Hosted"/>).</summary>
public delegate Task<INodeFleet> FleetStarter(FleetPlan plan, FleetEvents events, CancellationToken ct);

/// <summary>Some members of a run and how to start the fleet hosting them.</summary>
/// <param name="Hosted">The members, in member order.</param>
/// <param name="Remote">True when the fleet is a node host process (counted in <see cref="ClusterHarness.Hosts"/>).</param>
/// <param name="Start">Starts their fleet.</param>
public sealed record FleetPart(IReadOnlyList<string> Hosted, bool Remote, FleetStarter Start);

/// <summary>A reading of every fleet of a run.</summary>
/// <param name="Counters">Transport counters over every node and incarnation.</param>
/// <param name="HostCpu">CPU time of the node host processes so far (zero when the nodes run in the runner's process).</param>
/// <param name="HostPeakMemory">The node hosts' peak resident sets, summed, in bytes.</param>
public sealed record HarnessReading(CounterTotals Counters, TimeSpan HostCpu, long HostPeakMemory);
