using System.Globalization;
using System.Text;
using KevySpec.Checking;
using KevySpec.Conformance;

namespace KevySpec.Simulation;

/// <summary>The outcome of one simulated run.</summary>
/// <param name="Seed">The seed: the same seed gives the same run.</param>
/// <param name="Steps">Node steps taken (trace lines).</param>
/// <param name="End">The virtual instant the run stopped at.</param>
/// <param name="Elections">Elections won (self-announcements).</param>
/// <param name="MaxEpoch">The highest epoch any node reached.</param>
/// <param name="Counterexample">The run up to its first violation, or null when every invariant held.</param>
/// <param name="Events">Everything that happened, in order.</param>
public sealed record SimResult(long Seed, int Steps, TimeSpan End, int Elections, ulong MaxEpoch, Counterexample? Counterexample,
    IReadOnlyList<ScenarioEvent> Events)
{
    /// <summary>The first violation, or null.</summary>
    public Violation? Violation => Counterexample?.Violation;

    /// <summary>
    /// The full event log, one line per event: each step as its trace line, faults, losses and
    /// time in words. Two runs of one seed give the same log, byte for byte.
    /// </summary>
    public string Log()
    {
        var text = new StringBuilder();
        foreach (var e in Events)
        {
            text.Append(((long)e.At.TotalMicroseconds).ToString(CultureInfo.InvariantCulture)).Append("us ");
            text.Append(e.Kind switch
            {
                ScenarioEventKind.Step when e.Step!.Kind == StepKind.Crash => $"crash {e.Step.Node}",
                ScenarioEventKind.Step => TraceWriter.ToLine(e.Step!),
                ScenarioEventKind.Lost => $"lost {e.From}->{e.To} {StepNarrator.Show(e.Message!)}",
                _ => e.Text,
            });
            if (e.Kind == ScenarioEventKind.Step && e.Text is not null) text.Append(" # ").Append(e.Text);
            text.Append('\n');
        }
        if (Violation is { } violation) text.Append("violated ").Append(violation).Append('\n');
        return text.ToString();
    }
}
