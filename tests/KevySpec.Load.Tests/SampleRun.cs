using KevySpec.Checking;
using KevySpec.Load.Cli;
using KevySpec.Load.Metrics;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;
using KevySpec.Load.Scenarios;
using KevySpec.Load.Simulations;
using KevySpec.Load.Thresholds;

namespace KevySpec.Load.Tests;

/// <summary>A hand-made finished run (no network) for the report and metric tests.</summary>
internal static class SampleRun
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    public static RunResult Create(IReadOnlyList<string> thresholds, bool withViolation = false)
    {
        var settings = new RunSettings(
            ScenarioKind.PrimaryKill, 3, 0, TimeSpan.FromSeconds(10), TimeSpan.Zero, TimingPresets.Fast, "fast", 42,
            new ChurnInjection.KeepConstant(1), [.. thresholds.Select(ThresholdParser.Parse)], "unused",
            ReferenceElector.Definition, FileStores: true, Live: false, "kevyspec-load primary-kill --nodes 3");
        var failover = new LatencyHistogram();
        var detection = new LatencyHistogram();
        foreach (var ms in new[] { 503.0, 507.5, 512.0 }) failover.Record(Ms(ms));
        foreach (var ms in new[] { 480.0, 495.0, 499.0 }) detection.Record(Ms(ms));
        EventRecord Kill(int id, string old, ulong epoch, string next, double start, double detect, double fail) =>
            new(id, ChurnEventKind.KillPrimary, [old], Ms(start), Ms(start + 600), Ms(start + 900), old, epoch, next, epoch + 1, Ms(detect), Ms(fail), 1, EventOutcome.Converged);
        var events = new[]
        {
            Kill(1, "n1", 1, "n2", 1000, 480, 503),
            Kill(2, "n2", 2, "n1", 2000, 495, 507.5),
            Kill(3, "n1", 3, "n2", 3000, 499, 512),
        };
        var elections = new[]
        {
            new ElectionRecord("n2", 2, Ms(1480), false, false),
            new ElectionRecord("n1", 3, Ms(2495), false, false),
            new ElectionRecord("n2", 4, Ms(3499), false, false),
            new ElectionRecord("n3", 5, Ms(9000), true, false),
        };
        var timeline = new List<TimelineEntry>
        {
            new("n1", TimelineKind.Report, Ms(100), Role.Primary, 1, "n1", true),
            new("n2", TimelineKind.Report, Ms(101), Role.Replica, 1),
            new("n3", TimelineKind.Report, Ms(102), Role.Replica, 1),
            new("n1", TimelineKind.Killed, Ms(1000), Role.Primary, 1),
            new("n2", TimelineKind.Report, Ms(1480), Role.Candidate, 2),
            new("n2", TimelineKind.Report, Ms(1503), Role.Primary, 2, "n2", true),
            new("n3", TimelineKind.Report, Ms(1503), Role.Replica, 2),
            new("n1", TimelineKind.Restarted, Ms(1600), Role.Primary, 1),
            new("n1", TimelineKind.Report, Ms(1610), Role.Replica, 2),
        };
        IReadOnlyList<SafetyViolation> violations = withViolation
            ? [new SafetyViolation(new Violation(InvariantNames.SinglePrimary, "n1 and n2 are both primary at epoch 2"), Ms(1700))]
            : [];
        return new RunResult(
            settings, ["n1", "n2", "n3"], DateTimeOffset.UnixEpoch, Ms(100), true, Ms(100), Ms(10_100), false,
            events, 2, elections, violations, InvariantNames.Safety, failover, detection,
            new CounterTotals(1200, 1210, 3, 0, 6, 0), TimeSpan.FromSeconds(0.5), 80L * 1024 * 1024,
            timeline, "soft 20000 (hard 20000), 527 needed", ["a note for the reader"]);
    }
}
