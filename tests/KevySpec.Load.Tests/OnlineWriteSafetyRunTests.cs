using KevySpec.BrokenSpecs;
using KevySpec.Checking;
using KevySpec.Load.Cli;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Tests;

/// <summary>
/// Online write-safety on a real cluster (3 nodes in this process, TCP loopback, fast timings) of the
/// deliberately unsafe table <c>no-lease-lapse</c>: under a partial partition (n1 ↔ n2 cut, n3 hearing
/// both) n2 loses its primary and stands, n3 — still heartbeating n1, so still in n1's write lease —
/// votes for it, and both n1 and n2 answer <c>has_quorum</c> true until n1 hears of the new epoch.
/// The hardened table's <c>leases-lapsed</c> (n3's primary is not lost to it) refuses that vote.
/// </summary>
public sealed class OnlineWriteSafetyRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_partial_partition_of_the_primary_under_no_lease_lapse_is_an_online_write_safety_violation()
    {
        var spec = KevySpecBrokenSpecsElectors.Find("no-lease-lapse") ?? throw new InvalidOperationException("no-lease-lapse is not generated");
        var found = await PartialPartitionAsync(spec, stopAtViolation: true);
        var violation = found.Violations.FirstOrDefault(v => v.Violation.Invariant == InvariantNames.WriteSafety);
        Assert.True(violation is not null, $"no write-safety violation: {string.Join("; ", found.Violations)}");
        // The cut may first cost a few elections: whichever epochs the two primaries hold, both answer true at once.
        Assert.Matches("^n[1-3] \\(primary of epoch [0-9]+\\) and n[1-3] \\(primary of epoch [0-9]+\\) both answer has_quorum true at ", violation.Violation.Detail);
        Assert.True(found.WriteSafety?.DelayBound == TimingPresets.Fast.DelayBound, $"judgement: {found.WriteSafety}");
    }

    [Fact]
    public async Task The_same_partial_partition_under_the_hardened_table_is_judged_and_safe()
    {
        var found = await PartialPartitionAsync(KevySpecElectors.Find("election-hardened")!, stopAtViolation: false);
        Assert.Empty(found.Violations);
        Assert.Contains(InvariantNames.WriteSafety, found.Checked);
        Assert.NotNull(found.WriteSafety);
    }

    private sealed record Found(IReadOnlyList<SafetyViolation> Violations, IReadOnlyList<string> Checked, WriteSafetyJudgement? WriteSafety);

    private static async Task<Found> PartialPartitionAsync(ElectorDefinition spec, bool stopAtViolation)
    {
        var config = TimingPresets.Fast;
        var clock = new RunClock(TimeProvider.System);
        var ids = ClusterHarness.IdsFor(3);
        var monitor = new OnlineSafetyMonitor(ids, InvariantSet.ForSpec(spec.Table), config, clock);
        var tracker = new TopologyTracker(ids);
        using var cts = new CancellationTokenSource(Bound * 2);
        await using var harness = await ClusterHarness.StartAsync(3, 0, spec, config, seed: 1, fileStores: false, clock, monitor,
            new ElectionLedger(ElectionLedger.AllowanceFor(config)), tracker, cts.Token);

        var deadline = clock.Now + Bound;
        while (tracker.Agreed(ids) is null && clock.Now < deadline) await tracker.WaitForChangeAsync(config.HbInterval, cts.Token);
        Assert.True(tracker.Agreed(ids) is not null, "the cluster did not follow one primary");

        harness.Cut("n1", "n2");
        harness.Cut("n2", "n1");
        // Long enough for n2 to stand and win (down_after, then one round trip), and for the judgement's lag.
        var watchUntil = clock.Now + config.DownAfter * 4;
        while (clock.Now < watchUntil && !(stopAtViolation && monitor.Violations.Count > 0))
            await tracker.WaitForChangeAsync(config.HbInterval, cts.Token);
        return new Found(monitor.Violations, monitor.Checked, monitor.WriteSafety);
    }
}
