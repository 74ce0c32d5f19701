using System.Globalization;
using KevySpec.Checking;
using KevySpec.Properties;

namespace KevySpec.Simulation;

// The invariants only the simulator checks, beside liveness: write-safety (every step, while the
// delay bound holds), no-disruption (once faults have stopped) and convergence (at the end), each
// judged by the properties library on this cluster's facts.
public sealed partial class Simulator
{
    // write-safety is not judged before this instant: a message that took longer than the delay
    // bound can keep a view fresh (has_quorum true) for down_after after it lands, and a vote it
    // carried late can complete a quorum up to the bound after that.
    private TimeSpan _writeSafetyFrom;

    private readonly NoDisruptionWatch _disruption = new();
    private bool _disruptionArmed;

    private SteppedClusterFacts Facts => new(_cluster, _now, node => _hosts[node].PausedUntil > _now);

    private void Delivered(Pending pending)
    {
        var delay = _now - pending.SentAt;
        if (delay > _options.DelayBound)
        {
            var until = _now + _options.Config.DownAfter + _options.DelayBound;
            if (until > _writeSafetyFrom) _writeSafetyFrom = until;
        }
    }

    private void CheckSimulatorInvariants(ClusterStep step)
    {
        if (_simViolation is not null) return;
        if (_invariants.Checks(InvariantNames.WriteSafety) && _now >= _writeSafetyFrom) _simViolation = WriteSafety();
        if (_simViolation is null && _disruptionArmed) _simViolation = _disruption.Step(Facts, step.Node, step.Out, _now);
    }

    private Violation? WriteSafety()
    {
        var facts = Facts;
        if (ClusterProperties.TwoWritablePrimaries(facts) is not var (first, second)) return null;
        return new Violation(InvariantNames.WriteSafety, string.Create(CultureInfo.InvariantCulture,
            $"{_members[first]} (primary of epoch {facts.Node(first).Epoch}) and {_members[second]} (primary of epoch {facts.Node(second).Epoch}) both answer has_quorum true at {StepNarrator.Seconds(_now)}"));
    }

    // At the end of a run: one live primary, and every other live node a replica following it.
    private Violation? Convergence()
    {
        if (ClusterProperties.ConvergenceProblem(Facts) is not { } problem) return null;
        return new Violation(InvariantNames.Convergence,
            $"{problem} at the end of the run, {StepNarrator.Seconds(_now - _faultsStoppedAt)} after faults stopped ({ClusterText.Describe(_cluster)})");
    }
}
