namespace KevySpec.Load.Runner;

/// <summary>What happened to a node at one instant, for the timeline chart and the reports.</summary>
public enum TimelineKind
{
    /// <summary>The node reported its topology.</summary>
    Report,

    /// <summary>The node was killed.</summary>
    Killed,

    /// <summary>The node was started again on its data directory.</summary>
    Restarted,
}

/// <summary>One point of a node's timeline.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">Run time.</param>
/// <param name="Role">Its role (for reports).</param>
/// <param name="Epoch">Its epoch (for reports).</param>
/// <param name="Leader">The primary it follows (itself when primary), or null (reports only).</param>
/// <param name="HasQuorum">Whether it hears a majority (reports only).</param>
public sealed record TimelineEntry(string NodeId, TimelineKind Kind, TimeSpan At, Role Role, ulong Epoch, string? Leader = null, bool HasQuorum = false);
