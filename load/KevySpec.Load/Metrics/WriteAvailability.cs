using KevySpec.Load.Runner;

namespace KevySpec.Load.Metrics;

/// <summary>One failover's write availability beside its election.</summary>
/// <param name="Event">The event that took the primary away.</param>
/// <param name="Writer">The first primary of a newer epoch that answered <c>has_quorum</c> true, or null when none did before the event ended.</param>
/// <param name="Writable">Fault → that answer, or null.</param>
public sealed record FailoverWrites(EventRecord Event, string? Writer, TimeSpan? Writable);

/// <summary>A stretch of run time in which no live primary answered <c>has_quorum</c> true.</summary>
/// <param name="From">Run time it began.</param>
/// <param name="To">Run time it ended.</param>
public sealed record UnwritableStretch(TimeSpan From, TimeSpan To)
{
    /// <summary>Its length.</summary>
    public TimeSpan Length => To - From;
}

/// <summary>
/// When writes could be taken, read off the nodes' topology reports: a node is writable while it is
/// alive and its last report says primary with <c>has_quorum</c> true (the write fence a client's
/// write would pass). Every report is stamped on the run's monotonic clock, and nodes report after
/// every step, including the tick at a view-expiry deadline, so a fence closing is seen when it closes.
/// </summary>
/// <param name="Failovers">Every event that took the primary away, in start order.</param>
/// <param name="Unwritable">The stretches of the measured window with no writable node, in time order.</param>
public sealed record WriteAvailability(IReadOnlyList<FailoverWrites> Failovers, IReadOnlyList<UnwritableStretch> Unwritable)
{
    /// <summary>The write availability of <paramref name="run"/> over its measured window.</summary>
    public static WriteAvailability Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Of(run.Timeline, run.Events, run.MeasuredFrom, run.MeasuredTo);
    }

    /// <summary>
    /// The write availability of <paramref name="timeline"/> (reports, kills and restarts, in any order;
    /// ties keep their order) for <paramref name="events"/>, with unwritable time counted in
    /// [<paramref name="from"/>, <paramref name="to"/>]. A failover is writable at the first instant
    /// from its fault on at which a primary of an epoch above the event's old epoch is writable,
    /// searched until the event's end.
    /// </summary>
    public static WriteAvailability Of(IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<EventRecord> events, TimeSpan from, TimeSpan to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(events);
        var writers = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var failovers = events.Where(e => e.TouchesPrimary).OrderBy(e => e.Start).ThenBy(e => e.Id).ToArray();
        var found = new Dictionary<int, FailoverWrites>();
        var open = new List<EventRecord>();
        var next = 0;
        var stretches = new List<UnwritableStretch>();
        TimeSpan? emptySince = TimeSpan.Zero;

        // Judges the faults begun by at: with before, those begun since the last entry, on the state that
        // held from their start (nothing changed in between); otherwise every open one, on the state after at's entry.
        void Judge(TimeSpan at, bool before)
        {
            List<EventRecord> judged = before ? [] : [.. open];
            while (next < failovers.Length && (failovers[next].Start < at || (!before && failovers[next].Start == at)))
            {
                open.Add(failovers[next]);
                judged.Add(failovers[next++]);
            }
            foreach (var e in judged)
            {
                var instant = before ? e.Start : at;
                var writer = writers.Where(w => w.Value > e.OldEpoch).Select(w => w.Key).Order(StringComparer.Ordinal).FirstOrDefault();
                if (instant > e.End) found[e.Id] = new FailoverWrites(e, null, null);
                else if (writer is null) continue;
                else found[e.Id] = new FailoverWrites(e, writer, instant - e.Start);
                open.Remove(e);
            }
        }

        void Close(TimeSpan at)
        {
            if (emptySince is not { } since) return;
            var start = since > from ? since : from;
            var end = at < to ? at : to;
            if (end > start) stretches.Add(new UnwritableStretch(start, end));
        }

        foreach (var entry in timeline.OrderBy(e => e.At))
        {
            Judge(entry.At, before: true);
            if (entry.Kind == TimelineKind.Report && entry.Role == Role.Primary && entry.HasQuorum) writers[entry.NodeId] = entry.Epoch;
            else writers.Remove(entry.NodeId);
            Judge(entry.At, before: false);

            if (writers.Count == 0) emptySince ??= entry.At;
            else
            {
                Close(entry.At);
                emptySince = null;
            }
        }
        Close(to);
        return new WriteAvailability([.. failovers.Select(e => found.TryGetValue(e.Id, out var f) ? f : new FailoverWrites(e, null, null))], stretches);
    }

    /// <summary>Fault → writable, of every failover that became writable.</summary>
    public LatencyHistogram Writable()
    {
        var histogram = new LatencyHistogram();
        foreach (var f in Failovers) if (f.Writable is { } latency) histogram.Record(latency);
        return histogram;
    }

    /// <summary>Total unwritable time in the measured window.</summary>
    public TimeSpan UnwritableTotal => TimeSpan.FromTicks(Unwritable.Sum(s => s.Length.Ticks));

    /// <summary>The longest unwritable stretch, or zero when there was none.</summary>
    public TimeSpan UnwritableMax => Unwritable.Count == 0 ? TimeSpan.Zero : Unwritable.Max(s => s.Length);
}
