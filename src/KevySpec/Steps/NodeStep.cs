namespace KevySpec;

/// <summary>
/// One step of one node, as its host saw it: what the safety invariants judge. The simulator's
/// <c>SteppedCluster</c> (KevySpec.Verification) and a TCP <c>ElectionNode</c> (KevySpec.Transport, through
/// <c>NodeOptions.OnStep</c>) both produce them; an <c>OnlineChecker</c> (KevySpec.Verification) consumes them.
/// </summary>
/// <param name="Kind">What the step was (a crash included: the node stops counting as a live primary).</param>
/// <param name="NodeId">The stepping node.</param>
/// <param name="RoleBefore">Its role before the step (Replica when it had no elector).</param>
/// <param name="EpochBefore">Its epoch before the step (0 when it had no elector).</param>
/// <param name="RoleAfter">Its role after the step (meaningless after a crash).</param>
/// <param name="EpochAfter">Its epoch after the step (meaningless after a crash).</param>
/// <param name="Sent">The batch the step emitted, in order.</param>
/// <param name="Saves">The saves the step made, in order, with the elector's epoch and queued output at each.</param>
/// <param name="StoreAfter">The node's durable pair after the step.</param>
/// <param name="OffsetAfter">Its replication offset after the step (what its votes compared; 0 after a crash).</param>
public readonly record struct NodeStep(
    StepKind Kind,
    string NodeId,
    Role RoleBefore,
    ulong EpochBefore,
    Role RoleAfter,
    ulong EpochAfter,
    IReadOnlyList<Outbound> Sent,
    IReadOnlyList<SaveRecord> Saves,
    PersistedVote StoreAfter,
    ulong OffsetAfter = 0)
{
    /// <summary>
    /// True when the step cannot break a safety invariant by itself: a tick, message or offset change
    /// that saved nothing, kept the role and the epoch, and sent heartbeats only (the bulk of a steady
    /// cluster's steps, which a checker may skip).
    /// </summary>
    public bool IsQuiet
    {
        get
        {
            if (Kind is not (StepKind.Tick or StepKind.Message or StepKind.SetOffset)) return false;
            if (Saves.Count != 0 || RoleAfter != RoleBefore || EpochAfter != EpochBefore) return false;
            for (var i = 0; i < Sent.Count; i++)
                if (Sent[i].Message is not Heartbeat) return false;
            return true;
        }
    }
}
