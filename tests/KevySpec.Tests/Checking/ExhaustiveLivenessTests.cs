using KevySpec.Checking;

namespace KevySpec.Tests.Checking;

public sealed class ExhaustiveLivenessTests
{
    [Fact]
    public void The_reference_has_a_state_from_which_the_quiet_continuation_never_elects_a_followed_primary()
    {
        // Finding 6: b stands while the bootstrap primary a has not ticked yet, is refused, and
        // stays a replica at epoch 2 that never follows a primary of epoch 1.
        var result = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 4 }).Run();

        var found = Assert.Single(result.Counterexamples);
        Assert.Equal(InvariantNames.Liveness, found.Violation.Invariant);
        Assert.StartsWith("primary a is known to 1 of 2 (a majority is 2) 18 s after faults stopped", found.Violation.Detail);
        Assert.Equal("election-liveness-n2-bootstrap", found.Name);
        Assert.Equal([InvariantNames.WriteSafety], result.Unchecked);
        // The path to the state, then the quiet continuation: one "faults stop" note between them.
        Assert.Single(found.Events, e => e.Kind == ScenarioEventKind.Fault && e.Text!.StartsWith("faults stop", StringComparison.Ordinal));
        Assert.Equal((Role.Primary, 1UL), (found.Steps.Last(s => s.Node == "a").State.Role, found.Steps.Last(s => s.Node == "a").State.Epoch));
        Assert.Equal((Role.Replica, 2UL, (string?)null), (found.Steps.Last(s => s.Node == "b").State.Role, found.Steps.Last(s => s.Node == "b").State.Epoch,
            found.Steps.Last(s => s.Node == "b").State.Primary));
    }

    [Fact]
    public void The_non_recovering_state_found_first_is_a_shallowest_one()
    {
        // Continuations run from the states a search expands (depth − 1 moves deep or less). Every
        // state within one move recovers; the first that does not is 2 moves deep: b ticks, 3 s pass.
        var shallow = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 2 }).Run();
        Assert.Empty(shallow.Counterexamples);
        var deeper = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 3 }).Run();
        var path = deeper.Counterexamples.Single().Events.TakeWhile(e => e.Kind != ScenarioEventKind.Fault).ToList();
        Assert.Equal(2 + 2, path.Count);
        Assert.Equal(ScenarioEventKind.TimePasses, path[^1].Kind);
    }

    [Fact]
    public void Liveness_depth_zero_leaves_liveness_unchecked()
    {
        var result = new ExhaustiveChecker(ReferenceElector.Definition, new CheckOptions { Nodes = 2, MaxDepth = 4, LivenessDepth = 0 }).Run();
        Assert.Empty(result.Counterexamples);
        Assert.Equal([InvariantNames.WriteSafety, InvariantNames.NoDisruption, InvariantNames.Liveness, InvariantNames.Convergence], result.Unchecked);
    }
}

public sealed class QuietOutcomeTests
{
    private static readonly ExhaustiveChecker.QuietOutcome Good = new(0, 0, OfferAhead: false, Disrupted: false);

    [Fact]
    public void A_property_holds_for_good_from_the_first_round_after_which_it_never_fails()
    {
        // Rounds: fails, holds, holds, then a cycle where it holds.
        var outcome = Good.Before(true, true, true, false).Before(true, true, true, false).Before(false, false, false, false);
        Assert.Equal((1, 1), (outcome.LiveFrom, outcome.ConvergedFrom));
        // Holding now does not help if it fails later.
        var later = new ExhaustiveChecker.QuietOutcome(2, 0, false, false).Before(true, true, false, false);
        Assert.Equal((3, 0), (later.LiveFrom, later.ConvergedFrom));
        var never = new ExhaustiveChecker.QuietOutcome(ExhaustiveChecker.Never, 0, false, false).Before(true, true, false, false);
        Assert.Equal(ExhaustiveChecker.Never, never.LiveFrom);
    }

    [Fact]
    public void Standing_after_every_live_node_followed_one_primary_is_a_disruption_and_before_it_is_not()
    {
        var offerThenFollowed = Good.Before(true, true, settled: true, offered: false).Before(false, false, settled: false, offered: true);
        Assert.True(offerThenFollowed.OfferAhead);
        Assert.False(offerThenFollowed.Disrupted);
        var followedThenOffer = Good.Before(false, false, settled: false, offered: true).Before(true, true, settled: true, offered: false);
        Assert.True(followedThenOffer.Disrupted);
    }

    [Fact]
    public void Outcomes_pack_into_one_long_and_back()
    {
        var outcome = new ExhaustiveChecker.QuietOutcome(17, ExhaustiveChecker.Never, OfferAhead: true, Disrupted: true);
        Assert.Equal(outcome, ExhaustiveChecker.QuietOutcome.Unpack(outcome.Pack()));
        Assert.Equal(Good, ExhaustiveChecker.QuietOutcome.Unpack(Good.Pack()));
    }
}
