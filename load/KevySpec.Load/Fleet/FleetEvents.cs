using KevySpec.Checking;
using KevySpec.Transport;

namespace KevySpec.Load.Fleet;

/// <summary>
/// What a fleet's nodes report to the runner, called on the nodes' threads (or a host reader's).
/// Instants are <see cref="TimeProvider.System"/> timestamps: a monotonic clock shared by every process
/// of the machine, so a node host's instants land on the runner's time line.
/// </summary>
/// <param name="Reported">A topology change and the instant its callback ran.</param>
/// <param name="Stepped">An elector step that could matter to a safety invariant (quiet steps may be left out).</param>
/// <param name="Saved">A durable save.</param>
public sealed record FleetEvents(Action<TopologyChange, long> Reported, Action<NodeStep> Stepped, Action<StoreSave> Saved);

/// <summary>One durable save of a node.</summary>
/// <param name="NodeId">The saving node.</param>
/// <param name="Vote">The pair saved.</param>
/// <param name="Previous">The pair the store held before (the node's epoch until this save: every epoch change saves first).</param>
/// <param name="Timestamp">When the save returned (durable from then on).</param>
public sealed record StoreSave(string NodeId, PersistedVote Vote, PersistedVote Previous, long Timestamp);
