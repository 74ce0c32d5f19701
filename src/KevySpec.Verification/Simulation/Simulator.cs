using KevySpec.Checking;

namespace KevySpec.Simulation;

/// <summary>
/// Deterministic simulator: a cluster of generated electors under virtual time, driven by a seeded
/// scheduler, with per-link delay, loss, duplication and reordering, one-way and symmetric
/// partitions, pauses, kills, restarts on the persisted store and moving replication offsets. The
/// same seed gives the same run, byte for byte. Safety invariants are checked after every step;
/// liveness from a deadline after faults stop.
/// </summary>
public sealed partial class Simulator
{
    private static readonly TimeSpan OneMicrosecond = TimeSpan.FromMicroseconds(1);

    private readonly ElectorDefinition _definition;
    private readonly SimOptions _options;
    private readonly long _seed;
    private readonly Random _random;
    private readonly SteppedCluster _cluster;
    private readonly string[] _members;
    private readonly Host[] _hosts;
    private readonly PriorityQueue<Pending, (long Ticks, long Seq)> _queue = new();
    private readonly List<ScenarioEvent> _events = [];
    private readonly InvariantSet _invariants;
    private long _seq;
    private TimeSpan _now;
    private bool _quiet;
    private bool _livenessArmed;
    private Violation? _simViolation;
    private TimeSpan _faultsStoppedAt;
    private int _elections;
    private ulong _maxEpoch;

    private Simulator(ElectorDefinition definition, SimOptions options, long seed)
    {
        _definition = definition;
        _options = options;
        _seed = seed;
        _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        _members = [.. options.Members];
        _invariants = InvariantSet.ForSpec(definition.Table);
        _cluster = new SteppedCluster(definition, _members, options.Config, _invariants);
        _hosts = new Host[_members.Length];
        for (var i = 0; i < _hosts.Length; i++) _hosts[i] = new Host();
        _links = new Link[_members.Length, _members.Length];
    }

    /// <summary>Runs one seed.</summary>
    /// <exception cref="ArgumentException">The options are not usable; the message says why.</exception>
    /// <exception cref="UnknownInvariantException">The spec names an invariant the checker does not implement.</exception>
    public static SimResult Run(ElectorDefinition definition, SimOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        return new Simulator(definition, options, seed).Run();
    }

    private SimResult Run()
    {
        SetUpNetwork();
        var bootstrap = _random.Next(2) == 0;
        for (var i = 0; i < _members.Length; i++)
        {
            Record(_cluster.New(_members[i], bootstrap && i == 0 ? Role.Primary : Role.Replica, Jitter()));
            WakeAt(i, TimeSpan.FromMicroseconds(_random.NextInt64((long)_options.Config.HbInterval.TotalMicroseconds)));
        }
        if (_options.FaultPhase > TimeSpan.Zero) Enqueue(NextFaultAt(), new Pending(PendingKind.Fault));
        Enqueue(_options.FaultPhase, new Pending(PendingKind.Quiet));

        while (_queue.TryDequeue(out var pending, out var at))
        {
            _now = TimeSpan.FromTicks(at.Ticks);
            if (pending.Kind == PendingKind.End)
            {
                if (_options.QuietChecks && _invariants.Checks(InvariantNames.Convergence)) _simViolation ??= Convergence();
                break;
            }
            Handle(pending);
            if (_cluster.Violation is not null || _simViolation is not null) break;
        }
        return Result();
    }

    private void Handle(Pending pending)
    {
        switch (pending.Kind)
        {
            case PendingKind.Wake:
                Wake(pending);
                break;
            case PendingKind.Arrive:
                Arrive(pending);
                break;
            case PendingKind.Fault:
                InjectFault();
                var next = NextFaultAt();
                if (next < _options.FaultPhase) Enqueue(next, new Pending(PendingKind.Fault));
                break;
            case PendingKind.Quiet:
                StopFaults();
                break;
            case PendingKind.Deadline:
                _livenessArmed = _invariants.Checks(InvariantNames.Liveness);
                CheckLiveness();
                Enqueue(_now + _options.Settle, new Pending(PendingKind.End));
                break;
            case PendingKind.ArmNoDisruption:
                _disruptionArmed = _invariants.Checks(InvariantNames.NoDisruption);
                break;
            case PendingKind.Restart:
                PostFaultEvent();
                var after = _now + Gap(_options.MeanRestartGap);
                if (after < _restartPhaseEnd) Enqueue(after, new Pending(PendingKind.Restart));
                break;
            case PendingKind.Revive:
                if (!_hosts[pending.Node].Alive) Revive(pending.Node);
                break;
        }
    }

    private void Wake(Pending pending)
    {
        var host = _hosts[pending.Node];
        if (!host.Alive || pending.Incarnation != host.Incarnation || pending.Generation != host.WakeGeneration) return;
        if (host.PausedUntil > _now)
        {
            WakeAt(pending.Node, host.PausedUntil);
            return;
        }
        var step = _cluster.Tick(_members[pending.Node], _now);
        host.LastTick = _now;
        Record(step);
        Dispatch(pending.Node, step.Out!);
        ScheduleWake(pending.Node);
    }

    private void Arrive(Pending pending)
    {
        var host = _hosts[pending.Node];
        var message = pending.Message!;
        if (!host.Alive || pending.Incarnation != host.Incarnation)
        {
            Lost(pending.From, pending.Node, message);
            return;
        }
        if (host.PausedUntil > _now)
        {
            Enqueue(host.PausedUntil, pending);
            return;
        }
        Delivered(pending);
        var step = _cluster.Deliver(_members[pending.From], _members[pending.Node], message, _now);
        Record(step);
        Dispatch(pending.Node, step.Out!);
        // A host ticks after each inbound message (Elector.NextTickAt covers only what time changes).
        WakeAt(pending.Node, _now);
    }

    private void ScheduleWake(int node)
    {
        var next = _cluster.ElectorOf(_members[node])!.NextTickAt();
        if (next is not { } at)
        {
            _hosts[node].WakeGeneration++;
            return;
        }
        // "At or before the last step" means now; after a tick at this very instant, the next one
        // waits a microsecond, so an elector that keeps asking for "now" cannot stall virtual time.
        if (at <= _now) at = _hosts[node].LastTick == _now ? _now + OneMicrosecond : _now;
        WakeAt(node, RoundUp(at));
    }

    private void WakeAt(int node, TimeSpan at)
    {
        var host = _hosts[node];
        host.WakeGeneration++;
        Enqueue(at, new Pending(PendingKind.Wake, node, Incarnation: host.Incarnation, Generation: host.WakeGeneration));
    }

    private void Record(ClusterStep step, string? remark = null)
    {
        _events.Add(new ScenarioEvent(ScenarioEventKind.Step, _now, step, Text: remark));
        if (step.Out is { } sent)
            foreach (var item in sent)
                if (item.Message is Announce announce && announce.PrimaryId == step.Node) _elections++;
        if (step.Kind != StepKind.Crash && step.State.Epoch > _maxEpoch) _maxEpoch = step.State.Epoch;
        CheckSimulatorInvariants(step);
        if (_livenessArmed) CheckLiveness();
    }

    private void CheckLiveness()
    {
        if (_livenessArmed && _simViolation is null) _simViolation = LivenessMonitor.Check(_cluster, _options.LivenessDeadline);
    }

    private void Note(string text) => _events.Add(new ScenarioEvent(ScenarioEventKind.Fault, _now, Text: text));

    private void Enqueue(TimeSpan at, Pending pending) => _queue.Enqueue(pending, (at.Ticks, _seq++));

    private TimeSpan Jitter() =>
        _options.Config.ElectionBackoffJitter <= TimeSpan.Zero ? TimeSpan.Zero
            : TimeSpan.FromMicroseconds(_random.NextInt64((long)_options.Config.ElectionBackoffJitter.TotalMicroseconds));

    private static TimeSpan RoundUp(TimeSpan at)
    {
        var rest = at.Ticks % TimeSpan.TicksPerMicrosecond;
        return rest == 0 ? at : at + TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond - rest);
    }

    private SimResult Result()
    {
        var violation = _cluster.Violation ?? _simViolation;
        Counterexample? counterexample = null;
        if (violation is not null)
            counterexample = new Counterexample(_definition.Name, $"{_definition.Name}-{violation.Invariant}-{_options.Label}n{_members.Length}-seed{_seed}", violation, _members, _seed, _events);
        return new SimResult(_seed, _cluster.Steps.Count(s => s.Kind != StepKind.Crash), _now, _elections, _maxEpoch, counterexample, _events);
    }

    private enum PendingKind { Wake, Arrive, Fault, Quiet, ArmNoDisruption, Restart, Revive, Deadline, End }

    private readonly record struct Pending(PendingKind Kind, int Node = 0, int From = 0, ElectionMessage? Message = null, int Incarnation = 0, long Generation = 0,
        TimeSpan SentAt = default);

    private sealed class Host
    {
        public bool Alive { get; set; } = true;

        public int Incarnation { get; set; }

        public long WakeGeneration { get; set; }

        public TimeSpan PausedUntil { get; set; }

        public TimeSpan LastTick { get; set; } = TimeSpan.MinValue;
    }
}
