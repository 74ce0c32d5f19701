using System.Globalization;
using KevySpec.Checking;

namespace KevySpec.Simulation;

/// <summary>
/// The <c>liveness</c> invariant: from its deadline on, some live node is the only live primary
/// and a majority of the members know it: itself (a bootstrap primary need not name itself) and
/// the nodes that name it as their current primary.
/// </summary>
internal static class LivenessMonitor
{
    public static Violation? Check(Cluster cluster, TimeSpan bound)
    {
        var members = cluster.Members;
        var quorum = members.Count / 2 + 1;
        string? primary = null;
        foreach (var id in members)
        {
            if (cluster.ElectorOf(id) is not { Role: Role.Primary }) continue;
            if (primary is not null) return Fail(cluster, bound, $"{primary} and {id} are both primary");
            primary = id;
        }
        if (primary is null) return Fail(cluster, bound, "no live node is primary");
        var followers = 1 + members.Count(id => id != primary && cluster.ElectorOf(id)?.CurrentPrimary == primary);
        return followers >= quorum ? null : Fail(cluster, bound, $"primary {primary} is known to {followers} of {members.Count} (a majority is {quorum})");
    }

    private static Violation Fail(Cluster cluster, TimeSpan bound, string problem)
    {
        var states = cluster.Members.Select(id => cluster.ElectorOf(id) is { } e
            ? $"{id} {e.Role.ToWire()} epoch {e.Epoch.ToString(CultureInfo.InvariantCulture)} primary {e.CurrentPrimary ?? "-"}"
            : $"{id} down");
        return new Violation(InvariantNames.Liveness,
            $"{problem} {StepNarrator.Seconds(bound)} after faults stopped ({string.Join(", ", states)})");
    }
}
