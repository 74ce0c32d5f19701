using KevySpec.Checking;
using KevySpec.Load.Fleet;
using KevySpec.Load.Runner;
using KevySpec.Transport;

namespace KevySpec.Load.Nemesis;

/// <summary>
/// One node in its own node host process inside its own network namespace. Kills are real: the process
/// gets SIGKILL (the kernel resets its connections; steps it had not yet reported are lost, as a crash loses
/// them) and a restart starts a new host on the same data directory, as a replica. Pauses stop the process.
/// Whatever the host reported before it died has been handled when <see cref="KillAsync"/> returns; then the
/// runner's safety checker is told the node crashed.
/// </summary>
public sealed class NamespacedFleet : INodeFleet
{
    private readonly FleetPlan _plan;
    private readonly FleetEvents _events;
    private readonly string _netns;
    private readonly string _id;
    private readonly Lock _gate = new();
    private RemoteFleet? _host;
    private CounterTotals _retired = CounterTotals.Zero;
    private CounterTotals _lastReading = CounterTotals.Zero;
    private int _incarnation;

    private NamespacedFleet(FleetPlan plan, FleetEvents events, string netns, RemoteFleet host)
    {
        _plan = plan;
        _events = events;
        _netns = netns;
        _id = plan.Hosted[0];
        _host = host;
        NodeIds = plan.Hosted;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>The host process's id, or null while the node is killed.</summary>
    public int? ProcessId { get { lock (_gate) return _host?.ProcessId; } }

    /// <summary>How many times the node's process was started (1 before any restart).</summary>
    public int Incarnation { get { lock (_gate) return _incarnation; } }

    /// <summary>True while the process is stopped.</summary>
    public bool Paused { get; private set; }

    /// <summary>Starts the plan's one node in a node host inside <paramref name="netns"/>.</summary>
    public static async Task<NamespacedFleet> StartAsync(FleetPlan plan, FleetEvents events, string netns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Hosted.Count != 1) throw new ArgumentException("a namespaced fleet hosts exactly one node", nameof(plan));
        var host = await RemoteFleet.StartAsync(plan, events, $"node host {plan.Hosted[0]} (netns {netns})", ct, StartInfo(netns)).ConfigureAwait(false);
        return new NamespacedFleet(plan, events, netns, host) { _incarnation = 1 };
    }

    /// <inheritdoc />
    public NodeSnapshot? Snapshot(string id) => Host()?.Snapshot(id);

    /// <inheritdoc />
    public async Task<FleetReading> ReadAsync(CancellationToken ct = default)
    {
        var host = Host();
        if (host is null || Paused)
        {
            lock (_gate) return new FleetReading(_retired.Add(_lastReading), TimeSpan.Zero, 0);
        }
        var reading = await host.ReadAsync(ct).ConfigureAwait(false);
        lock (_gate)
        {
            _lastReading = reading.Counters;
            return reading with { Counters = _retired.Add(reading.Counters) };
        }
    }

    /// <summary>Stops the node's process (SIGSTOP).</summary>
    public void Pause()
    {
        if (ProcessId is not { } pid) throw new InvalidOperationException($"{_id} is not running");
        ProcessSignals.Stop(pid);
        Paused = true;
    }

    /// <summary>Continues the node's process (SIGCONT).</summary>
    public void Resume()
    {
        if (!Paused) return;
        if (ProcessId is { } pid) ProcessSignals.Continue(pid);
        Paused = false;
    }

    /// <inheritdoc />
    public async Task KillAsync(string id)
    {
        Check(id);
        RemoteFleet? host;
        lock (_gate)
        {
            host = _host;
            _host = null;
            // The counters of the incarnation that dies: as of its last reading.
            _retired = _retired.Add(_lastReading);
            _lastReading = CounterTotals.Zero;
        }
        if (host is null) return;
        var last = host.Snapshot(id);
        await host.CrashAsync().ConfigureAwait(false);
        await host.DisposeAsync().ConfigureAwait(false);
        Paused = false;
        var role = last?.Role ?? Role.Replica;
        var epoch = last?.Epoch ?? 0;
        _events.Stepped(new NodeStep(StepKind.Crash, id, role, epoch, role, epoch, [], [], new PersistedVote(epoch, null)), TimeProvider.System.GetTimestamp());
    }

    /// <inheritdoc />
    public async Task RestartAsync(string id, Role role)
    {
        Check(id);
        if (Host() is not null) await KillAsync(id).ConfigureAwait(false);
        int incarnation;
        lock (_gate) incarnation = ++_incarnation;
        var host = await RemoteFleet.StartAsync(_plan with { StartRole = role }, _events, $"node host {id} #{incarnation} (netns {_netns})", CancellationToken.None, StartInfo(_netns))
            .ConfigureAwait(false);
        lock (_gate) _host = host;
    }

    /// <inheritdoc />
    public void Cut(string from, string to) => (Host() ?? throw new InvalidOperationException($"{_id} is not running")).Cut(from, to);

    /// <inheritdoc />
    public void Heal(string from, string to) => (Host() ?? throw new InvalidOperationException($"{_id} is not running")).Heal(from, to);

    /// <summary>Continues the process if it is paused, then stops the host.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Paused) Resume();
        RemoteFleet? host;
        lock (_gate)
        {
            host = _host;
            _host = null;
        }
        if (host is not null) await host.DisposeAsync().ConfigureAwait(false);
    }

    // A node allocates ~130 KB/s, and this runtime sizes the first generation from the CPU's cache: left alone it ran no
    // GC at all in a 150 s run, and its resident set rose with uncollected garbage (63 → 78 MB), hiding whether anything
    // leaks. A 1 MB first generation collects every few seconds, so the resident set shows what the process keeps.
    private static System.Diagnostics.ProcessStartInfo StartInfo(string netns)
    {
        var info = HostLauncher.StartInfo(netns);
        info.Environment["DOTNET_GCgen0size"] = "0x100000";
        return info;
    }

    private RemoteFleet? Host()
    {
        lock (_gate) return _host;
    }

    private void Check(string id)
    {
        if (id != _id) throw new ArgumentException($"'{id}' is not hosted here ({_id} is)", nameof(id));
    }
}
