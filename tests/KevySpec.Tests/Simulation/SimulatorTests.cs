using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Simulation;

public sealed class SimulatorTests
{
    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;

    [Theory]
    [InlineData("election", 2)]
    [InlineData("election-hardened", 2024)]
    public void The_same_seed_gives_the_same_run_byte_for_byte(string spec, long seed)
    {
        var definition = KevySpecElectors.Find(spec)!;
        var first = Simulator.Run(definition, new SimOptions(), seed);
        var second = Simulator.Run(definition, new SimOptions(), seed);

        Assert.True(first.Steps > 1000, $"seed {seed}: a full run has thousands of steps, got {first.Steps}");
        Assert.Equal(first.Log(), second.Log());
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var a = Simulator.Run(Hardened, new SimOptions(), 1);
        var b = Simulator.Run(Hardened, new SimOptions(), 2);
        Assert.NotEqual(a.Log(), b.Log());
    }

    [Fact]
    public void The_run_exercises_every_fault_kind()
    {
        var log = string.Concat(Enumerable.Range(1, 20).Select(seed => Simulator.Run(Hardened, new SimOptions(), seed).Log()));
        foreach (var fault in new[] { "(one way)", "are cut", "partitioned from everyone", "heal", "pauses", "crash ", "\"op\":\"restart\"", "\"op\":\"set_offset\"", "lost ", "faults stop" })
            Assert.Contains(fault, log);
    }

    [Fact]
    public void After_faults_stop_nodes_restart_and_rejoin_while_no_disruption_is_checked()
    {
        var restartsAfterFaults = Enumerable.Range(1, 20).Sum(seed =>
        {
            var events = Simulator.Run(Hardened, new SimOptions(), seed).Events;
            var stop = events.ToList().FindIndex(e => e.Text?.StartsWith("faults stop", StringComparison.Ordinal) == true);
            return events.Skip(stop + 1).Count(e => e.Step is { Kind: StepKind.Restart });
        });
        Assert.True(restartsAfterFaults >= 20, $"{restartsAfterFaults} restarts after faults stopped in 20 seeds");
    }

    [Fact]
    public void A_swarm_walk_is_replayed_by_its_seed_and_walks_differ()
    {
        var walk = Simulator.Run(Hardened, Swarm.Options(4, 11), 11);
        Assert.Equal(walk.Log(), Simulator.Run(Hardened, Swarm.Options(4, 11), 11).Log());
        Assert.NotEqual(Swarm.Options(4, 11).FaultWeights, Swarm.Options(4, 12).FaultWeights);
        Assert.Null(Swarm.Options(4, 11).Problem());
    }

    [Fact]
    public void The_hardened_spec_holds_every_invariant_over_300_seeds_but_the_open_disruptive_rejoin()
    {
        var summary = SimRunner.Run(Hardened, new SimOptions(), firstSeed: 1, seeds: 300, keepFailures: 300);

        // docs/checking.md, finding 11 (open): a node that rejoins with a higher epoch deposes the settled primary.
        var failures = string.Join("\n", summary.Failures.Select(f => $"seed {f.Seed}: {f.Violation}"));
        Assert.True(summary.Failures.All(f => f.Violation!.Invariant == InvariantNames.NoDisruption && f.Violation.Detail.Contains("is deposed", StringComparison.Ordinal)),
            $"violations:\n{failures}");
        Assert.True(summary.Violations <= 3, $"violations:\n{failures}");
        Assert.True(summary.Elections > 300, $"runs elect primaries ({summary.Elections} elections)");
    }

    [Fact]
    public void The_simulator_finds_the_reference_hazards()
    {
        var summary = SimRunner.Run(ReferenceElector.Definition, new SimOptions(), firstSeed: 1, seeds: 60, keepFailures: 60);

        Assert.Contains(InvariantNames.SinglePrimary, summary.ViolationsByInvariant.Keys);
        Assert.Contains(InvariantNames.Liveness, summary.ViolationsByInvariant.Keys);
        Assert.All(summary.Failures, f => Assert.Same(f.Events, f.Counterexample!.Events));
    }

    [Fact]
    public void Bad_options_are_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(Hardened, new SimOptions { Nodes = 9 }, 1));
        Assert.StartsWith("nodes must be 1 to 7", e.Message);
        Assert.Throws<ArgumentException>(() => SimRunner.Run(Hardened, new SimOptions(), 1, seeds: 0));
    }

    [Fact]
    public void The_liveness_bound_is_derived_from_the_timings()
    {
        // 5 + 0.2 + 0.04 + 3 × (3 + 1 + 4 + 1.780125 + 0.2 + 0.04) + 0.2 + 0.02 = 35.520375 s (lease_lapse 1.780125 s)
        Assert.Equal(TimeSpan.FromMilliseconds(35_520.375), LivenessBound.For(ElectConfig.Default, 3, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(TimeSpan.FromMilliseconds(35_520.375), new SimOptions().LivenessDeadline);
    }
}
