using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary>Each safety invariant, on hand-made step facts: what it accepts and what it reports.</summary>
public sealed class SafetyInvariantTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    private static Violation? Check(StepKind kind, ulong before, ulong after, Outbound[] sent, SaveRecord[] saves, PersistedVote store,
        NodeStatus[]? nodes, ref SafetyGhost ghost)
    {
        var facts = new StepFacts
        {
            Kind = kind,
            Node = 0,
            NodeId = "a",
            EpochBefore = before,
            EpochAfter = after,
            Out = sent,
            Saves = saves,
            StoreAfter = store,
            Nodes = nodes ?? [new(true, Role.Replica, after), new(true, Role.Replica, 1), new(true, Role.Replica, 1)],
            Members = Members,
        };
        return InvariantSet.AllKnown.Check(facts, ref ghost);
    }

    private static SafetyGhost Ghost() => SafetyGhost.Initial(3).WithMaxEpoch(0, 1).WithMaxEpoch(1, 1).WithMaxEpoch(2, 1);

    [Fact]
    public void A_vote_saved_before_its_accept_holds()
    {
        var ghost = Ghost();
        var violation = Check(StepKind.Message, 1, 2, [new("b", new Accept(2, "a"))], [new(new(2, "b"), 1, 0)], new(2, "b"), null, ref ghost);
        Assert.Null(violation);
        Assert.Equal("b", ghost.VoteOf(0, 2));
        Assert.Equal(2UL, ghost.MaxEpoch[0]);
    }

    [Theory]
    [InlineData(3UL, "b", 5UL, "a wins epoch 2 with offset 3 in its OFFER, but voter b had offset 5 when it voted")]
    [InlineData(3UL, "b", 3UL, null)]
    [InlineData(3UL, "b", 2UL, null)]
    public void A_winner_behind_one_of_its_voters_breaks_best_candidate_wins(ulong offered, string voter, ulong voterOffset, string? expected)
    {
        var ghost = Ghost().WithVote(0, 2, "a", offered).WithVote(Array.IndexOf(Members, voter), 2, "a", voterOffset).WithMaxEpoch(0, 2);
        var violation = Check(StepKind.Tick, 2, 2, [new(Outbound.Broadcast, new Announce(2, "a", "a:1"))], [], new(2, "a"),
            [new(true, Role.Primary, 2), new(true, Role.Replica, 2), new(true, Role.Replica, 1)], ref ghost);
        Assert.Equal(expected is null ? null : new Violation(InvariantNames.BestCandidateWins, expected), violation);
    }

    [Fact]
    public void An_equal_offset_and_a_smaller_voter_id_breaks_best_candidate_wins()
    {
        var ghost = SafetyGhost.Initial(3).WithVote(1, 2, "b", 4).WithVote(0, 2, "b", 4);
        var facts = new StepFacts
        {
            Kind = StepKind.Tick,
            Node = 1,
            NodeId = "b",
            EpochBefore = 2,
            EpochAfter = 2,
            Out = [new(Outbound.Broadcast, new Announce(2, "b", "b:1"))],
            Saves = [],
            StoreAfter = new(2, "b"),
            Nodes = [new(true, Role.Replica, 2), new(true, Role.Primary, 2), new(true, Role.Replica, 1)],
            Members = Members,
        };
        Assert.Equal(new Violation(InvariantNames.BestCandidateWins, "b wins epoch 2 with offset 4 in its OFFER, but voter a had offset 4 when it voted and the smaller id"),
            InvariantSet.AllKnown.Check(facts, ref ghost));
    }

    [Fact]
    public void A_second_candidate_in_one_epoch_breaks_one_vote_per_epoch()
    {
        var ghost = Ghost().WithVote(0, 2, "b", 0).WithMaxEpoch(0, 2);
        var violation = Check(StepKind.Message, 2, 2, [new("c", new Accept(2, "a"))], [new(new(2, "c"), 2, 0)], new(2, "c"), null, ref ghost);
        Assert.Equal(new Violation(InvariantNames.OneVotePerEpoch, "a votes for c (ACCEPT) in epoch 2 after voting for b in that epoch"), violation);
    }

    [Fact]
    public void An_accept_without_its_save_breaks_durable_before_send()
    {
        var ghost = Ghost();
        var violation = Check(StepKind.Message, 2, 2, [new("b", new Accept(2, "a"))], [], new(2, null), null, ref ghost);
        Assert.Equal(InvariantNames.OneVotePerEpoch, violation?.Invariant);

        ghost = Ghost();
        var onlyDurability = InvariantSetWithout(InvariantNames.OneVotePerEpoch);
        var facts = Facts(StepKind.Message, 2, 2, [new("b", new Accept(2, "a"))], [new(new(2, "b"), 2, 1)], new(2, "b"));
        Assert.Equal(new Violation(InvariantNames.DurableBeforeSend, "a sent ACCEPT for epoch 2 before saving (2, b)"), onlyDurability.Check(facts, ref ghost));
    }

    [Fact]
    public void An_epoch_change_without_a_save_first_breaks_durable_before_send()
    {
        var ghost = Ghost();
        var violation = Check(StepKind.Message, 1, 3, [], [new(new(3, null), 3, 0)], new(3, null), null, ref ghost);
        Assert.Equal(new Violation(InvariantNames.DurableBeforeSend, "a moved from epoch 1 to 3 without saving the new epoch first"), violation);

        ghost = Ghost();
        violation = Check(StepKind.Restart, 0, 4, [], [], new(3, "b"), null, ref ghost);
        Assert.Equal(new Violation(InvariantNames.DurableBeforeSend, "a is at epoch 4 but its store holds (3, b)"), violation);
    }

    [Fact]
    public void An_epoch_going_back_across_a_restart_breaks_epoch_monotonic()
    {
        var ghost = Ghost().WithMaxEpoch(0, 5);
        var violation = Check(StepKind.Restart, 0, 1, [], [], default, null, ref ghost);
        Assert.Equal(new Violation(InvariantNames.EpochMonotonic, "a's epoch went back from 5 to 1 on restart"), violation);
    }

    [Fact]
    public void Two_self_announcements_in_one_epoch_break_election_safety()
    {
        var ghost = Ghost().WithWinner(3, 2);
        var violation = Check(StepKind.Tick, 3, 3, [new("*", new Announce(3, "a", "a:1"))], [], new(3, "a"),
            [new(true, Role.Primary, 3), new(true, Role.Replica, 3), new(false, default, 0)], ref ghost);
        Assert.Equal(new Violation(InvariantNames.ElectionSafety, "a announces itself primary of epoch 3, which c already won"), violation);
    }

    [Fact]
    public void Two_live_primaries_at_one_epoch_break_single_primary_but_a_dead_one_does_not()
    {
        var ghost = Ghost();
        NodeStatus[] nodes = [new(true, Role.Replica, 1), new(true, Role.Primary, 2), new(true, Role.Primary, 2)];
        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "b and c are both primary at epoch 2"),
            Check(StepKind.Tick, 1, 1, [], [], default, nodes, ref ghost));
        nodes[2] = new(false, Role.Primary, 2);
        Assert.Null(Check(StepKind.Tick, 1, 1, [], [], default, nodes, ref ghost));
    }

    private static InvariantSet InvariantSetWithout(string name) =>
        InvariantSet.ForSpec(ReferenceElector.Table with { Invariants = [.. ReferenceElector.Table.Invariants.Where(i => i.Name != name)] });

    private static StepFacts Facts(StepKind kind, ulong before, ulong after, Outbound[] sent, SaveRecord[] saves, PersistedVote store) => new()
    {
        Kind = kind,
        Node = 0,
        NodeId = "a",
        EpochBefore = before,
        EpochAfter = after,
        Out = sent,
        Saves = saves,
        StoreAfter = store,
        Nodes = new NodeStatus[] { new(true, Role.Replica, after), new(true, Role.Replica, 1), new(true, Role.Replica, 1) },
        Members = Members,
    };
}
