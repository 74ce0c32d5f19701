namespace KevySpec.Benchmarks;

/// <summary>
/// Fails a benchmark's setup or cleanup when the elector is not on the path the benchmark claims to
/// measure, so a report can never show the cost of a different path under the right name.
/// </summary>
internal static class PathCheck
{
    public static void Outbound(IReadOnlyList<Outbound> produced, int expected, string when)
    {
        if (produced.Count != expected)
            throw new InvalidOperationException(
                $"{when}: expected {expected} outbound item(s), got {produced.Count} [{string.Join(", ", produced.Select(o => $"{o.To}:{o.Message}"))}]; the benchmark would measure another path");
    }

    public static void FollowsPrimary(Elector elector, string when)
    {
        if (elector.Role != Role.Replica || elector.CurrentPrimary != FiveNodeReplica.Primary || elector.Epoch != FiveNodeReplica.Epoch)
            throw new InvalidOperationException(
                $"{when}: expected a replica following '{FiveNodeReplica.Primary}' at epoch {FiveNodeReplica.Epoch}, found {elector.Role} following '{elector.CurrentPrimary}' at epoch {elector.Epoch}");
    }

    public static void That(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException(what);
    }
}
