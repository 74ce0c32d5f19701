using KevySpec.Checking;
using KevySpec.Properties;

namespace KevySpec.Simulation;

/// <summary>
/// The <c>liveness</c> invariant on a stepped cluster: from its deadline on, some live node is the
/// only live primary and a majority of the members know it (<see cref="ClusterProperties.KnownToMajority"/>).
/// </summary>
internal static class LivenessMonitor
{
    public static Violation? Check(SteppedCluster cluster, TimeSpan bound) =>
        ClusterProperties.LivenessProblem(new SteppedClusterFacts(cluster, TimeSpan.Zero)) is { } problem
            ? new Violation(InvariantNames.Liveness, $"{problem} {StepNarrator.Seconds(bound)} after faults stopped ({ClusterText.Describe(cluster)})")
            : null;
}
