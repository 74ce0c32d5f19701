namespace KevySpec.Graph;

/// <summary>
/// One edge of a transition graph: one spec row in one state it applies to. A <c>*</c> row
/// gives one edge per declared state; a row that stays (<c>=</c>, or its own state as target)
/// gives a self-loop, which the generated elector runs as an internal transition.
/// </summary>
/// <param name="Row">The spec row.</param>
/// <param name="From">The state the row fires in.</param>
/// <param name="To">The state after it fires.</param>
/// <param name="IsTickStage">True when the trigger is a tick stage, false for a message.</param>
public sealed record GraphEdge(SpecRow Row, Role From, Role To, bool IsTickStage)
{
    /// <summary>True for a self-loop: the role does not change, so no state is exited or entered.</summary>
    public bool IsInternal => From == To;

    /// <summary>The spec line as an edge tag, e.g. <c>L54</c>.</summary>
    public string LineTag => "L" + Row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The trigger as labels show it: <c>tick first-tick</c> for a tick stage, <c>on hb</c> for a message.</summary>
    public string TriggerText => (IsTickStage ? "tick " : "on ") + Row.On;

    /// <summary>The guards as labels show them, <c>[a, !b]</c>; empty when the row has none.</summary>
    public string GuardText => Row.When.Count == 0 ? "" : "[" + Row.WhenText + "]";

    /// <summary>The actions as labels show them, <c>/ a, b</c>; empty when the row has none.</summary>
    public string ActionText => Row.Do.Count == 0 ? "" : "/ " + Row.DoText;
}
