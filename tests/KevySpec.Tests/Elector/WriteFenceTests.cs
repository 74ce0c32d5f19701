using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// Hardened change 7 (spec/election-hardened.spec.md, docs/checking.md "Write-safety: the window and
// how it closes"): the lease-quorum fence, the replica that falls silent when its primary does, and the
// silence a node keeps before it votes or stands. With the protocol's timings: write_lease and
// quiet_after are down_after / 4 = 1.25 s, delay_bound down_after / 10 = 0.5 s, clock_rate_bound 1 %,
// so lease_lapse = (0.5 s + 1.25 s · 1.01) · 1.01 = 1.780125 s.
public sealed class WriteFenceTests
{
    private static readonly ElectorDefinition Hardened = KevySpecElectors.Find("election-hardened")!;
    private static readonly TimeSpan Lapse = ElectConfig.Default.LeaseLapse;

    [Fact]
    public void Lease_lapse_is_derived_from_the_named_timings()
    {
        Assert.Equal(Ms(1250), ElectConfig.Default.WriteLease);
        Assert.Equal(Ms(1250), ElectConfig.Default.QuietAfter);
        Assert.Equal(Ms(500), ElectConfig.Default.DelayBound);
        Assert.Equal(Ms(1780.125), Lapse);
        var fast = ElectConfig.Default with { DownAfter = Ms(500) };
        Assert.Equal(Ms(125), fast.WriteLease);
        Assert.Equal(Ms(50), fast.DelayBound);
        Assert.Equal(Ms(300), (fast with { WriteLease = Ms(300) }).WriteLease);
    }

    [Fact]
    public void A_fence_timing_given_equals_the_same_one_derived()
    {
        var derived = ElectConfig.Default;
        var given = ElectConfig.Default with { WriteLease = Ms(1250), QuietAfter = Ms(1250), DelayBound = Ms(500) };
        Assert.Equal(derived, given);
        Assert.Equal(derived.GetHashCode(), given.GetHashCode());
        Assert.NotEqual(derived, derived with { WriteLease = Ms(1000) });
        // An unset lease follows down_after; a given one does not.
        Assert.Equal(Ms(500), (derived with { DownAfter = Ms(2000) }).WriteLease);
        Assert.Equal(Ms(1250), (given with { DownAfter = Ms(2000) }).WriteLease);
    }

    [Fact]
    public void A_primary_counts_replicas_heard_at_its_own_epoch_within_the_write_lease()
    {
        var a = new TestNode("a", start: Role.Primary, spec: Hardened);
        a.Tick(Ms(0));
        a.Receive(Ms(100), "b", "HB 1 b replica 0");
        Assert.True(a.Elector.HasQuorum(Ms(1349)));
        Assert.False(a.Elector.HasQuorum(Ms(1350)));

        // A view at another epoch, or of a candidate, vouches for nobody at epoch 1.
        a.Receive(Ms(2000), "c", "HB 1 c candidate 0");
        Assert.False(a.Elector.HasQuorum(Ms(2000)));
        Assert.Equal("primary epoch=1 primary=-", a.State);
    }

    [Fact]
    public void A_replica_of_the_fenced_spec_answers_whether_it_hears_a_majority()
    {
        var b = new TestNode("b", spec: Hardened);
        b.Tick(Ms(0));
        b.Receive(Ms(100), "a", "HB 2 a primary 0");
        b.Receive(Ms(100), "c", "HB 3 c candidate 0");
        Assert.True(b.Elector.HasQuorum(Ms(4000)));
        Assert.False(b.Elector.HasQuorum(Ms(5100)));
    }

    [Fact]
    public void The_reference_fence_counts_any_member_heard_within_down_after()
    {
        var a = new TestNode("a", start: Role.Primary);
        a.Tick(Ms(0));
        a.Receive(Ms(100), "b", "HB 1 b candidate 0");
        Assert.True(a.Elector.HasQuorum(Ms(5099)));
        Assert.False(a.Elector.HasQuorum(Ms(5100)));
    }

    [Fact]
    public void A_replica_stops_heartbeating_once_its_primary_is_silent_for_quiet_after()
    {
        var b = new TestNode("b", spec: Hardened);
        b.Tick(Ms(0));
        b.Receive(Ms(10), "a", "HB 1 a primary 0");
        b.Tick(Ms(200)).Sends("a: HB 1 b replica 0", "c: HB 1 b replica 0");
        b.Tick(Ms(1200)).Sends("a: HB 1 b replica 0", "c: HB 1 b replica 0");
        b.Tick(Ms(1400)).SendsNothing();
        b.Tick(Ms(2000)).SendsNothing();

        // Its primary speaks again: it vouches again at once.
        b.Receive(Ms(2100), "a", "HB 1 a primary 0");
        b.Tick(Ms(2100)).Sends("a: HB 1 b replica 0", "c: HB 1 b replica 0");
    }

    [Fact]
    public void A_replica_votes_only_once_lease_lapse_has_passed_since_it_last_vouched()
    {
        var b = new TestNode("b", spec: Hardened);
        b.Tick(Ms(0));
        b.Receive(Ms(10), "a", "HB 1 a primary 0");
        b.Tick(Ms(1000)).Sends("a: HB 1 b replica 0", "c: HB 1 b replica 0");

        // Too early: the heartbeat it sent at 1 s may still count in a's lease. It answers with a heartbeat.
        b.Receive(Ms(1000) + Lapse - Ms(1), "c", "OFFER 2 c 1").Sends("c: HB 1 b replica 0").SavesNothing();
        Assert.Equal("replica epoch=1 primary=a", b.State);

        b.Receive(Ms(1000) + Ms(1) + Lapse + Lapse, "c", "OFFER 2 c 1").Sends("c: ACCEPT 2 b").Saved("(2, c)");
    }

    [Fact]
    public void A_voter_of_a_lost_primary_is_ready_when_a_candidate_stands_at_down_after()
    {
        var b = new TestNode("b", spec: Hardened);
        b.Tick(Ms(0));
        b.Receive(Ms(10), "a", "HB 1 a primary 0");
        b.Tick(Ms(200));
        b.Tick(Ms(1200));
        // a dies after its heartbeat at 10 ms; c stands at down_after and its OFFER lands 1 ms later.
        b.Receive(Ms(5011), "c", "OFFER 2 c 1").Sends("c: ACCEPT 2 b").Saved("(2, c)");
    }

    [Fact]
    public void An_offer_not_taken_is_answered_with_a_heartbeat_and_noted_as_the_candidate_s_view()
    {
        var b = new TestNode("b", spec: Hardened).WithOffset(5);
        b.Tick(Ms(0));
        b.Receive(Ms(100), "c", "OFFER 1 c 9").Sends("c: HB 1 b replica 5").SavesNothing();
        Assert.Contains(b.Elector.Capture().Views, v => v.Key == "c" && v.Value == new PeerView(Ms(100), 1, Role.Candidate, 9));
    }

    [Fact]
    public void A_winner_holds_its_lease_from_the_votes_that_elected_it()
    {
        var c = new TestNode("c", spec: Hardened);
        c.Tick(Ms(0));
        c.Tick(Ms(5000)).Saved("(2, c)");
        Assert.Equal("candidate epoch=2 primary=-", c.State);
        c.Receive(Ms(5010), "b", "ACCEPT 2 b");
        c.Tick(Ms(5010));
        Assert.Equal("primary epoch=2 primary=c", c.State);
        Assert.True(c.Elector.HasQuorum(Ms(5010)));
        Assert.False(c.Elector.HasQuorum(Ms(5010) + ElectConfig.Default.WriteLease));
    }

    [Fact]
    public void A_candidate_gives_way_to_a_better_candidate_of_a_newer_epoch()
    {
        var c = new TestNode("c", spec: Hardened);
        c.Tick(Ms(0));
        c.Tick(Ms(5000)).Saved("(2, c)");
        c.Receive(Ms(5100), "b", "OFFER 3 b 4").Sends("b: ACCEPT 3 c").Saved("(3, b)");
        Assert.Equal("replica epoch=3 primary=-", c.State);
    }

    [Fact]
    public void Fence_timings_that_leave_no_time_to_vote_are_refused_by_the_hardened_elector_only()
    {
        var tight = ElectConfig.Default with { QuietAfter = Ms(3500) };
        var problem = Assert.Throws<ArgumentException>(() => new TestNode("a", spec: Hardened, config: tight));
        Assert.Contains("QuietAfter", problem.Message, StringComparison.Ordinal);
        Assert.Equal("replica epoch=1 primary=-", new TestNode("a", config: tight).State);
        Assert.Throws<ArgumentException>(() => new TestNode("a", config: ElectConfig.Default with { ClockRateBound = 0.5 }));
        Assert.Throws<ArgumentException>(() => new TestNode("a", config: ElectConfig.Default with { DelayBound = TimeSpan.Zero }));
    }

    [Fact]
    public void A_fenced_primary_ticks_when_a_view_leaves_the_write_lease()
    {
        var a = new TestNode("a", start: Role.Primary, spec: Hardened);
        a.Tick(Ms(0));
        a.Receive(Ms(100), "b", "HB 1 b replica 0");
        a.Receive(Ms(150), "c", "HB 1 c replica 0");
        a.Tick(Ms(1300));
        Assert.Equal(Ms(1350), a.Elector.NextTickAt());
    }
}
