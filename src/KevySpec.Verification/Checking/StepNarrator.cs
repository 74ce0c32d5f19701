using System.Globalization;
using KevySpec.Simulation;
using KevySpec.Wire;

namespace KevySpec.Checking;

/// <summary>Tells a scenario as a numbered list of steps in plain words.</summary>
public static class StepNarrator
{
    /// <summary>
    /// One line per event, numbered from 1, then the violation. A scenario longer than
    /// <paramref name="maxEvents"/> shows its last <paramref name="maxEvents"/> events that are not routine heartbeats.
    /// </summary>
    public static IReadOnlyList<string> Describe(Counterexample counterexample, int maxEvents = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(counterexample);
        var events = counterexample.Events;
        var (shown, omitted) = EventSelection.Select(events, maxEvents);
        var lines = new List<string>();
        if (omitted is not null) lines.Add($"({omitted})");
        var states = new Dictionary<string, ObservedState>(StringComparer.Ordinal);
        var next = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var line = Describe(events[i], states);
            if (next < shown.Count && shown[next] == i)
            {
                lines.Add($"{i + 1}. {line}");
                next++;
            }
        }
        lines.Add($"Violated: {counterexample.Violation}");
        return lines;
    }

    /// <summary>An instant as seconds: <c>3 s</c>, <c>0.2 s</c>.</summary>
    public static string Seconds(TimeSpan at) => at.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) + " s";

    /// <summary>A message as its wire words: <c>OFFER 2 b 1</c>.</summary>
    public static string Show(ElectionMessage message) => string.Join(' ', MessageArgv.ToArgv(message));

    /// <summary>What a step sent, grouping one message to several receivers: <c>HB 1 a primary 0 to b, c</c>.</summary>
    public static string Sends(IReadOnlyList<Outbound> sent)
    {
        var groups = new List<(ElectionMessage Message, List<string> To)>();
        foreach (var item in sent)
        {
            var group = groups.FindIndex(g => g.Message.Equals(item.Message));
            if (group < 0) groups.Add((item.Message, [item.To == Outbound.Broadcast ? "all" : item.To]));
            else groups[group].To.Add(item.To);
        }
        return string.Join("; ", groups.Select(g => $"{Show(g.Message)} to {string.Join(", ", g.To)}"));
    }

    private static string Describe(ScenarioEvent e, Dictionary<string, ObservedState> states)
    {
        var remark = e.Text is null || e.Kind != ScenarioEventKind.Step ? "" : $" ({e.Text})";
        switch (e.Kind)
        {
            case ScenarioEventKind.Lost:
                return $"at {Seconds(e.At)}, {Show(e.Message!)} from {e.From} to {e.To} is lost";
            case ScenarioEventKind.TimePasses:
                return $"{e.Text} (now {Seconds(e.At)})";
            case ScenarioEventKind.Fault:
                return $"at {Seconds(e.At)}, {e.Text}";
        }
        var step = e.Step!;
        states.TryGetValue(step.Node, out var before);
        var known = states.ContainsKey(step.Node);
        if (step.Kind == StepKind.Crash)
        {
            states.Remove(step.Node);
            return $"at {Seconds(e.At)}, {step.Node} crashes; its store survives{remark}";
        }
        states[step.Node] = step.State;
        var what = step.Kind switch
        {
            StepKind.New => $"{step.Node} starts as {step.Setup!.StartRole.ToWire()} with an empty store",
            StepKind.Restart => $"{step.Node} restarts as {step.Setup!.StartRole.ToWire()} on its store",
            StepKind.SetOffset => $"{step.Node}'s replication offset moves to {step.Offset!.Value.ToString(CultureInfo.InvariantCulture)}",
            StepKind.Tick => $"at {Seconds(e.At)}, {step.Node} ticks",
            _ => $"at {Seconds(e.At)}, {step.Node} receives {Show(step.Message!)} from {step.From}",
        };
        var parts = new List<string>();
        if (step.Saves.Count > 0) parts.Add("saves " + string.Join(", ", step.Saves.Select(ShowSave)));
        if (step.Out is { Count: > 0 } sent) parts.Add("sends " + Sends(sent));
        parts.Add(!known || step.Kind is StepKind.New or StepKind.Restart ? "is " + ShowState(step.State)
            : before == step.State ? "no change" : "now " + ShowState(step.State));
        return $"{what}{remark}: {string.Join("; ", parts)}";
    }

    /// <summary>A persisted pair: <c>(2, b)</c>.</summary>
    public static string ShowSave(PersistedVote vote) => $"({vote.Epoch.ToString(CultureInfo.InvariantCulture)}, {vote.VotedFor ?? "-"})";

    /// <summary>An observable state: <c>candidate at epoch 2, primary unknown</c>.</summary>
    public static string ShowState(ObservedState state) =>
        $"{state.Role.ToWire()} at epoch {state.Epoch.ToString(CultureInfo.InvariantCulture)}, primary {state.Primary ?? "unknown"}";
}
