using KevySpec.Checking;

namespace KevySpec.Properties;

/// <summary>One step's judgement: the violation or null; a rule that keeps history advances the ghost.</summary>
internal delegate Violation? StepRule(in StepFacts facts, ref SafetyGhost ghost);

/// <summary>
/// One invariant a spec may claim: its name, what it needs, which checkers can decide it and, for
/// a per-step safety invariant, the rule judged after every step (<see cref="SafetyInvariants"/>).
/// The cluster-state and quiet properties are judged by <see cref="ClusterProperties"/> and
/// <see cref="NoDisruptionWatch"/>, called by the checkers that can decide them.
/// </summary>
public sealed class Property
{
    internal Property(string name, PropertyNeeds needs, CheckMode decidedBy, StepRule? rule = null, bool keepsHistory = false)
    {
        Name = name;
        Needs = needs;
        DecidedBy = decidedBy;
        Rule = rule;
        KeepsHistory = keepsHistory;
    }

    /// <summary>The spec name, e.g. <c>single-primary</c>.</summary>
    public string Name { get; }

    /// <summary>What it needs to be judged.</summary>
    public PropertyNeeds Needs { get; }

    /// <summary>The checkers that can decide it.</summary>
    public CheckMode DecidedBy { get; }

    internal StepRule? Rule { get; }

    // The rule runs even when the spec does not claim the property: other rules read the history it keeps.
    internal bool KeepsHistory { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
