using KevySpec.Transport;

namespace KevySpec.Load.Runner;

/// <summary>Transport counters summed over nodes (and over the incarnations of killed nodes).</summary>
public sealed record CounterTotals(long FramesIn, long FramesOut, long FramesDropped, long DecodeErrors, long Reconnects, long SaveFailures)
{
    /// <summary>All zero.</summary>
    public static CounterTotals Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of this and one node's counters.</summary>
    public CounterTotals Add(NodeCounters c) =>
        new(FramesIn + c.FramesIn, FramesOut + c.FramesOut, FramesDropped + c.FramesDropped, DecodeErrors + c.DecodeErrors, Reconnects + c.Reconnects, SaveFailures + c.SaveFailures);

    /// <summary>The sum of this and <paramref name="other"/>.</summary>
    public CounterTotals Add(CounterTotals other) =>
        new(FramesIn + other.FramesIn, FramesOut + other.FramesOut, FramesDropped + other.FramesDropped, DecodeErrors + other.DecodeErrors,
            Reconnects + other.Reconnects, SaveFailures + other.SaveFailures);

    /// <summary>What was counted since <paramref name="earlier"/>.</summary>
    public CounterTotals Since(CounterTotals earlier) =>
        new(FramesIn - earlier.FramesIn, FramesOut - earlier.FramesOut, FramesDropped - earlier.FramesDropped,
            DecodeErrors - earlier.DecodeErrors, Reconnects - earlier.Reconnects, SaveFailures - earlier.SaveFailures);
}
