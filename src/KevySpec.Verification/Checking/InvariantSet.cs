namespace KevySpec.Checking;

/// <summary>
/// The invariants a spec claims (its <c>## Invariants</c> list), resolved to the checks this
/// project implements. Built with <see cref="ForSpec"/>, which refuses names it does not know.
/// </summary>
public sealed class InvariantSet
{
    private InvariantSet(IReadOnlyList<string> names)
    {
        Names = names;
        ElectionSafety = names.Contains(InvariantNames.ElectionSafety);
        SinglePrimary = names.Contains(InvariantNames.SinglePrimary);
        OneVotePerEpoch = names.Contains(InvariantNames.OneVotePerEpoch);
        EpochMonotonic = names.Contains(InvariantNames.EpochMonotonic);
        DurableBeforeSend = names.Contains(InvariantNames.DurableBeforeSend);
        BestCandidateWins = names.Contains(InvariantNames.BestCandidateWins);
        WriteSafety = names.Contains(InvariantNames.WriteSafety);
        NoDisruption = names.Contains(InvariantNames.NoDisruption);
        Liveness = names.Contains(InvariantNames.Liveness);
        Convergence = names.Contains(InvariantNames.Convergence);
    }

    /// <summary>The invariant names, in the spec's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True when <c>election-safety</c> is checked.</summary>
    public bool ElectionSafety { get; }

    /// <summary>True when <c>single-primary</c> is checked.</summary>
    public bool SinglePrimary { get; }

    /// <summary>True when <c>one-vote-per-epoch</c> is checked.</summary>
    public bool OneVotePerEpoch { get; }

    /// <summary>True when <c>epoch-monotonic</c> is checked.</summary>
    public bool EpochMonotonic { get; }

    /// <summary>True when <c>durable-before-send</c> is checked.</summary>
    public bool DurableBeforeSend { get; }

    /// <summary>True when <c>best-candidate-wins</c> is checked.</summary>
    public bool BestCandidateWins { get; }

    /// <summary>True when <c>write-safety</c> is checked (by the simulator: it needs time and a delay bound).</summary>
    public bool WriteSafety { get; }

    /// <summary>True when <c>no-disruption</c> is checked (by the simulator, once faults stop).</summary>
    public bool NoDisruption { get; }

    /// <summary>True when <c>liveness</c> is checked (by the simulator: it needs time and a fault-free stretch).</summary>
    public bool Liveness { get; }

    /// <summary>True when <c>convergence</c> is checked (by the simulator, once faults stop).</summary>
    public bool Convergence { get; }

    /// <summary>The invariants of this set checked after every step, in every mode (<see cref="InvariantNames.Safety"/>).</summary>
    public IEnumerable<string> SafetyNames => Names.Where(InvariantNames.Safety.Contains);

    /// <summary>The invariants of this set only the simulator checks (<see cref="InvariantNames.SimulatorOnly"/>).</summary>
    public IEnumerable<string> SimulatorOnlyNames => Names.Where(InvariantNames.SimulatorOnly.Contains);

    /// <summary>The invariants <paramref name="table"/> claims.</summary>
    /// <exception cref="UnknownInvariantException">The spec names an invariant this checker does not implement.</exception>
    public static InvariantSet ForSpec(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = new List<string>();
        foreach (var invariant in table.Invariants)
        {
            if (!InvariantNames.All.Contains(invariant.Name)) throw new UnknownInvariantException(table.File, invariant.Line, invariant.Name);
            if (!names.Contains(invariant.Name)) names.Add(invariant.Name);
        }
        return new InvariantSet(names);
    }

    /// <summary>Every invariant this project implements.</summary>
    public static InvariantSet AllKnown { get; } = new(InvariantNames.All);

    /// <summary>Checks one step; returns the first violation (in <see cref="InvariantNames.All"/> order) and advances the ghost state.</summary>
    internal Violation? Check(in StepFacts facts, ref SafetyGhost ghost)
    {
        var violation = SafetyInvariants.ElectionSafety(facts, ref ghost);
        if (violation is not null && ElectionSafety) return violation;
        if (SinglePrimary && SafetyInvariants.SinglePrimary(facts) is { } twoPrimaries) return twoPrimaries;
        violation = SafetyInvariants.OneVotePerEpoch(facts, ref ghost);
        if (violation is not null && OneVotePerEpoch) return violation;
        violation = SafetyInvariants.EpochMonotonic(facts, ref ghost);
        if (violation is not null && EpochMonotonic) return violation;
        if (DurableBeforeSend && SafetyInvariants.DurableBeforeSend(facts) is { } notDurable) return notDurable;
        if (BestCandidateWins && SafetyInvariants.BestCandidateWins(facts, ghost) is { } notBest) return notBest;
        return null;
    }
}
