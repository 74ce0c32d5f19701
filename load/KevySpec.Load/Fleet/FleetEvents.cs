using KevySpec.Checking;
using KevySpec.Transport;

namespace KevySpec.Load.Fleet;

/// <summary>
/// What a fleet's nodes report to the runner, called on the nodes' threads (or a host reader's).
/// Instants are <see cref="TimeProvider.System"/> timestamps: a monotonic clock shared by every process
/// of the machine, so a node host's instants land on the runner's time line.
/// </summary>
/// <param name="Reported">A topology change and the instant its callback ran.</param>
/// <param name="Stepped">
/// An elector step that could matter to a safety invariant, with its saves (quiet steps — heartbeats
/// only, no save — are left out), and the instant it was taken.
/// </param>
public sealed record FleetEvents(Action<TopologyChange, long> Reported, Action<NodeStep, long> Stepped);
