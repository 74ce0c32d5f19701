using KevySpec.Simulation;

namespace KevySpec.Checking;

/// <summary>
/// Which events of a scenario the plain-words list and the diagram show: all of a short one; for a
/// long (simulated) one, the last events that are not routine heartbeat traffic (an HB sent,
/// delivered or lost without changing any role, epoch or primary). The trace keeps every step.
/// </summary>
internal static class EventSelection
{
    public static (List<int> Shown, string? Omitted) Select(IReadOnlyList<ScenarioEvent> events, int maxEvents)
    {
        var all = Enumerable.Range(0, events.Count).ToList();
        if (events.Count <= maxEvents) return (all, null);

        var states = new Dictionary<string, ObservedState>(StringComparer.Ordinal);
        var kept = new List<int>();
        for (var i = 0; i < events.Count; i++)
            if (!Routine(events[i], states)) kept.Add(i);
        var shown = kept.Skip(Math.Max(0, kept.Count - maxEvents)).ToList();
        var note = $"{events.Count - shown.Count} of {events.Count} events omitted: routine heartbeats throughout";
        if (shown.Count < kept.Count) note += $", and the first {kept.Count - shown.Count} others";
        return (shown, note + " (the trace file has every step)");
    }

    private static bool Routine(ScenarioEvent e, Dictionary<string, ObservedState> states)
    {
        if (e.Kind == ScenarioEventKind.Lost) return e.Message is Heartbeat;
        if (e.Kind != ScenarioEventKind.Step || e.Step is not { } step) return false;
        if (step.Kind == StepKind.Crash)
        {
            states.Remove(step.Node);
            return false;
        }
        var changed = !states.TryGetValue(step.Node, out var before) || before != step.State;
        states[step.Node] = step.State;
        if (changed || step.Saves.Count > 0) return false;
        return step.Kind switch
        {
            StepKind.Tick => step.Out!.All(o => o.Message is Heartbeat),
            StepKind.Message => step.Message is Heartbeat && step.Out!.Count == 0,
            _ => false,
        };
    }
}
