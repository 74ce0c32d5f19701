namespace KevySpec.Load.Safety;

/// <summary>One save a node made, on the run's time line (taken from the step that made it).</summary>
/// <param name="NodeId">The saving node.</param>
/// <param name="Vote">The pair saved.</param>
/// <param name="EpochBefore">The node's epoch when it saved (every epoch change saves first, so a save that raises the epoch has a higher one).</param>
/// <param name="At">Run time of the step that saved.</param>
public sealed record SaveEvent(string NodeId, PersistedVote Vote, ulong EpochBefore, TimeSpan At);
