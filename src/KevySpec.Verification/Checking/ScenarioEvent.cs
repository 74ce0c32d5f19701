using KevySpec.Simulation;

namespace KevySpec.Checking;

/// <summary>What a <see cref="ScenarioEvent"/> records.</summary>
public enum ScenarioEventKind
{
    /// <summary>A node's step (or crash): <see cref="ScenarioEvent.Step"/>.</summary>
    Step,

    /// <summary>A message in flight was lost: <see cref="ScenarioEvent.From"/>, <see cref="ScenarioEvent.To"/>, <see cref="ScenarioEvent.Message"/>.</summary>
    Lost,

    /// <summary>Time passed with no step: <see cref="ScenarioEvent.Text"/> says how much.</summary>
    TimePasses,

    /// <summary>A network or host fault began or ended (partition, heal, pause): <see cref="ScenarioEvent.Text"/>.</summary>
    Fault,
}

/// <summary>One event of a scenario (a counterexample or a simulated run), in the order it happened.</summary>
/// <param name="Kind">What it records.</param>
/// <param name="At">The virtual instant.</param>
/// <param name="Step">The node step, for <see cref="ScenarioEventKind.Step"/>.</param>
/// <param name="From">The sender of a lost message.</param>
/// <param name="To">The receiver of a lost message.</param>
/// <param name="Message">The lost message.</param>
/// <param name="Text">Plain words for time passing and faults, or a remark on a step (e.g. a copy stays in flight).</param>
public sealed record ScenarioEvent(
    ScenarioEventKind Kind,
    TimeSpan At,
    ClusterStep? Step = null,
    string? From = null,
    string? To = null,
    ElectionMessage? Message = null,
    string? Text = null);

/// <summary>A run that broke an invariant, with everything needed to replay and explain it.</summary>
/// <param name="Spec">The spec name (e.g. <c>election</c>).</param>
/// <param name="Name">A file-friendly name, e.g. <c>election-single-primary-exhaustive</c>.</param>
/// <param name="Violation">What broke, at the last step.</param>
/// <param name="Members">The member ids.</param>
/// <param name="Seed">The simulator seed (0 for the exhaustive checker).</param>
/// <param name="Events">Everything that happened, in order; the steps among them form the trace.</param>
/// <param name="QuietFrom">
/// For a property of the quiet continuation (the model checker's liveness, convergence, no-disruption):
/// the index in <see cref="Events"/> of the "faults stop" event, where the quiet phase starts; null otherwise.
/// </param>
public sealed record Counterexample(string Spec, string Name, Violation Violation, IReadOnlyList<string> Members, long Seed, IReadOnlyList<ScenarioEvent> Events,
    int? QuietFrom = null)
{
    /// <summary>The node steps, in order: the lines of the replayable trace.</summary>
    public IEnumerable<ClusterStep> Steps => Events.Where(e => e.Step is not null).Select(e => e.Step!);
}
