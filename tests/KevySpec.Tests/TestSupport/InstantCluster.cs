using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.TestSupport;

/// <summary>
/// A seeded, virtual-time cluster of <see cref="ReferenceElector"/>s whose messages arrive
/// instantly (at the instant they are sent), with a fault schedule drawn from the seed: crashes,
/// restarts (the store survives), cut links, heals and offset changes, all on whole milliseconds.
/// Every delivered message, and every offset change, is followed by a tick of its receiver. Which nodes tick at each instant
/// is up to the driver: <see cref="RunTickingEveryMillisecond"/> or <see cref="RunTickingOnlyWhenAsked"/>.
/// The result is the log of observable changes: <c>1234ms b candidate epoch=2 primary=-</c>.
/// A cluster runs once.
/// </summary>
internal sealed class InstantCluster
{
    private static readonly string[] Ids = ["a", "b", "c"];

    // Every timing is a whole number of milliseconds, so every deadline lands on the 1 ms grid.
    private static readonly ElectConfig Timings = Setups.Config(hb: 50, down: 400, timeout: 250, backoff: 100, jitter: 300);

    private readonly List<Fault> _schedule;
    private readonly Dictionary<string, Slot> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cut = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];
    private readonly TimeSpan _duration;
    private TimeSpan _now;

    public InstantCluster(int seed, TimeSpan duration)
    {
        _duration = duration;
        _schedule = Schedule(new Random(seed), duration);
        for (var i = 0; i < Ids.Length; i++)
        {
            var slot = new Slot(Ids[i], new FixedJitter(Ms(70 * i)));
            _nodes[slot.Id] = slot;
            Start(slot, i == 0 ? Role.Primary : Role.Replica);
        }
    }

    /// <summary>Ticks every live node at every millisecond.</summary>
    public IReadOnlyList<string> RunTickingEveryMillisecond() => Run(onlyWhenAsked: false);

    /// <summary>Ticks a live node only at the instants its <see cref="KevySpec.Elector.NextTickAt"/> names.</summary>
    public IReadOnlyList<string> RunTickingOnlyWhenAsked() => Run(onlyWhenAsked: true);

    /// <summary>How many instants the last run visited (the ticking-when-asked driver skips the idle ones).</summary>
    public int InstantsVisited { get; private set; }

    private IReadOnlyList<string> Run(bool onlyWhenAsked)
    {
        if (InstantsVisited > 0) throw new InvalidOperationException("a cluster runs once; build another for the other driver");
        var nextFault = 0;
        _now = TimeSpan.Zero;
        while (_now <= _duration)
        {
            InstantsVisited++;
            while (nextFault < _schedule.Count && _schedule[nextFault].At == _now) Apply(_schedule[nextFault++]);
            foreach (var id in Ids)
            {
                var slot = _nodes[id];
                if (slot.Elector is not { } elector) continue;
                var poked = slot.Poked;
                slot.Poked = false;
                if (onlyWhenAsked && !poked && !(elector.NextTickAt() is { } due && due <= _now)) continue;
                Tick(slot);
            }
            var next = _now + Ms(1);
            if (onlyWhenAsked)
            {
                var asked = _nodes.Values.Select(s => s.Elector?.NextTickAt()).OfType<TimeSpan>().Append(_duration + Ms(1));
                if (nextFault < _schedule.Count) asked = asked.Append(_schedule[nextFault].At);
                var earliest = asked.Min();
                if (earliest > next) next = earliest; // one that asks for "now" again gets the next millisecond, as every-ms ticking would
            }
            _now = next;
        }
        return _log;
    }

    // Ticks one node, then delivers what it sent and everything that causes, breadth first, at this same instant.
    private void Tick(Slot source)
    {
        var batch = source.Elector!.Tick(_now);
        Observe(source);
        var queue = new Queue<(string From, string To, ElectionMessage Message)>();
        Enqueue(queue, source.Id, batch);
        while (queue.TryDequeue(out var item))
        {
            var target = _nodes[item.To];
            if (target.Elector is not { } elector || _cut.Contains(Link(item.From, item.To))) continue;
            elector.OnMessage(item.From, item.Message, _now);
            Observe(target);
            Enqueue(queue, target.Id, elector.Tick(_now));
            Observe(target);
        }
    }

    private static void Enqueue(Queue<(string, string, ElectionMessage)> queue, string from, IReadOnlyList<Outbound> batch)
    {
        foreach (var item in batch)
        {
            if (item.IsBroadcast)
            {
                foreach (var id in Ids.Where(id => id != from)) queue.Enqueue((from, id, item.Message));
            }
            else queue.Enqueue((from, item.To, item.Message));
        }
    }

    private void Observe(Slot slot)
    {
        var state = slot.Elector is { } e ? Render.State(e) : "down";
        if (state == slot.LastState) return;
        slot.LastState = state;
        _log.Add($"{_now.TotalMilliseconds}ms {slot.Id} {state}");
    }

    private void Start(Slot slot, Role role)
    {
        slot.Elector = new ReferenceElector(slot.Id, Ids, slot.Id + ":6379", role, Timings, slot.Jitter);
        slot.Elector.AttachStore(slot.Store);
        slot.Elector.SetReplOffset(slot.Offset);
        Observe(slot);
    }

    private void Apply(Fault fault)
    {
        var slot = _nodes[fault.Node];
        switch (fault.Kind)
        {
            case FaultKind.Crash when slot.Elector is not null:
                slot.Elector = null;
                Observe(slot);
                break;
            case FaultKind.Restart when slot.Elector is null:
                Start(slot, Role.Replica);
                break;
            case FaultKind.Cut:
                _cut.Add(Link(fault.Node, fault.Other));
                _cut.Add(Link(fault.Other, fault.Node));
                break;
            case FaultKind.Heal:
                _cut.Clear();
                break;
            case FaultKind.Offset:
                // An input like a message: NextTickAt covers only what time alone changes, so the
                // host ticks after it (a higher offset can make this node the best candidate now).
                slot.Offset = fault.Offset;
                slot.Elector?.SetReplOffset(fault.Offset);
                slot.Poked = true;
                break;
        }
    }

    private static string Link(string from, string to) => from + ">" + to;

    private static List<Fault> Schedule(Random random, TimeSpan duration)
    {
        // The bootstrap primary always fails once, so every run holds at least one election.
        var faults = new List<Fault> { new(Ms(2000), FaultKind.Crash, "a", "b", 0), new(Ms(4000), FaultKind.Restart, "a", "b", 0) };
        for (var at = Ms(4000 + random.Next(1, 1500)); at < duration; at += Ms(random.Next(100, 1500)))
        {
            var node = Ids[random.Next(Ids.Length)];
            var other = Ids.First(id => id != node);
            var kind = (FaultKind)random.Next(5);
            faults.Add(new Fault(at, kind, node, kind == FaultKind.Cut ? Ids.Where(id => id != node).ElementAt(random.Next(2)) : other, (ulong)random.Next(0, 4)));
        }
        return faults;
    }

    private enum FaultKind { Crash, Restart, Cut, Heal, Offset }

    private sealed record Fault(TimeSpan At, FaultKind Kind, string Node, string Other, ulong Offset);

    private sealed class Slot(string id, IJitterSource jitter)
    {
        public string Id { get; } = id;

        public IJitterSource Jitter { get; } = jitter;

        public InMemoryElectionStore Store { get; } = new();

        public ReferenceElector? Elector { get; set; }

        public ulong Offset { get; set; }

        public string? LastState { get; set; }

        /// <summary>An input other than a message reached this node: tick it at this instant.</summary>
        public bool Poked { get; set; }
    }
}
