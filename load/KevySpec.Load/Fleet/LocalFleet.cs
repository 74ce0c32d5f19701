using KevySpec.Load.Runner;
using KevySpec.Persistence;
using KevySpec.Transport;

namespace KevySpec.Load.Fleet;

/// <summary>
/// The nodes of a <see cref="FleetPlan"/> hosted in this process: a <see cref="LoopbackCluster"/> of
/// the plan's hosted members, each with a store (a file store in its data directory, or one in memory)
/// that outlives its incarnations; their saves reach the runner with the steps that made them. Kills keep the counters of the incarnation
/// that dies. Used by the runner for clusters that fit its open-file limit, and by node host processes.
/// </summary>
public sealed class LocalFleet : INodeFleet
{
    private readonly LoopbackCluster _cluster;
    private readonly Lock _gate = new();
    private CounterTotals _retired = CounterTotals.Zero;

    private LocalFleet(LoopbackCluster cluster) => _cluster = cluster;

    /// <inheritdoc />
    public IReadOnlyList<string> NodeIds => _cluster.NodeIds;

    /// <summary>
    /// Starts the plan's hosted nodes running <paramref name="elector"/> (the plan's spec when null: a node host
    /// knows only the kit's generated electors); their reports, steps and saves go to <paramref name="events"/>.
    /// </summary>
    public static async Task<LocalFleet> StartAsync(FleetPlan plan, FleetEvents events, CancellationToken ct, ElectorDefinition? elector = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(events);
        elector ??= plan.Elector();
        var stores = plan.Hosted.ToDictionary(
            id => id,
            id => plan.FileStores ? new FileElectionStore(Path.Combine(plan.DataRoot, id)) : (IElectionStore)new InMemoryElectionStore(),
            StringComparer.Ordinal);
        var cluster = await LoopbackCluster.StartAsync(plan.Members, plan.ParsedEndpoints(), [.. plan.Hosted], (id, defaults) => defaults with
        {
            StartRole = plan.StartRole ?? defaults.StartRole,
            Config = plan.Config,
            Elector = elector,
            Store = stores[id],
            JitterSeed = plan.JitterSeedOf(id),
            ReconnectMax = plan.ReconnectMax,
            ConnectTimeout = FleetPlan.ConnectTimeout,
            OnTopologyChange = change => events.Reported(change, TimeProvider.System.GetTimestamp()),
            // Quiet steps (heartbeats only) cannot break an invariant: leave them out here, on the node's thread.
            OnStep = step =>
            {
                if (!step.IsQuiet) events.Stepped(step, TimeProvider.System.GetTimestamp());
            },
        }, ct).ConfigureAwait(false);
        return new LocalFleet(cluster);
    }

    /// <inheritdoc />
    public NodeSnapshot? Snapshot(string id) => _cluster[id]?.Snapshot();

    /// <inheritdoc />
    public Task<FleetReading> ReadAsync(CancellationToken ct = default) => Task.FromResult(new FleetReading(Totals(), TimeSpan.Zero, 0));

    /// <summary>Counters summed over every hosted node and every incarnation so far.</summary>
    public CounterTotals Totals()
    {
        CounterTotals totals;
        lock (_gate) totals = _retired;
        foreach (var id in NodeIds)
            if (_cluster[id] is { } node) totals = totals.Add(node.Snapshot().Counters);
        return totals;
    }

    /// <inheritdoc />
    public async Task KillAsync(string id)
    {
        if (_cluster[id] is { } node)
        {
            var counters = node.Snapshot().Counters;
            lock (_gate) _retired = _retired.Add(counters);
        }
        await _cluster.KillAsync(id).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RestartAsync(string id, Role role) => _cluster.RestartAsync(id, role);

    /// <inheritdoc />
    public void Cut(string from, string to) => _cluster.Cut(from, to);

    /// <inheritdoc />
    public void Heal(string from, string to) => _cluster.Heal(from, to);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
