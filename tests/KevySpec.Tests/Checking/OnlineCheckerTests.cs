using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary>The online checker: the simulator's safety checks, fed one observed step at a time.</summary>
public sealed class OnlineCheckerTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    private static OnlineChecker Checker() => new(Members, InvariantSet.AllKnown);

    private static NodeStep Step(StepKind kind, string node, (Role Role, ulong Epoch) before, (Role Role, ulong Epoch) after,
        Outbound[]? sent = null, SaveRecord[]? saves = null, PersistedVote store = default) =>
        new(kind, node, before.Role, before.Epoch, after.Role, after.Epoch, sent ?? [], saves ?? [], store);

    private static NodeStep Start(string node, Role role, ulong epoch = 1) =>
        Step(StepKind.New, node, (Role.Replica, 0), (role, epoch), store: new(epoch, null));

    // A candidacy: saves (epoch, self) and then broadcasts the OFFER.
    private static NodeStep Stand(string node, ulong from, ulong to) =>
        Step(StepKind.Tick, node, (Role.Replica, from), (Role.Candidate, to),
            [new(Outbound.Broadcast, new Offer(to, node, 0))], [new(new(to, node), from, 0)], new(to, node));

    private static NodeStep Win(string node, ulong epoch) =>
        Step(StepKind.Tick, node, (Role.Candidate, epoch), (Role.Primary, epoch),
            [new(Outbound.Broadcast, new Announce(epoch, node, node + ":6379"))], store: new(epoch, node));

    [Fact]
    public void A_voter_ahead_of_the_winner_breaks_best_candidate_wins_from_the_offsets_the_hosts_report()
    {
        var checker = Checker();
        foreach (var step in new[] { Start("a", Role.Replica), Start("b", Role.Replica), Start("c", Role.Replica), Stand("b", 1, 2) })
            Assert.Null(checker.Observe(step));
        // c's host reports offset 7 after c voted for b, whose OFFER carried 0.
        var vote = Step(StepKind.Message, "c", (Role.Replica, 1), (Role.Replica, 2), [new("b", new Accept(2, "c"))], [new(new(2, "b"), 1, 0)], new(2, "b"))
            with { OffsetAfter = 7 };
        Assert.Null(checker.Observe(vote));

        Assert.Equal(new Violation(InvariantNames.BestCandidateWins, "b wins epoch 2 with offset 0 in its OFFER, but voter c had offset 7 when it voted"),
            checker.Observe(Win("b", 2)));
    }

    [Fact]
    public void A_clean_failover_violates_nothing()
    {
        var checker = Checker();
        foreach (var step in new[]
                 {
                     Start("a", Role.Primary), Start("b", Role.Replica), Start("c", Role.Replica),
                     Step(StepKind.Crash, "a", (Role.Primary, 1), (Role.Replica, 0), store: new(1, null)),
                     Stand("b", 1, 2),
                     Step(StepKind.Message, "c", (Role.Replica, 1), (Role.Replica, 2), [new("b", new Accept(2, "c"))], [new(new(2, "b"), 1, 0)], new(2, "b")),
                     Win("b", 2),
                     Step(StepKind.Restart, "a", (Role.Replica, 0), (Role.Replica, 1), store: new(1, null)),
                 })
            Assert.Null(checker.Observe(step));
        Assert.Empty(checker.Violations);
    }

    [Fact]
    public void Two_live_primaries_at_one_epoch_are_found_once_however_often_they_are_seen()
    {
        var checker = Checker();
        Assert.Null(checker.Observe(Start("a", Role.Primary)));
        var expected = new Violation(InvariantNames.SinglePrimary, "a and b are both primary at epoch 1");
        Assert.Equal(expected, checker.Observe(Start("b", Role.Primary)));
        Assert.Null(checker.Observe(Step(StepKind.Tick, "b", (Role.Primary, 1), (Role.Primary, 1), store: new(1, null)) with { RoleBefore = Role.Replica }));
        Assert.Equal([expected], checker.Violations);
    }

    [Fact]
    public void A_crashed_primary_is_not_a_live_one()
    {
        var checker = Checker();
        checker.Observe(Start("a", Role.Primary));
        checker.Observe(Step(StepKind.Crash, "a", (Role.Primary, 1), (Role.Replica, 0), store: new(1, null)));
        Assert.Null(checker.Observe(Start("b", Role.Primary)));
    }

    [Fact]
    public void Two_winners_of_one_epoch_break_election_safety_even_when_not_at_the_same_time()
    {
        var checker = Checker();
        checker.Observe(Start("a", Role.Replica));
        checker.Observe(Start("b", Role.Replica));
        checker.Observe(Stand("a", 1, 2));
        checker.Observe(Win("a", 2));
        checker.Observe(Step(StepKind.Crash, "a", (Role.Primary, 2), (Role.Replica, 0), store: new(2, "a")));
        checker.Observe(Stand("b", 1, 2));
        Assert.Equal(new Violation(InvariantNames.ElectionSafety, "b announces itself primary of epoch 2, which a already won"), checker.Observe(Win("b", 2)));
    }

    [Fact]
    public void Votes_and_epochs_are_remembered_across_a_restart()
    {
        var checker = Checker();
        checker.Observe(Start("c", Role.Replica));
        checker.Observe(Step(StepKind.Message, "c", (Role.Replica, 1), (Role.Replica, 4), [new("a", new Accept(4, "c"))], [new(new(4, "a"), 1, 0)], new(4, "a")));
        checker.Observe(Step(StepKind.Crash, "c", (Role.Replica, 4), (Role.Replica, 0), store: new(4, "a")));
        // The store lost the pair: the node comes back at epoch 1.
        Assert.Equal(new Violation(InvariantNames.EpochMonotonic, "c's epoch went back from 4 to 1 on restart"),
            checker.Observe(Step(StepKind.Restart, "c", (Role.Replica, 0), (Role.Replica, 1), store: new(1, null))));
        var secondVote = checker.Observe(Step(StepKind.Message, "c", (Role.Replica, 1), (Role.Replica, 4), [new("b", new Accept(4, "c"))], [new(new(4, "b"), 1, 0)], new(4, "b")));
        Assert.Equal(new Violation(InvariantNames.OneVotePerEpoch, "c votes for b (ACCEPT) in epoch 4 after voting for a in that epoch"), secondVote);
    }

    [Fact]
    public void An_offer_sent_before_its_save_breaks_durable_before_send()
    {
        var checker = Checker();
        checker.Observe(Start("a", Role.Replica));
        var early = Step(StepKind.Tick, "a", (Role.Replica, 1), (Role.Candidate, 2),
            [new(Outbound.Broadcast, new Offer(2, "a", 0))], [new(new(2, "a"), 2, 1)], new(2, "a"));
        Assert.Equal(new Violation(InvariantNames.DurableBeforeSend, "a sent OFFER for epoch 2 before saving (2, a)"), checker.Observe(early));
    }

    [Fact]
    public void Quiet_steps_are_recognised_and_others_are_not()
    {
        var heartbeat = new Outbound("b", new Heartbeat(1, "a", Role.Primary, 0));
        Assert.True(Step(StepKind.Tick, "a", (Role.Primary, 1), (Role.Primary, 1), [heartbeat]).IsQuiet);
        Assert.False(Step(StepKind.Tick, "a", (Role.Replica, 1), (Role.Primary, 1), [heartbeat]).IsQuiet);
        Assert.False(Step(StepKind.Tick, "a", (Role.Primary, 1), (Role.Primary, 2), [heartbeat]).IsQuiet);
        Assert.False(Step(StepKind.Tick, "a", (Role.Primary, 1), (Role.Primary, 1), saves: [new(new(1, "a"), 1, 0)]).IsQuiet);
        Assert.False(Step(StepKind.Tick, "a", (Role.Primary, 1), (Role.Primary, 1), [new(Outbound.Broadcast, new Announce(1, "a", "x"))]).IsQuiet);
        Assert.False(Step(StepKind.Crash, "a", (Role.Primary, 1), (Role.Primary, 1)).IsQuiet);
    }

    [Fact]
    public void A_step_of_a_stranger_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Checker().Observe(Start("z", Role.Replica)));
        Assert.Contains("'z' is not a member (a, b, c)", error.Message);
    }

    [Fact]
    public void Steps_from_many_threads_are_all_checked()
    {
        var members = Enumerable.Range(1, 8).Select(i => $"n{i}").ToArray();
        var checker = new OnlineChecker(members, InvariantSet.AllKnown);
        Parallel.ForEach(members, id =>
        {
            checker.Observe(Step(StepKind.New, id, (Role.Replica, 0), (Role.Replica, 1), store: new(1, null)));
            for (ulong epoch = 2; epoch <= 200; epoch++)
                checker.Observe(Step(StepKind.Tick, id, (Role.Replica, epoch - 1), (Role.Replica, epoch), saves: [new(new(epoch, null), epoch - 1, 0)], store: new(epoch, null)));
            checker.Observe(Step(StepKind.Tick, id, (Role.Replica, 200), (Role.Replica, 199), saves: [new(new(199, null), 200, 0)], store: new(199, null)));
        });
        Assert.Equal(8, checker.Violations.Count);
        Assert.All(checker.Violations, v => Assert.Equal(InvariantNames.EpochMonotonic, v.Invariant));
    }
}
