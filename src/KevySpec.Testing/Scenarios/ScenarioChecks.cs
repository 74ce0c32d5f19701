using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Scenarios;

/// <summary>
/// What a script's <c>check</c> asks of the verification library: the one place that calls the
/// checkers, so that it follows them when they move. Nothing here decides an invariant.
/// </summary>
internal static class ScenarioChecks
{
    /// <summary>
    /// The spec's per-step safety invariants (the cluster's online checker: the first violation,
    /// after which the cluster stops checking) and the liveness condition as of now.
    /// </summary>
    public static IReadOnlyList<string> Check(SteppedCluster cluster, TimeSpan sinceFaultsStopped)
    {
        var safety = cluster.Violation is { } violation
            ? $"safety: {violation} (step {cluster.ViolationStep + 1})"
            : "safety: ok";
        var liveness = LivenessMonitor.Check(cluster, sinceFaultsStopped) is { } stuck ? stuck.ToString() : "liveness: ok";
        return [safety, liveness];
    }
}
