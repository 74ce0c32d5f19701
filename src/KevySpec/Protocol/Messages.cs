namespace KevySpec;

/// <summary>
/// One election message. The hierarchy is closed: exactly the four messages of PROTOCOL.md,
/// so a <c>switch</c> (C#) or <c>match … with :?</c> (F#) over them is complete.
/// </summary>
public abstract record ElectionMessage
{
    private protected ElectionMessage() { }

    /// <summary>The epoch the message speaks for.</summary>
    public abstract ulong Epoch { get; }
}

/// <summary><c>HB epoch node_id role repl_offset</c>: the periodic heartbeat.</summary>
public sealed record Heartbeat(ulong Epoch, string NodeId, Role Role, ulong ReplOffset) : ElectionMessage
{
    /// <inheritdoc />
    public override ulong Epoch { get; } = Epoch;
}

/// <summary><c>OFFER new_epoch candidate_id repl_offset</c>: a candidate asks for votes.</summary>
public sealed record Offer(ulong Epoch, string CandidateId, ulong ReplOffset) : ElectionMessage
{
    /// <inheritdoc />
    public override ulong Epoch { get; } = Epoch;
}

/// <summary><c>ACCEPT epoch accepter_id</c>: a vote for the candidate of <see cref="Epoch"/>.</summary>
public sealed record Accept(ulong Epoch, string VoterId) : ElectionMessage
{
    /// <inheritdoc />
    public override ulong Epoch { get; } = Epoch;
}

/// <summary><c>ANNOUNCE epoch new_primary_id new_primary_addr</c>: the winner declares itself.</summary>
public sealed record Announce(ulong Epoch, string PrimaryId, string PrimaryAddr) : ElectionMessage
{
    /// <inheritdoc />
    public override ulong Epoch { get; } = Epoch;
}
