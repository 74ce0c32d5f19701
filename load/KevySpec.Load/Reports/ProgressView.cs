using System.Globalization;
using KevySpec.Load.Cli;
using KevySpec.Load.Runner;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KevySpec.Load.Reports;

/// <summary>Progress as one plain line (CI, redirected output) or as a live Spectre.Console panel.</summary>
public static class ProgressView
{
    /// <summary>e.g. <c>[ 12.0s/60s] running  events 5 (+1, 0 skipped)  failover p50 512.3ms p99 530.1ms (4)  elections 5 spurious 0  violations 0  frames/s 412  primary n3@6  alive 5/5</c>.</summary>
    public static string Line(ProgressSnapshot s, int nodes) => string.Create(CultureInfo.InvariantCulture,
        $"[{s.Elapsed.TotalSeconds,6:0.0}s/{DurationText.Format(s.Duration)}] {s.Phase,-10} events {s.Events} (+{s.InFlight}, {s.Skipped} skipped)  "
        + $"failover p50 {Ms(s.FailoverP50)} p99 {Ms(s.FailoverP99)} ({s.Failovers}, {s.Timeouts} timed out, {s.NotRejoined} not rejoined)  "
        + $"elections {s.Elections} spurious {s.Spurious}  violations {s.Violations}  frames/s {s.FramesPerSecond:0}  "
        + $"primary {(s.Primary is null ? "-" : $"{s.Primary}@{s.Epoch}")}  alive {s.Alive}/{nodes}");

    /// <summary>The live panel.</summary>
    public static IRenderable Panel(ProgressSnapshot s, RunSettings settings)
    {
        var fraction = settings.Duration <= TimeSpan.Zero ? 1 : Math.Clamp(s.Elapsed / settings.Duration, 0, 1);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[grey]phase[/]", Markup.Escape(s.Phase));
        grid.AddRow("[grey]elapsed[/]", Markup.Escape($"{s.Elapsed.TotalSeconds:0.0}s of {DurationText.Format(settings.Duration)}"));
        grid.AddRow("[grey]primary[/]", Markup.Escape(s.Primary is null ? "(no majority)" : $"{s.Primary} at epoch {s.Epoch}"));
        grid.AddRow("[grey]alive[/]", $"{s.Alive}/{settings.Nodes}");
        grid.AddRow("[grey]events[/]", Markup.Escape($"{s.Events} done, {s.InFlight} in flight, {s.Skipped} skipped"));
        grid.AddRow("[grey]failovers[/]", Markup.Escape($"{s.Failovers} (p50 {Ms(s.FailoverP50)}, p99 {Ms(s.FailoverP99)}), {s.Timeouts} timed out"));
        grid.AddRow("[grey]not rejoined[/]", s.NotRejoined == 0 ? "0" : $"[yellow]{s.NotRejoined}[/]");
        grid.AddRow("[grey]elections[/]", Markup.Escape($"{s.Elections}, spurious {s.Spurious}"));
        grid.AddRow("[grey]violations[/]", s.Violations == 0 ? "[green]0[/]" : $"[red]{s.Violations}[/]");
        grid.AddRow("[grey]frames/s[/]", s.FramesPerSecond.ToString("0", CultureInfo.InvariantCulture));
        var bar = new BreakdownChart().Width(50).HideTags()
            .AddItem("done", Math.Max(fraction * 100, 0.001), Color.Green)
            .AddItem("left", Math.Max((1 - fraction) * 100, 0.001), Color.Grey23);
        return new Panel(new Rows(bar, grid))
            .Header(Markup.Escape($" kevyspec-load: {Scenarios.Scenario.NameOf(settings.Scenario)} on {settings.Nodes} nodes, {settings.Simulation.Describe()} "))
            .Border(BoxBorder.Rounded);
    }

    private static string Ms(TimeSpan? value) => value is { } v ? v.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + "ms" : "-";
}
