using KevySpec.Properties;

namespace KevySpec.Checking;

/// <summary>
/// The invariants a spec claims (its <c>## Invariants</c> list), resolved to the properties this
/// project implements (<see cref="PropertyRegistry"/>). Built with <see cref="ForSpec"/>, which
/// refuses names it does not know.
/// </summary>
public sealed class InvariantSet
{
    private readonly bool[] _claimed;
    // The per-step rules to run, in registry order: the claimed ones and those whose history others read.
    private readonly (StepRule Rule, bool Claimed)[] _rules;

    private InvariantSet(IReadOnlyList<string> names)
    {
        Names = names;
        var all = PropertyRegistry.All;
        _claimed = [.. all.Select(p => names.Contains(p.Name))];
        Properties = [.. names.Select(n => PropertyRegistry.Find(n)!)];
        _rules = [.. all.Select((p, i) => (p, i)).Where(x => x.p.Rule is not null && (_claimed[x.i] || x.p.KeepsHistory)).Select(x => (x.p.Rule!, _claimed[x.i]))];
    }

    /// <summary>The invariant names, in the spec's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The claimed properties, in the spec's order.</summary>
    public IReadOnlyList<Property> Properties { get; }

    /// <summary>True when the set claims the invariant <paramref name="name"/>.</summary>
    public bool Checks(string name) => Names.Contains(name);

    /// <summary>The invariants of this set checked after every step, in every mode (<see cref="InvariantNames.Safety"/>).</summary>
    public IEnumerable<string> SafetyNames => Properties.Where(p => p.Needs == PropertyNeeds.Step).Select(p => p.Name);

    /// <summary>The invariants of this set that <paramref name="mode"/> can decide.</summary>
    public IEnumerable<string> DecidedBy(CheckMode mode) => Properties.Where(p => (p.DecidedBy & mode) != 0).Select(p => p.Name);

    /// <summary>The invariants of this set only the simulator checks in every run (<see cref="InvariantNames.SimulatorOnly"/>).</summary>
    public IEnumerable<string> SimulatorOnlyNames => Properties.Where(p => p.Needs != PropertyNeeds.Step).Select(p => p.Name);

    /// <summary>The invariants <paramref name="table"/> claims.</summary>
    /// <exception cref="UnknownInvariantException">The spec names an invariant this checker does not implement.</exception>
    public static InvariantSet ForSpec(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = new List<string>();
        foreach (var invariant in table.Invariants)
        {
            if (PropertyRegistry.Find(invariant.Name) is null) throw new UnknownInvariantException(table.File, invariant.Line, invariant.Name);
            if (!names.Contains(invariant.Name)) names.Add(invariant.Name);
        }
        return new InvariantSet(names);
    }

    /// <summary>Every invariant this project implements.</summary>
    public static InvariantSet AllKnown { get; } = new(InvariantNames.All);

    /// <summary>Checks one step; returns the first violation (in <see cref="InvariantNames.All"/> order) and advances the ghost state.</summary>
    internal Violation? Check(in StepFacts facts, ref SafetyGhost ghost)
    {
        foreach (var (rule, claimed) in _rules)
            if (rule(facts, ref ghost) is { } violation && claimed) return violation;
        return null;
    }
}
