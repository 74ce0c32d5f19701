using System.Collections.Concurrent;
using System.Diagnostics;
using KevySpec.Properties;

namespace KevySpec.Checking;

/// <summary>
/// Bounded exhaustive model checker: from the initial states, explores every interleaving of
/// ticks, message delivery, loss and duplication, time passing (by the configured steps), crashes,
/// restarts and offset moves, breadth first, so the first counterexample found for an invariant is
/// a shortest one. Runs the real generated elector, restoring one instance per node and worker from
/// snapshots. Each level is expanded by <see cref="CheckOptions.Workers"/> threads; seen states are
/// kept as 64-bit fingerprints (<see cref="FingerprintTable"/>) and the level being expanded as
/// packed rows (<see cref="StateCodec"/>). From every expanded state (up to
/// <see cref="CheckOptions.LivenessDepth"/>) the deterministic quiet continuation checks liveness.
/// Results do not depend on the number of workers. One instance runs one search at a time.
/// </summary>
public sealed partial class ExhaustiveChecker
{
    // A state's key in its level: its parent's index in the level before, then the number of the
    // move that led to it. The smallest key is the state's first discovery in breadth-first order.
    private const int MoveBits = 20;

    private readonly ElectorDefinition _definition;
    private readonly CheckOptions _options;
    private readonly InvariantSet _invariants;
    private readonly string[] _members;
    private readonly int _n;
    private readonly AbstractTime _time;
    private readonly TimeSpan[] _advances;
    private readonly MessageTable _messages;
    private readonly StateCodec _codec;
    private readonly ConcurrentDictionary<(int Node, Role Role), ElectorSnapshot> _fresh = new();
    private readonly ConcurrentDictionary<(ElectorSnapshot Snapshot, int Advance), ElectorSnapshot> _shifted = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Found> _found = [];
    private readonly List<long[]> _keys = [];
    private FingerprintTable _visited = new();
    private long _explored;
    private TimeSpan _lastReport;

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
        _codec = new StateCodec(_n);
    }

    /// <summary>The checked invariants.</summary>
    public InvariantSet Invariants => _invariants;

    /// <summary>Runs the search from the initial states; <paramref name="progress"/> is called about once a second.</summary>
    public ExhaustiveResult Run(Action<CheckProgress>? progress = null, CancellationToken cancel = default)
    {
        _visited = new FingerprintTable();
        _found.Clear();
        _keys.Clear();
        _explored = 0;
        _lastReport = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var stepper = new Stepper(this);

        var starts = Starts().Count;
        var rows = new List<int[]>();
        var startKeys = new List<long>();
        for (var s = 0; s < starts; s++)
        {
            var row = new int[_codec.Width];
            _codec.Pack(InitialState(s), row);
            if (!_visited.Add(StateCodec.Fingerprint(row))) continue;
            rows.Add(row);
            startKeys.Add(s);
        }
        var level = new PackedLevel(_codec.Width, rows.Count);
        for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(level.Row(i));
        _keys.Add([.. startKeys]);

        var quiet = ChecksQuiet && _options.LivenessDepth > 0;
        // Up to 2^25 slots (512 MiB, room for the continuations of millions of recent states); less for shallow searches.
        var memo = new QuietMemo(quiet ? Math.Clamp(10 + 2 * _options.MaxDepth, 16, 25) : 1);
        // The invariants this run decides: the per-step ones, and those of the quiet continuation when it runs.
        bool Decided(Property p) => p.Needs == PropertyNeeds.Step || (quiet && (p.DecidedBy & CheckMode.Exhaustive) != 0);
        var checkedNames = _invariants.Properties.Where(Decided).Select(p => p.Name).ToList();
        var depth = 0;
        var stop = CheckStop.Exhausted;
        long frontierBytes = level.Bytes;
        while (level.Count > 0)
        {
            var last = depth + 1 == _options.MaxDepth;
            var next = last ? null : new FingerprintTable(values: true);
            var before = _visited.Count;
            var judge = quiet && depth <= _options.LivenessDepth ? memo : null;
            var outcome = RunWorkers(level.Count, (worker, index) => worker.Expand(level, index, depth, next, judge),
                () => _visited.Count + (next?.Count ?? 0), depth + 1, clock, progress, cancel);
            if (outcome is { } stopped) { stop = stopped; break; }
            depth++;
            if (next is not null)
            {
                var keys = Admit(next);
                next = null;
                var grown = new PackedLevel(_codec.Width, keys.Length);
                RunWorkers(keys.Length, (worker, index) => worker.Regenerate(level, keys[index], grown.Row(index)), () => _visited.Count, depth + 1,
                    clock, progress, CancellationToken.None);
                _keys.Add(keys);
                frontierBytes = Math.Max(frontierBytes, level.Bytes + grown.Bytes);
                level = grown;
            }
            if (checkedNames.Count > 0 && checkedNames.All(_found.ContainsKey)) { stop = CheckStop.AllViolated; break; }
            if (last)
            {
                // The last level's states are counted, not kept: new ones mean the bound cut the search.
                if (_visited.Count > before) stop = CheckStop.DepthBound;
                break;
            }
        }
        clock.Stop();
        progress?.Invoke(new CheckProgress(_explored, _visited.Count, depth, clock.Elapsed, _found.Count));

        var counterexamples = _found
            .OrderBy(f => f.Value.Depth)
            .ThenBy(f => InvariantOrder(f.Key))
            .Select(f => f.Value.Quiet ? ConcretizeQuiet(f.Value, stepper) : Concretize(PathTo(f.Value.Depth, f.Value.Key, stepper), f.Value.Violation))
            .ToList();
        IReadOnlyList<string> unchecked_ = [.. _invariants.Properties.Where(p => !Decided(p)).Select(p => p.Name)];
        var memory = new MemoryUse(_visited.Bytes, frontierBytes, _keys.Sum(k => (long)k.Length * sizeof(long)), Process.GetCurrentProcess().PeakWorkingSet64);
        return new ExhaustiveResult(_explored, _visited.Count, depth, stop, clock.Elapsed, counterexamples, unchecked_)
        {
            Workers = _options.EffectiveWorkers,
            Memory = memory,
        };
    }

    // Runs job(worker, index) for index 0 … count−1 on the workers, in chunks taken in turn; the
    // calling thread reports progress and watches the state limit and cancellation.
    private CheckStop? RunWorkers(long count, Action<Worker, long> job, Func<long> distinct, int depth, Stopwatch clock,
        Action<CheckProgress>? progress, CancellationToken cancel)
    {
        const int Chunk = 256;
        long nextChunk = 0;
        var halt = 0;
        var workers = new Task[_options.EffectiveWorkers];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Factory.StartNew(() =>
            {
                var worker = new Worker(this);
                try
                {
                    while (Volatile.Read(ref halt) == 0)
                    {
                        var start = Interlocked.Add(ref nextChunk, Chunk) - Chunk;
                        if (start >= count) break;
                        var end = Math.Min(count, start + Chunk);
                        for (var i = start; i < end; i++) job(worker, i);
                        Interlocked.Add(ref _explored, worker.TakeExplored());
                    }
                }
                finally
                {
                    Interlocked.Add(ref _explored, worker.TakeExplored());
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        CheckStop? stop = null;
        var all = Task.WhenAll(workers);
        while (!all.Wait(TimeSpan.FromMilliseconds(100)))
        {
            if (cancel.IsCancellationRequested) stop = CheckStop.Cancelled;
            else if (distinct() >= _options.MaxStates) stop = CheckStop.StateLimit;
            if (stop is not null) Volatile.Write(ref halt, 1);
            if (progress is null || clock.Elapsed - _lastReport < TimeSpan.FromSeconds(1)) continue;
            _lastReport = clock.Elapsed;
            progress(new CheckProgress(Volatile.Read(ref _explored), distinct(), depth, clock.Elapsed, FoundCount));
        }
        all.GetAwaiter().GetResult();
        if (stop is null && cancel.IsCancellationRequested) stop = CheckStop.Cancelled;
        if (stop is null && distinct() >= _options.MaxStates) stop = CheckStop.StateLimit;
        return stop;
    }

    // The new level's states: every fingerprint the level found becomes visited, and their keys,
    // sorted, give the order of the level (the order a one-thread breadth-first search finds them in).
    private long[] Admit(FingerprintTable next)
    {
        var keys = new long[next.Count];
        long filled = 0;
        Parallel.For(0, FingerprintTable.Stripes, new ParallelOptions { MaxDegreeOfParallelism = _options.EffectiveWorkers }, stripe =>
        {
            var local = new List<long>();
            foreach (var (fingerprint, key) in next.Entries(stripe))
            {
                _visited.Add(fingerprint);
                local.Add(key);
            }
            var at = Interlocked.Add(ref filled, local.Count) - local.Count;
            local.CopyTo(keys, (int)at);
        });
        Array.Sort(keys);
        return keys;
    }

    private int FoundCount
    {
        get { lock (_gate) return _found.Count; }
    }

    private void Report(Violation violation, int depth, long key, bool quiet = false)
    {
        lock (_gate)
        {
            if (_found.TryGetValue(violation.Invariant, out var known) && (known.Depth, known.Key).CompareTo((depth, key)) <= 0) return;
            _found[violation.Invariant] = new Found(depth, key, violation, quiet);
        }
    }

    // The moves from an initial state to the state with key `key` at `depth`, the start first.
    private List<Move> PathTo(int depth, long key, Stepper stepper) => PathTo(depth, key, stepper, out _);

    private List<Move> PathTo(int depth, long key, Stepper stepper, out WorldState end)
    {
        var ordinals = new List<int>();
        for (var d = depth; d > 0; d--)
        {
            ordinals.Add((int)(key & ((1 << MoveBits) - 1)));
            key = _keys[d - 1][key >> MoveBits];
        }
        ordinals.Reverse();
        var path = new List<Move> { new(MoveKind.Start, Arg: (int)key) };
        var state = InitialState((int)key);
        var moves = new List<Move>();
        foreach (var ordinal in ordinals)
        {
            stepper.Moves(state, moves);
            path.Add(moves[ordinal]);
            state = stepper.Apply(state, moves[ordinal], out _);
        }
        end = state;
        return path;
    }

    // A state from which the quiet continuation does not recover: the path to it, then the
    // continuation up to where it shows the property broken.
    private Counterexample ConcretizeQuiet(Found found, Stepper stepper)
    {
        var path = PathTo(found.Depth, found.Key, stepper, out var end);
        var quietFrom = path.Count;
        path.AddRange(new Quiet(this, stepper).Witness(end, found.Violation.Invariant, out var settledAt));
        return Concretize(path, found.Violation, quietFrom, settledAt < 0 ? -1 : quietFrom + settledAt);
    }

    private static int InvariantOrder(string name)
    {
        for (var i = 0; i < InvariantNames.All.Count; i++)
            if (InvariantNames.All[i] == name) return i;
        return int.MaxValue;
    }

    // A broken invariant's first state in breadth-first order: the state itself for a safety
    // violation, or, for a property of the quiet continuation, the state it starts from.
    private readonly record struct Found(int Depth, long Key, Violation Violation, bool Quiet = false);

    // One worker thread's tools: its stepper, a move list and a row to pack into.
    private sealed class Worker
    {
        private readonly ExhaustiveChecker _checker;
        private readonly Stepper _stepper;
        private readonly Quiet _quiet;

        public Worker(ExhaustiveChecker checker)
        {
            _checker = checker;
            _stepper = new Stepper(checker);
            _quiet = new Quiet(checker, _stepper);
            _row = new int[checker._codec.Width];
        }

        private readonly List<Move> _moves = [];
        private readonly int[] _row;

        private long _explored;

        /// <summary>The transitions taken since the last call.</summary>
        public long TakeExplored()
        {
            var taken = _explored;
            _explored = 0;
            return taken;
        }

        // Every successor of state `index` of `level` (at `depth`): violations are reported; new
        // states go to `next` with their key, or, on the last level, straight into the visited set.
        public void Expand(PackedLevel level, long index, int depth, FingerprintTable? next, QuietMemo? quietMemo)
        {
            var parentRow = level.Row(index);
            var state = _checker._codec.Unpack(parentRow);
            if (quietMemo is not null && _quiet.Judge(state, quietMemo) is { } broken)
                _checker.Report(new Violation(broken, "the quiet continuation does not recover"), depth, _checker._keys[depth][index], quiet: true);
            _stepper.Moves(state, _moves);
            for (var k = 0; k < _moves.Count; k++)
            {
                var successor = _stepper.Apply(state, _moves[k], out var violation);
                _explored++;
                var key = (index << MoveBits) | (long)k;
                if (violation is not null)
                {
                    _checker.Report(violation, depth + 1, key);
                    continue;
                }
                _checker._codec.Pack(successor, _row, state, parentRow);
                var fingerprint = StateCodec.Fingerprint(_row);
                if (_checker._visited.Contains(fingerprint)) continue;
                if (next is null) _checker._visited.Add(fingerprint);
                else next.AddOrMin(fingerprint, key);
            }
        }

        // Rebuilds the state with `key` from its parent in `level`, into `row`.
        public void Regenerate(PackedLevel level, long key, Span<int> row)
        {
            var parent = _checker._codec.Unpack(level.Row(key >> MoveBits));
            _stepper.Moves(parent, _moves);
            _checker._codec.Pack(_stepper.Apply(parent, _moves[(int)(key & ((1 << MoveBits) - 1))], out _), row);
        }
    }
}
