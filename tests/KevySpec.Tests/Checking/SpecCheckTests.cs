using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary><see cref="SpecCheck.AssertHolds"/>: a consumer's test asserts its spec's invariants in one line.</summary>
public sealed class SpecCheckTests
{
    private static ElectorDefinition Broken(string name) =>
        KevySpec.BrokenSpecs.KevySpecBrokenSpecsElectors.Find(name) ?? throw new InvalidOperationException($"no broken spec '{name}'");

    [Fact]
    public void A_spec_that_holds_its_invariants_passes()
    {
        SpecCheck.AssertHolds(HardenedElector.Definition, new SpecCheckOptions { Seeds = 20, Nodes = [3] });
    }

    [Fact]
    public void A_broken_spec_throws_with_the_violation_the_seed_and_a_replay_line()
    {
        var broken = Broken("no-lease-lapse");
        var options = new SpecCheckOptions { Seeds = 200, Nodes = [3], Swarm = false };
        // What the simulator alone finds over the same seeds: the exception must name its lowest failing seed.
        var direct = SimRunner.Run(broken, new SimOptions { Nodes = 3 }, options.FirstSeed, options.Seeds, keepFailures: 1);
        Assert.True(direct.Violations > 0, "the broken spec should fail within 200 seeds");
        var lowest = direct.Failures[0];

        var thrown = Assert.Throws<SpecViolationException>(() => SpecCheck.AssertHolds(broken, options));

        Assert.Equal(("no-lease-lapse", lowest.Violation!.Invariant, CheckMode.Sim, 3, lowest.Seed),
            (thrown.Spec, thrown.Invariant, thrown.Mode, thrown.Nodes, thrown.Seed));
        var lines = thrown.Message.Split(Environment.NewLine);
        Assert.StartsWith($"spec 'no-lease-lapse' (no-lease-lapse.spec.md, ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"breaks {lowest.Violation}", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"  sim n=3 seed {lowest.Seed}; {direct.Violations} of 200 seeds failed", lines[1], StringComparison.Ordinal);
        Assert.Equal($"  replay: kevyspec check --project <the project of KevySpec.BrokenSpecs> --spec no-lease-lapse --mode sim --nodes 3 --first-seed {lowest.Seed} --seeds 1", lines[2]);
        Assert.Equal("  steps:", lines[3]);
        Assert.Equal($"    Violated: {lowest.Violation}", lines[^1]);
    }

    [Fact]
    public void No_cluster_size_is_an_argument_error()
    {
        var thrown = Assert.Throws<ArgumentException>(() => SpecCheck.AssertHolds(ReferenceElector.Definition, new SpecCheckOptions { Nodes = [] }));
        Assert.Contains("at least one cluster size", thrown.Message);
    }
}
