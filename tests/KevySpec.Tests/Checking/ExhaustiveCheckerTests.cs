using KevySpec.Checking;

namespace KevySpec.Tests.Checking;

public sealed class ExhaustiveCheckerTests
{
    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;

    [Fact]
    public void The_reference_breaks_single_primary_and_the_first_counterexample_is_a_shortest_one()
    {
        var result = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 8, LivenessDepth = 0 }).Run();

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
        var result = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 6, LivenessDepth = 0 }).Run();
        Assert.Empty(result.Counterexamples);
    }

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 5)]
    // Depth 6 holds the first state whose continuation needs FIFO links: a cold-start winner's
    // heartbeat saying candidate, sent in the tick of its ANNOUNCE, must not land after it.
    [InlineData(3, 6)]
    public void The_hardened_spec_holds_every_invariant_within_the_bounds_and_every_state_recovers_once_faults_stop(int nodes, int depth)
    {
        var result = new ExhaustiveChecker(Hardened, new CheckOptions { Nodes = nodes, MaxDepth = depth }).Run();

        Assert.Empty(result.Counterexamples);
        // Only write-safety, which needs real time and a delay bound, is left to the simulator.
        Assert.Equal([InvariantNames.WriteSafety], result.Unchecked);
        Assert.Equal(depth, result.DepthReached);
        Assert.True(result.Distinct > 10_000, $"{result.Distinct} distinct states");
        Assert.True(result.Explored > result.Distinct);
    }

    [Theory]
    [InlineData("election", 2, 8)]
    [InlineData("election-hardened", 3, 5)]
    public void One_worker_and_several_find_the_same_states_and_the_same_counterexamples(string spec, int nodes, int depth)
    {
        var definition = KevySpecElectors.Find(spec)!;
        var one = new ExhaustiveChecker(definition, new CheckOptions { Nodes = nodes, MaxDepth = depth, Workers = 1 }).Run();
        var four = new ExhaustiveChecker(definition, new CheckOptions { Nodes = nodes, MaxDepth = depth, Workers = 4 }).Run();

        Assert.Equal((one.Explored, one.Distinct, one.DepthReached, one.Stop), (four.Explored, four.Distinct, four.DepthReached, four.Stop));
        Assert.Equal(4, four.Workers);
        Assert.Equal(one.Counterexamples.Select(Describe), four.Counterexamples.Select(Describe));

        static string Describe(Counterexample c) => c.Violation + ": " + string.Join(" | ", c.Steps.Select(s => $"{s.Kind} {s.Node} {s.From} {s.Message}"));
    }

    [Fact]
    public void Among_many_shortest_counterexamples_every_run_reports_the_same_one()
    {
        // Finding 1: 7 moves. Many 7-move paths break single-primary; runs on 2 workers race, yet report the same one.
        var runs = Enumerable.Range(0, 3).Select(_ => new ExhaustiveChecker(ReferenceElector.Definition,
            new CheckOptions { Nodes = 2, MaxDepth = 8, Workers = 2, LivenessDepth = 0 }).Run().Counterexamples.Single(c => c.Violation.Invariant == InvariantNames.SinglePrimary)).ToList();
        Assert.Equal(7 + 2, runs[0].Events.Count);
        Assert.All(runs, r => Assert.Equal(runs[0].Events.Select(e => e.Step?.ToString()), r.Events.Select(e => e.Step?.ToString())));
    }

    [Fact]
    public void The_visited_set_takes_at_most_16_bytes_a_state()
    {
        var result = new ExhaustiveChecker(Hardened, new CheckOptions { Nodes = 3, MaxDepth = 6, LivenessDepth = 0 }).Run();
        Assert.InRange(result.BytesPerState, 8, 16);
        Assert.True(result.Memory.Frontier > 0 && result.Memory.Paths > 0);
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
        var options = new CheckOptions { Nodes = 2, MaxDepth = 2, RestartRoles = [Role.Primary], LivenessDepth = 0 };
        var result = new ExhaustiveChecker(Hardened, options).Run();
        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "a and b are both primary at epoch 1"), Assert.Single(result.Counterexamples).Violation);
    }
}
