namespace KevySpec.Simulation;

// The simulated network: one directed link per ordered pair of nodes, FIFO like a TCP connection,
// each with its own delay range and its own loss, duplication and late-delivery (reordering)
// rates, which apply until faults stop.
public sealed partial class Simulator
{
    private readonly Link[,] _links;

    private void SetUpNetwork()
    {
        var maxDelay = (long)_options.MaxDelay.TotalMicroseconds;
        for (var from = 0; from < _members.Length; from++)
            for (var to = 0; to < _members.Length; to++)
            {
                var min = 1 + _random.NextInt64(Math.Max(1, maxDelay / 4));
                _links[from, to] = new Link
                {
                    Up = true,
                    MinDelay = min,
                    MaxDelay = Math.Max(min, 1 + _random.NextInt64(maxDelay)),
                    DropRate = _random.NextDouble() * _options.MaxDropRate,
                    DuplicateRate = _random.NextDouble() * _options.MaxDuplicateRate,
                    LateRate = _random.NextDouble() * _options.MaxLateRate,
                };
            }
    }

    private void Dispatch(int from, IReadOnlyList<Outbound> sent)
    {
        foreach (var item in sent)
        {
            if (item.IsBroadcast)
            {
                for (var to = 0; to < _members.Length; to++)
                    if (to != from) Send(from, to, item.Message);
            }
            else if (Array.IndexOf(_members, item.To) is var to and >= 0)
            {
                Send(from, to, item.Message);
            }
        }
    }

    private void Send(int from, int to, ElectionMessage message)
    {
        var target = _hosts[to];
        var link = _links[from, to];
        if (!link.Up || !target.Alive || (!_quiet && _random.NextDouble() < link.DropRate))
        {
            Lost(from, to, message);
            return;
        }
        Schedule(from, to, message, target.Incarnation);
        if (!_quiet && _random.NextDouble() < link.DuplicateRate) Schedule(from, to, message, target.Incarnation);
    }

    private void Schedule(int from, int to, ElectionMessage message, int incarnation)
    {
        var link = _links[from, to];
        var at = _now + TimeSpan.FromMicroseconds(link.MinDelay + _random.NextInt64(link.MaxDelay - link.MinDelay + 1));
        if (!_quiet && _random.NextDouble() < link.LateRate)
        {
            // A late message is the reordering fault: it may be overtaken by any later one.
            at += TimeSpan.FromMicroseconds(_random.NextInt64(1 + (long)_options.MaxLateDelay.TotalMicroseconds));
        }
        else
        {
            // Otherwise a link is FIFO, as the TCP transport is: a message never lands before one
            // sent earlier on the same link (a winner's last heartbeat saying candidate never lands
            // after its ANNOUNCE). Equal instants keep their order in the queue.
            if (at < link.LastArrival) at = link.LastArrival;
            link.LastArrival = at;
        }
        Enqueue(at, new Pending(PendingKind.Arrive, to, from, message, incarnation, SentAt: _now));
    }

    private void Lost(int from, int to, ElectionMessage message) =>
        _events.Add(new Checking.ScenarioEvent(Checking.ScenarioEventKind.Lost, _now, From: _members[from], To: _members[to], Message: message));

    private sealed class Link
    {
        public bool Up { get; set; }

        public long MinDelay { get; init; }

        public long MaxDelay { get; init; }

        public double DropRate { get; init; }

        public double DuplicateRate { get; init; }

        public double LateRate { get; init; }

        /// <summary>When the last in-order message on this link lands (FIFO delivery).</summary>
        public TimeSpan LastArrival { get; set; }
    }
}
