namespace KevySpec.Simulation;

/// <summary>How a node's elector is built (trace ops <c>new</c> and <c>restart</c>).</summary>
/// <param name="PeerIds">The member list, including the node.</param>
/// <param name="Address">The address it announces.</param>
/// <param name="StartRole">The role it starts in.</param>
/// <param name="Config">Its timings.</param>
/// <param name="Jitter">Its fixed backoff jitter (clamped to the configured maximum), as the trace format records it.</param>
public sealed record NodeSetup(IReadOnlyList<string> PeerIds, string Address, Role StartRole, ElectConfig Config, TimeSpan Jitter);

/// <summary>A node's observable state after a step, as a trace records it.</summary>
/// <param name="Role">The role.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="Primary">The known primary, or null.</param>
/// <param name="HasQuorum"><c>HasQuorum</c> at the step's instant (for ops without one, the node's last instant).</param>
public readonly record struct ObservedState(Role Role, ulong Epoch, string? Primary, bool HasQuorum);

/// <summary>
/// One step of a simulated cluster, with everything it produced: a line of a
/// <c>kevy-elect-trace/1</c> file (<see cref="StepKind.Crash"/> steps are not written to traces:
/// a dead node's elector is simply no longer driven).
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Node">The node it happened to.</param>
/// <param name="At">The instant of a tick or message; null for the other kinds.</param>
/// <param name="From">The sender of a message.</param>
/// <param name="Message">The message handled.</param>
/// <param name="Offset">The new offset of a <see cref="StepKind.SetOffset"/>.</param>
/// <param name="Setup">How a <see cref="StepKind.New"/> or <see cref="StepKind.Restart"/> built the elector.</param>
/// <param name="Out">What a tick or message returned, in order; null for the other kinds.</param>
/// <param name="Saves">The pairs saved during the step, in order.</param>
/// <param name="State">The node's state after the step (default for a crash).</param>
public sealed record ClusterStep(
    StepKind Kind,
    string Node,
    TimeSpan? At,
    string? From,
    ElectionMessage? Message,
    ulong? Offset,
    NodeSetup? Setup,
    IReadOnlyList<Outbound>? Out,
    IReadOnlyList<PersistedVote> Saves,
    ObservedState State);
