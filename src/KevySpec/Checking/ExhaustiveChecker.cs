using System.Diagnostics;

namespace KevySpec.Checking;

/// <summary>
/// Bounded exhaustive model checker: from the initial states, explores every interleaving of
/// ticks, message delivery, loss and duplication, time passing (by the configured steps), crashes,
/// restarts and offset moves, breadth first with state hashing, so the first counterexample found
/// for an invariant is a shortest one. Runs the real generated elector, restoring one instance per
/// node from snapshots. One instance runs one search at a time (it is not thread-safe).
/// </summary>
public sealed partial class ExhaustiveChecker
{
    private readonly ElectorDefinition _definition;
    private readonly CheckOptions _options;
    private readonly InvariantSet _invariants;
    private readonly string[] _members;
    private readonly int _n;
    private readonly HashSet<WorldState> _visited = [];
    private readonly Dictionary<string, (WorldState State, Violation Violation)> _found = [];
    private List<WorldState> _next = [];
    private long _explored;

    /// <summary>A checker of <paramref name="definition"/>'s elector within <paramref name="options"/>' bounds.</summary>
    /// <exception cref="ArgumentException">The options are not usable; the message says why.</exception>
    /// <exception cref="UnknownInvariantException">The spec names an invariant the checker does not implement.</exception>
    public ExhaustiveChecker(ElectorDefinition definition, CheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        _definition = definition;
        _options = options;
        _invariants = InvariantSet.ForSpec(definition.Table);
        _members = [.. options.Members];
        _n = _members.Length;
        _time = new AbstractTime(options.Config);
        _advances = [.. options.EffectiveAdvances];
        _messages = new MessageTable(_n);
        _electors = new Elector[_n];
        _stores = new Simulation.StepRecordingStore[_n];
        _statuses = new NodeStatus[_n];
        _buffer = new int[2 * options.LinkCapacity * _n * _n + 1];
        for (var i = 0; i < _n; i++)
        {
            _electors[i] = Create(i, Role.Replica);
            _stores[i] = new Simulation.StepRecordingStore { Owner = _electors[i] };
            _electors[i].AttachStore(_stores[i]);
        }
    }

    /// <summary>The checked invariants.</summary>
    public InvariantSet Invariants => _invariants;

    /// <summary>Runs the search from the initial states; <paramref name="progress"/> is called about once a second.</summary>
    public ExhaustiveResult Run(Action<CheckProgress>? progress = null, CancellationToken cancel = default)
    {
        _visited.Clear();
        _found.Clear();
        _explored = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var level = new List<WorldState>();
        foreach (var start in InitialStates())
            if (_visited.Add(start)) level.Add(start);

        var safety = _invariants.SafetyNames.ToList();
        var depth = 0;
        var stop = CheckStop.Exhausted;
        while (level.Count > 0)
        {
            if (depth == _options.MaxDepth) { stop = CheckStop.DepthBound; break; }
            _next = [];
            for (var k = 0; k < level.Count; k++)
            {
                Expand(level[k]);
                if ((k & 255) == 0)
                {
                    if (cancel.IsCancellationRequested) { stop = CheckStop.Cancelled; break; }
                    if (progress is not null && clock.Elapsed - lastReport >= TimeSpan.FromSeconds(1))
                    {
                        lastReport = clock.Elapsed;
                        progress(new CheckProgress(_explored, _visited.Count, depth + 1, clock.Elapsed, _found.Count));
                    }
                    if (_visited.Count >= _options.MaxStates) { stop = CheckStop.StateLimit; break; }
                }
            }
            if (stop is CheckStop.Cancelled or CheckStop.StateLimit) break;
            depth++;
            if (safety.Count > 0 && safety.All(_found.ContainsKey)) { stop = CheckStop.AllViolated; break; }
            level = _next;
        }
        clock.Stop();
        progress?.Invoke(new CheckProgress(_explored, _visited.Count, depth, clock.Elapsed, _found.Count));

        var counterexamples = _found
            .OrderBy(f => f.Value.State.Depth)
            .ThenBy(f => InvariantOrder(f.Key))
            .Select(f => Concretize(f.Value.State, f.Value.Violation))
            .ToList();
        IReadOnlyList<string> unchecked_ = [.. _invariants.SimulatorOnlyNames];
        return new ExhaustiveResult(_explored, _visited.Count, depth, stop, clock.Elapsed, counterexamples, unchecked_);
    }

    private static int InvariantOrder(string name)
    {
        for (var i = 0; i < InvariantNames.All.Count; i++)
            if (InvariantNames.All[i] == name) return i;
        return int.MaxValue;
    }

    // Every successor of a state, in a fixed order (so runs are reproducible): ticks, then each
    // message in flight (deliver, duplicate, lose), time steps, crashes, restarts, offset moves.
    private void Expand(WorldState state)
    {
        for (var i = 0; i < _n; i++)
            if (state.Nodes[i] is not null) TickNode(state, i);
        for (var k = 0; k < state.Network.Length; k++)
        {
            if (state.Nodes[_messages.To(state.Network[k])] is null) continue;
            Deliver(state, k, keep: false);
            if (_options.Duplication) Deliver(state, k, keep: true);
            if (_options.Loss) Drop(state, k);
        }
        for (var a = 0; a < _advances.Length; a++) Advance(state, a);
        for (var i = 0; i < _n; i++)
        {
            if (state.Nodes[i] is not null)
            {
                if (state.Crashes < _options.MaxCrashes) Crash(state, i);
                if (state.Offsets[i] < _options.MaxOffset) RaiseOffset(state, i);
            }
            else
            {
                for (var r = 0; r < _options.RestartRoles.Count; r++) Restart(state, i, r);
            }
        }
    }

    private void Emit(WorldState next, Violation? violation)
    {
        _explored++;
        if (violation is not null)
        {
            _found.TryAdd(violation.Invariant, (next, violation));
            return;
        }
        if (_visited.Add(next)) _next.Add(next);
    }
}
