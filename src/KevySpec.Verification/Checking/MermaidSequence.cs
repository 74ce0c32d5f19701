using System.Text;
using KevySpec.Simulation;

namespace KevySpec.Checking;

/// <summary>Draws a scenario as a Mermaid sequence diagram: deliveries as arrows, ticks, state changes and faults as notes.</summary>
public static class MermaidSequence
{
    /// <summary>The diagram's text (without the Markdown fence); a long scenario is cut as the plain-words list cuts it.</summary>
    public static string Render(Counterexample counterexample, int maxEvents = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(counterexample);
        var alias = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder("sequenceDiagram\n");
        for (var i = 0; i < counterexample.Members.Count; i++)
        {
            alias[counterexample.Members[i]] = "n" + i;
            text.Append($"    participant n{i} as {Clean(counterexample.Members[i])}\n");
        }
        var all = string.Join(",", alias.Values.Count > 1 ? [alias.Values.First(), alias.Values.Last()] : alias.Values);
        var events = counterexample.Events;
        var (shown, omitted) = EventSelection.Select(events, maxEvents);
        if (omitted is not null) text.Append($"    Note over {all}: {Clean(omitted)}\n");
        var states = new Dictionary<string, ObservedState>(StringComparer.Ordinal);
        var next = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var lines = Lines(events[i], alias, all, states);
            if (next < shown.Count && shown[next] == i)
            {
                foreach (var line in lines) text.Append("    ").Append(line).Append('\n');
                next++;
            }
        }
        text.Append($"    Note over {all}: VIOLATED {Clean(counterexample.Violation.ToString())}\n");
        return text.ToString();
    }

    private static List<string> Lines(ScenarioEvent e, Dictionary<string, string> alias, string all, Dictionary<string, ObservedState> states)
    {
        var lines = new List<string>();
        switch (e.Kind)
        {
            case ScenarioEventKind.Lost:
                lines.Add($"{alias[e.From!]}-x{alias[e.To!]}: {Clean(StepNarrator.Show(e.Message!))} (lost)");
                return lines;
            case ScenarioEventKind.TimePasses:
                lines.Add($"Note over {all}: {Clean(e.Text ?? "")} (t = {Clean(StepNarrator.Seconds(e.At))})");
                return lines;
            case ScenarioEventKind.Fault:
                lines.Add($"Note over {all}: {Clean(e.Text ?? "")}");
                return lines;
        }
        var step = e.Step!;
        var node = alias[step.Node];
        var known = states.TryGetValue(step.Node, out var before);
        switch (step.Kind)
        {
            case StepKind.Crash:
                states.Remove(step.Node);
                lines.Add($"Note over {node}: crashes");
                return lines;
            case StepKind.New:
            case StepKind.Restart:
                lines.Add($"Note over {node}: {(step.Kind == StepKind.New ? "starts" : "restarts")} as {step.Setup!.StartRole.ToWire()}, epoch {step.State.Epoch}");
                break;
            case StepKind.SetOffset:
                lines.Add($"Note over {node}: offset {step.Offset}");
                break;
            case StepKind.Tick:
                lines.Add($"Note over {node}: tick at {Clean(StepNarrator.Seconds(e.At))}");
                break;
            case StepKind.Message:
                var from = alias.TryGetValue(step.From!, out var sender) ? sender : node;
                lines.Add($"{from}->>{node}: {Clean(StepNarrator.Show(step.Message!))}{(e.Text is null ? "" : " (copy stays in flight)")}");
                break;
        }
        if (step.Saves.Count > 0) lines.Add($"Note over {node}: saves {Clean(string.Join(", ", step.Saves.Select(StepNarrator.ShowSave)))}");
        if (step.Out is { Count: > 0 } sent) lines.Add($"Note over {node}: sends {Clean(StepNarrator.Sends(sent))}");
        if (known && before != step.State && step.Kind is not (StepKind.New or StepKind.Restart))
            lines.Add($"Note over {node}: now {Clean(StepNarrator.ShowState(step.State))}");
        states[step.Node] = step.State;
        return lines;
    }

    // Mermaid reads ';' and '#' as syntax; keep text plain.
    private static string Clean(string text) => text.Replace(';', ',').Replace('#', ' ');
}
