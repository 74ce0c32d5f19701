using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

public sealed class InvariantSetTests
{
    private static ElectorDefinition WithInvariant(string name) =>
        ReferenceElector.Definition with
        {
            Table = ReferenceElector.Table with { Invariants = [.. ReferenceElector.Table.Invariants, new SpecInvariant(120, name, "made up")] },
        };

    [Fact]
    public void Every_invariant_of_both_specs_is_implemented()
    {
        foreach (var definition in KevySpecElectors.All)
            Assert.Equal(InvariantNames.All, InvariantSet.ForSpec(definition.Table).Names);
    }

    [Fact]
    public void An_invariant_the_checker_does_not_implement_is_an_error_everywhere()
    {
        var unknown = WithInvariant("no-split-brain");

        var e = Assert.Throws<UnknownInvariantException>(() => InvariantSet.ForSpec(unknown.Table));
        Assert.Equal("election.spec.md:120: invariant 'no-split-brain' is not implemented by the checker; known invariants: " +
            "election-safety, single-primary, one-vote-per-epoch, epoch-monotonic, durable-before-send, best-candidate-wins, write-safety, " +
            "no-disruption, liveness, convergence", e.Message);
        Assert.Throws<UnknownInvariantException>(() => Simulator.Run(unknown, new SimOptions(), 1));
        Assert.Throws<UnknownInvariantException>(() => new ExhaustiveChecker(unknown, new CheckOptions()));
    }

    [Fact]
    public void Only_the_named_invariants_are_checked()
    {
        var set = InvariantSet.ForSpec(ReferenceElector.Table with { Invariants = [new SpecInvariant(1, "epoch-monotonic", "")] });
        Assert.True(set.Checks(InvariantNames.EpochMonotonic));
        Assert.Equal([InvariantNames.EpochMonotonic], InvariantNames.All.Where(set.Checks));
    }

    [Fact]
    public void The_registry_says_what_each_property_needs_and_which_checkers_decide_it()
    {
        Assert.Equal(InvariantNames.All, KevySpec.Properties.PropertyRegistry.All.Select(p => p.Name));
        var set = InvariantSet.AllKnown;
        Assert.Equal(InvariantNames.Safety, set.SafetyNames);
        Assert.Equal([.. InvariantNames.Safety, InvariantNames.NoDisruption, InvariantNames.Liveness, InvariantNames.Convergence], set.DecidedBy(CheckMode.Exhaustive));
        Assert.Equal(InvariantNames.All, set.DecidedBy(CheckMode.Sim));
        Assert.Equal(KevySpec.Properties.PropertyNeeds.EndOfRun, KevySpec.Properties.PropertyRegistry.Find(InvariantNames.Convergence)!.Needs);
    }
}
