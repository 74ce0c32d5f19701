using KevySpec.Checking;

namespace KevySpec.Properties;

/// <summary>Every property this project implements, in the order reports list them and steps are judged.</summary>
public static class PropertyRegistry
{
    private const CheckMode Everywhere = CheckMode.Sim | CheckMode.Swarm | CheckMode.Exhaustive | CheckMode.Online;

    /// <summary>Every property, in <see cref="InvariantNames.All"/> order.</summary>
    public static IReadOnlyList<Property> All { get; } =
    [
        new(InvariantNames.ElectionSafety, PropertyNeeds.Step, Everywhere, SafetyInvariants.ElectionSafety, keepsHistory: true),
        new(InvariantNames.SinglePrimary, PropertyNeeds.Step, Everywhere, static (in StepFacts f, ref SafetyGhost _) => SafetyInvariants.SinglePrimary(f)),
        new(InvariantNames.OneVotePerEpoch, PropertyNeeds.Step, Everywhere, SafetyInvariants.OneVotePerEpoch, keepsHistory: true),
        new(InvariantNames.EpochMonotonic, PropertyNeeds.Step, Everywhere, SafetyInvariants.EpochMonotonic, keepsHistory: true),
        new(InvariantNames.DurableBeforeSend, PropertyNeeds.Step, Everywhere, static (in StepFacts f, ref SafetyGhost _) => SafetyInvariants.DurableBeforeSend(f)),
        new(InvariantNames.BestCandidateWins, PropertyNeeds.Step, Everywhere, static (in StepFacts f, ref SafetyGhost g) => SafetyInvariants.BestCandidateWins(f, g)),
        new(InvariantNames.WriteSafety, PropertyNeeds.ClusterState, CheckMode.Sim),
        new(InvariantNames.NoDisruption, PropertyNeeds.Quiet, CheckMode.Sim | CheckMode.Exhaustive),
        new(InvariantNames.Liveness, PropertyNeeds.Quiet, CheckMode.Sim | CheckMode.Exhaustive),
        new(InvariantNames.Convergence, PropertyNeeds.EndOfRun, CheckMode.Sim | CheckMode.Exhaustive),
    ];

    /// <summary>The property named <paramref name="name"/>, or null.</summary>
    public static Property? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
