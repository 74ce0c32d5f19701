using KevySpec.Checking;

namespace KevySpec.Tests.Checking;

public sealed class ExhaustiveCheckerTests
{
    private static readonly ElectorDefinition Hardened = GeneratedElectors.Find("election-hardened")!;

    [Fact]
    public void The_reference_breaks_single_primary_and_the_first_counterexample_is_a_shortest_one()
    {
        var result = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 8 }).Run();

        var found = Assert.Single(result.Counterexamples);
        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "a and b are both primary at epoch 2"), found.Violation);
        // 7 moves after the 2 starts: tick, 3 s pass, offset, tick (OFFER), vote, count, tick (ANNOUNCE).
        Assert.Equal(9, found.Events.Count);
        Assert.Equal(CheckStop.DepthBound, result.Stop);
        Assert.Equal([InvariantNames.WriteSafety, InvariantNames.NoDisruption, InvariantNames.Liveness, InvariantNames.Convergence], result.Unchecked);
    }

    [Fact]
    public void No_shorter_counterexample_exists_below_its_depth()
    {
        var result = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 6 }).Run();
        Assert.Empty(result.Counterexamples);
    }

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 5)]
    public void The_hardened_spec_holds_every_safety_invariant_within_the_bounds(int nodes, int depth)
    {
        var result = new ExhaustiveChecker(Hardened, new CheckOptions { Nodes = nodes, MaxDepth = depth }).Run();

        Assert.Empty(result.Counterexamples);
        Assert.Equal(depth, result.DepthReached);
        Assert.True(result.Distinct > 10_000, $"{result.Distinct} distinct states");
        Assert.True(result.Explored > result.Distinct);
    }

    [Fact]
    public void Runs_are_reproducible()
    {
        var options = new CheckOptions { Nodes = 2, MaxDepth = 6 };
        var first = new ExhaustiveChecker(Hardened, options).Run();
        var second = new ExhaustiveChecker(Hardened, options).Run();
        Assert.Equal((first.Explored, first.Distinct), (second.Explored, second.Distinct));
    }

    [Fact]
    public void A_tiny_cluster_is_explored_completely()
    {
        var result = new ExhaustiveChecker(Hardened, new CheckOptions { Nodes = 1, MaxDepth = 40, MaxCrashes = 0 }).Run();
        Assert.Equal(CheckStop.Exhausted, result.Stop);
        Assert.Empty(result.Counterexamples);
    }

    [Fact]
    public void Progress_is_reported_and_bad_options_are_refused()
    {
        var reports = new List<CheckProgress>();
        new ExhaustiveChecker(Hardened, new CheckOptions { Nodes = 2, MaxDepth = 3 }).Run(reports.Add);
        Assert.NotEmpty(reports);

        Assert.StartsWith("nodes must be 1 to 4", Assert.Throws<ArgumentException>(() => new ExhaustiveChecker(Hardened, new CheckOptions { Nodes = 5 })).Message);
        Assert.StartsWith("depth must be at least 1", Assert.Throws<ArgumentException>(() => new ExhaustiveChecker(Hardened, new CheckOptions { MaxDepth = 0 })).Message);
    }

    [Fact]
    public void Restarting_a_node_as_primary_breaks_single_primary_even_when_hardened()
    {
        // The bootstrap primary's peer crashes and comes back declaring itself primary too.
        var options = new CheckOptions { Nodes = 2, MaxDepth = 2, RestartRoles = [Role.Primary] };
        var result = new ExhaustiveChecker(Hardened, options).Run();
        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "a and b are both primary at epoch 1"), Assert.Single(result.Counterexamples).Violation);
    }
}
