using System.Diagnostics;
using KevySpec.Load.Cli;
using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

/// <summary>Real nemesis runs: node processes in network namespaces (root only; skipped with the reason elsewhere).</summary>
public sealed class NemesisRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kevyspec-nemesis-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [NamespacesFact]
    public async Task A_partition_a_pause_and_a_kill_leave_the_cluster_safe_with_a_primary_and_no_namespace_behind()
    {
        var settings = new NemesisSettings(3, TimeSpan.FromSeconds(5), 21, TimingPresets.Fast, "fast",
            [FaultKind.Partition, FaultKind.Pause, FaultKind.Kill], NemesisSettings.DefaultHold(TimingPresets.Fast),
            HardenedElector.Definition, _folder);
        var log = new List<string>();

        var result = await NemesisRunner.RunAsync(settings, line => { lock (log) log.Add(line); }, CancellationToken.None);

        var trace = string.Join('\n', log);
        Assert.True(result.Violations.Count == 0, string.Join('\n', result.Violations.Select(v => v.Violation.Detail)) + "\n" + trace);
        // Every kind was injected, and after every repair all nodes followed one primary within the bound derived from the timings.
        Assert.Equal([FaultKind.Partition, FaultKind.Pause, FaultKind.Kill], result.Faults.Select(f => f.Fault.Kind).Distinct().Order());
        Assert.All(result.Faults, f => Assert.True(f.Recovery is not null && f.Primary is not null, $"fault {f.Number} ({f.Fault.Description}) did not recover\n{trace}"));
        Assert.All(result.Faults.Where(f => f.Fault.PrimaryLost), f => Assert.False(f.FailoverTimedOut, $"fault {f.Number}: no failover\n{trace}"));
        Assert.Equal(0, result.FailoverTimeouts);
        Assert.True(result.Passed, trace);
        // Write-safety was judged online, and the pause counted as an excess of the delay bound.
        Assert.Contains(KevySpec.Checking.InvariantNames.WriteSafety, result.Checked);
        Assert.True(result.WriteSafety is { Exceeded: >= 1 } judged && judged.DelayBound == TimingPresets.Fast.DelayBound, $"judgement: {result.WriteSafety}");
        Assert.Contains(NemesisReport.Summary(result), line => line.Contains("write-safety assumes delay_bound 50ms, exceeded", StringComparison.Ordinal));
        // The processes were really there and measured; the killed node's new process rejoined (recovery above needs every node).
        Assert.All(result.NodeIds, id => Assert.Contains(result.Samples, s => s.Node == id && s.ResidentBytes > 0));
        Assert.Single(result.Faults.Single(f => f.Fault.Kind == FaultKind.Kill).Fault.Killed);
        // Nothing of the lab is left: the switch and every node's namespace are gone.
        Assert.Equal(4, result.Namespaces.Count);
        Assert.Empty(result.Leftovers);
        var remaining = await NetworkLab.ListAsync();
        Assert.DoesNotContain(remaining, name => result.Namespaces.Contains(name));
        Assert.Empty(StillMounted(result.Namespaces));

        NemesisReport.Write(result, _folder);
        Assert.Contains("**Verdict: PASS**", File.ReadAllText(Path.Combine(_folder, "report.md")));
        Assert.True(File.ReadAllLines(Path.Combine(_folder, "faults.csv")).Length > 3);
    }

    [NamespacesFact]
    public async Task A_sweep_deletes_namespaces_of_dead_runs_only()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        var dead = LabNames.For(gone.Id, 1).Namespace("n1");
        var ours = LabNames.For(Environment.ProcessId, 999).Namespace("n1");
        await IpTool.IpAsync(IpCommands.AddNamespace(dead));
        await IpTool.IpAsync(IpCommands.AddNamespace(ours));
        try
        {
            var swept = await NetworkLab.SweepStaleAsync();

            Assert.Contains(dead, swept);
            Assert.DoesNotContain(ours, swept);
            var remaining = await NetworkLab.ListAsync();
            Assert.DoesNotContain(dead, remaining);
            Assert.Contains(ours, remaining);
        }
        finally
        {
            IpTool.TryIp(IpCommands.DeleteNamespace(ours));
            IpTool.TryIp(IpCommands.DeleteNamespace(dead));
        }
    }

    [NamespacesFact]
    public async Task A_lab_applies_and_heals_a_fault_and_deletes_every_namespace_it_made()
    {
        var lab = await NetworkLab.CreateAsync(["n1", "n2", "n3"]);
        var created = lab.Namespaces;
        Assert.Equal(4, created.Count);
        Assert.All(created, name => Assert.StartsWith(lab.Names.Prefix + "-", name));
        await lab.ApplyAsync(new FaultPlanner(["n1", "n2", "n3"], [FaultKind.Partition], 5).Plan(FaultKind.Partition, "n1"));
        await lab.HealAsync();

        await lab.DisposeAsync();

        var remaining = await NetworkLab.ListAsync();
        Assert.DoesNotContain(remaining, name => created.Contains(name));
    }

    private static IEnumerable<string> StillMounted(IEnumerable<string> namespaces) =>
        namespaces.Where(ns => File.Exists($"/run/netns/{ns}"));
}
