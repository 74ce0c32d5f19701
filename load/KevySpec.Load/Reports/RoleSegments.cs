using KevySpec.Load.Runner;

namespace KevySpec.Load.Reports;

/// <summary>What a node was doing over a stretch of the run, for the timeline chart.</summary>
public enum SegmentState
{
    /// <summary>Following a primary (or none yet).</summary>
    Replica,
    /// <summary>Standing for election.</summary>
    Candidate,
    /// <summary>Primary.</summary>
    Primary,
    /// <summary>Killed.</summary>
    Down,
}

/// <summary>One stretch of one node's timeline.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="State">What it was.</param>
/// <param name="Epoch">Its epoch over the stretch (as last reported).</param>
/// <param name="From">Run time the stretch began.</param>
/// <param name="To">Run time it ended.</param>
public sealed record RoleSegment(string NodeId, SegmentState State, ulong Epoch, TimeSpan From, TimeSpan To);

/// <summary>Turns a run's timeline into per-node stretches of role (and down time).</summary>
public static class RoleSegments
{
    /// <summary>The stretches of every node in <paramref name="nodes"/>, up to <paramref name="end"/>.</summary>
    public static IReadOnlyList<RoleSegment> From(IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<string> nodes, TimeSpan end)
    {
        var segments = new List<RoleSegment>();
        foreach (var node in nodes)
        {
            var entries = timeline.Where(e => e.NodeId == node).OrderBy(e => e.At).ToArray();
            SegmentState? state = null;
            ulong epoch = 0;
            var since = TimeSpan.Zero;
            foreach (var entry in entries)
            {
                var next = entry.Kind switch
                {
                    TimelineKind.Killed => SegmentState.Down,
                    TimelineKind.Restarted => SegmentState.Replica,
                    _ => entry.Role switch
                    {
                        Role.Primary => SegmentState.Primary,
                        Role.Candidate => SegmentState.Candidate,
                        _ => SegmentState.Replica,
                    },
                };
                var nextEpoch = entry.Kind == TimelineKind.Report ? entry.Epoch : epoch;
                if (state == next && nextEpoch == epoch) continue;
                if (state is { } current && entry.At > since) segments.Add(new RoleSegment(node, current, epoch, since, entry.At));
                state = next;
                epoch = nextEpoch;
                since = entry.At;
            }
            if (state is { } last && end > since) segments.Add(new RoleSegment(node, last, epoch, since, end));
        }
        return segments;
    }

    /// <summary>
    /// The stretches, up to <paramref name="end"/>, in which a node of <paramref name="nodes"/> was alive and
    /// reported itself primary with <c>has_quorum</c> true (its write fence open).
    /// </summary>
    public static IReadOnlyList<(string NodeId, TimeSpan From, TimeSpan To)> QuorumHeld(IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<string> nodes, TimeSpan end)
    {
        var held = new List<(string, TimeSpan, TimeSpan)>();
        foreach (var node in nodes)
        {
            TimeSpan? since = null;
            foreach (var entry in timeline.Where(e => e.NodeId == node).OrderBy(e => e.At))
            {
                var holds = entry.Kind == TimelineKind.Report && entry.Role == Role.Primary && entry.HasQuorum;
                if (holds) since ??= entry.At;
                else if (since is { } from)
                {
                    if (entry.At > from) held.Add((node, from, entry.At));
                    since = null;
                }
            }
            if (since is { } last && end > last) held.Add((node, last, end));
        }
        return held;
    }
}
