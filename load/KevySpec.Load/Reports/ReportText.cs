using System.Globalization;
using KevySpec.Load.Cli;
using KevySpec.Load.Runner;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Reports;

/// <summary>The words and rows every report shares (Markdown, HTML, console).</summary>
public static class ReportText
{
    /// <summary>The headline measures, in the order the summaries show them.</summary>
    public static IReadOnlyList<string> Headline { get; } =
    [
        "failover.p50", "failover.p90", "failover.p99", "failover.max", "writable.p50", "writable.p90", "writable.p99", "writable.max",
        "unwritable.total", "unwritable.max", "overhead.p99", "detection.p50", "detection.p99",
        "failover.count", "failover.timeouts", "events", "events.skipped", "events.not_rejoined", "elections", "elections.per_event", "elections.spurious",
        "violations", "frames.out_per_sec", "reconnects", "cpu.percent", "memory.peak_mb",
    ];

    /// <summary><c>PASSED</c> / <c>FAILED (n of m thresholds)</c>.</summary>
    public static string Verdict(ReportModel model)
    {
        var failed = model.Failed.Count();
        return failed == 0 ? $"PASSED ({model.Outcomes.Count} threshold{(model.Outcomes.Count == 1 ? "" : "s")})" : $"FAILED ({failed} of {model.Outcomes.Count} thresholds)";
    }

    /// <summary><c>SAFE</c> / <c>UNSAFE: n violation(s)</c>, over the invariants checked.</summary>
    public static string Safety(ReportModel model) => (model.Run.Violations.Count == 0
        ? $"SAFE: no violation of {string.Join(", ", model.Run.CheckedInvariants)}"
        : $"UNSAFE: {model.Run.Violations.Count} violation(s)") + (model.Run.WriteSafety is { } judged ? $"; {judged.Text}" : "");

    /// <summary>The setup as (label, value) rows.</summary>
    public static IReadOnlyList<(string Label, string Value)> Setup(RunResult run)
    {
        var s = run.Settings;
        var c = s.Config;
        return
        [
            ("command", s.CommandLine),
            ("scenario", Scenario.NameOf(s.Scenario)),
            ("load simulation", s.Simulation.Describe()),
            ("nodes", s.Hosts == 0
                ? $"{s.Nodes.ToString(CultureInfo.InvariantCulture)}, all in the runner's process"
                : $"{s.Nodes.ToString(CultureInfo.InvariantCulture)}, over {s.Hosts.ToString(CultureInfo.InvariantCulture)} node host processes (CPU and memory below include theirs)"),
            ("spec", s.Spec.Name),
            ("stores", s.FileStores ? "file (FileElectionStore, fsynced, one temporary data directory per node)" : "memory (no fsync)"),
            ("timings", $"{s.TimingsName}: hb {DurationText.Format(c.HbInterval)}, down_after {DurationText.Format(c.DownAfter)}, election_timeout {DurationText.Format(c.ElectionTimeout)}, backoff {DurationText.Format(c.ElectionBackoff)} + jitter {DurationText.Format(c.ElectionBackoffJitter)}"),
            ("seed", s.Seed.ToString(CultureInfo.InvariantCulture)),
            ("duration", DurationText.Format(s.Duration)),
            ("measured window", $"{Seconds(run.MeasuredFrom)} → {Seconds(run.MeasuredTo)} run time ({Seconds(run.Measured)})"),
            ("warm-up", $"{Seconds(run.Warmup)}{(run.WarmupConverged ? "" : " (bound reached)")}: every node connected and following the bootstrap primary; then {DurationText.Format(s.Warmup)} more before measuring (--warmup)"),
            ("open files", run.FileDescriptors),
            ("started", run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)),
            ("machine", $"{Environment.ProcessorCount} CPU(s), .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"),
        ];
    }

    /// <summary>Per event kind: count, converged, timed out, failover p50 / p99 / max in ms.</summary>
    public static IReadOnlyList<string[]> EventsByKind(RunResult run) =>
    [
        .. run.Events.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g =>
        {
            var failovers = g.Where(e => e.Failover is not null).Select(e => e.Failover!.Value.TotalMilliseconds).Order().ToArray();
            return new[]
            {
                g.Key.ToName(),
                g.Count().ToString(CultureInfo.InvariantCulture),
                g.Count(e => e.Outcome == EventOutcome.Converged).ToString(CultureInfo.InvariantCulture),
                g.Count(e => e.Outcome == EventOutcome.FailoverTimedOut).ToString(CultureInfo.InvariantCulture),
                g.Count(e => e.Outcome == EventOutcome.NotRejoined).ToString(CultureInfo.InvariantCulture),
                Quantile(failovers, 0.5), Quantile(failovers, 0.99), failovers.Length == 0 ? "" : Ms(failovers[^1]),
                g.Sum(e => e.Elections).ToString(CultureInfo.InvariantCulture),
            };
        }),
    ];

    /// <summary>The column titles of <see cref="EventsByKind"/>.</summary>
    public static IReadOnlyList<string> EventsByKindHeader { get; } =
        ["kind", "events", "converged", "failover timed out", "not rejoined", "failover p50 ms", "failover p99 ms", "failover max ms", "elections"];

    /// <summary>Per failover (event that took the primary away), in start order: event, fault, at, winner, elected after, writable after.</summary>
    public static IReadOnlyList<string[]> Failovers(ReportModel model) =>
    [
        .. model.Writes.Failovers.Select(f =>
        {
            var e = f.Event;
            var winner = e.NewPrimary is { } elected ? $"{elected} (epoch {e.NewEpoch.ToString(CultureInfo.InvariantCulture)})" : "none (timed out)";
            var writable = f.Writable is { } w
                ? Ms(w.TotalMilliseconds) + (f.Writer == e.NewPrimary ? "" : $" (by {f.Writer})")
                : "not by the event's end";
            return new[]
            {
                e.Id.ToString(CultureInfo.InvariantCulture), $"{e.Kind.ToName()} {string.Join(' ', e.Targets)}", Seconds(e.Start), winner,
                e.Failover is { } failover ? Ms(failover.TotalMilliseconds) : "timed out", writable,
            };
        }),
    ];

    /// <summary>The column titles of <see cref="Failovers"/>.</summary>
    public static IReadOnlyList<string> FailoversHeader { get; } = ["event", "fault", "at", "winner", "elected after ms", "writable after ms"];

    /// <summary>The terms the reports measure in, and what each means (the Markdown and the HTML report list them).</summary>
    public static IReadOnlyList<(string Term, string Meaning)> Definitions { get; } =
    [
        ("failover (elected)", "from the fault (kill, or link cut isolating the primary) to the moment every node still connected to the majority reports the same new primary at a higher epoch, on the nodes' own clock (their topology reports)."),
        ("writable", "from the fault to the first report of a primary at a higher epoch answering has_quorum true: its write fence opens and writes can resume."),
        ("unwritable", "time in the measured window in which no live node reported itself primary with has_quorum true (any primary counts, an old one not yet fenced too): no write could be taken."),
        ("detection", "from the fault to the first report by such a node that leaves the old primary (it becomes candidate, takes a higher epoch or follows another primary)."),
        ("overhead", "failover − down_after."),
        ("spurious election", "a candidacy no fault explains: outside every fault window (fault → end of its event + settle allowance) that took the primary away, cut off the candidate itself, or had already been repaired (returning nodes may make anyone stand)."),
    ];

    /// <summary><paramref name="text"/> as one Markdown table cell: a <c>|</c> (a partition's sides) is escaped, a line break becomes a space.</summary>
    public static string MarkdownCell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Seconds with three decimals.</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    // Nearest-rank quantile of sorted values (exact, for the per-kind table).
    private static string Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? "" : Ms(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]);
}
