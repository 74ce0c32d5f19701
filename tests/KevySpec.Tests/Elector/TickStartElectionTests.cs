using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md tick phase 3: a Replica, not in backoff, whose primary is DOWN, and which is the best
// candidate, saves (epoch + 1, self) BEFORE anything is emitted, takes that epoch, becomes Candidate
// and broadcasts OFFER(epoch, self, offset).
public sealed class TickStartElectionTests
{
    // ---- cold start: no primary known ----

    [Fact]
    public void Without_a_primary_a_replica_waits_down_after_from_its_first_tick()
    {
        var b = new TestNode("b");
        b.Tick(Ms(1000)).SavesNothing(); // the grace counts from here, not from instant 0

        b.Tick(Ms(6000) - Us(1)).Sends("a: HB 1 b replica 0", "c: HB 1 b replica 0").SavesNothing();
        Assert.Equal("replica epoch=1 primary=-", b.State);

        b.Tick(Ms(6000)).Sends("*: OFFER 2 b 0").Saved("(2, b)");
        Assert.Equal("candidate epoch=2 primary=-", b.State);
    }

    [Fact]
    public void The_offer_carries_the_new_epoch_and_the_own_offset()
    {
        var b = new TestNode("b").WithOffset(1234);
        b.Tick(Ms(0));

        b.Tick(Ms(5000)).Sends("a: HB 1 b replica 1234", "c: HB 1 b replica 1234", "*: OFFER 2 b 1234");
    }

    [Fact]
    public void Only_a_replica_stands_a_bootstrap_primary_never_does()
    {
        var p = new TestNode("a", start: Role.Primary);
        p.Tick(Ms(0));

        p.Tick(Ms(60_000)).Sends("b: HB 1 a primary 0", "c: HB 1 a primary 0").SavesNothing();
        Assert.Equal("primary epoch=1 primary=-", p.State);
    }

    // ---- known primary ----

    [Fact]
    public void A_live_primary_prevents_an_election()
    {
        var b = Setups.Follower("b", primary: "a");
        b.Tick(Ms(0));
        b.Receive(Ms(4000), "a", "HB 1 a primary 0");

        b.Tick(Ms(8000)).Sends("a: HB 1 b replica 0", "c: HB 1 b replica 0").SavesNothing();
        Assert.Equal("replica epoch=1 primary=a", b.State);
    }

    [Fact]
    public void The_primary_is_down_exactly_down_after_after_its_last_heartbeat()
    {
        var b = Setups.Follower("b", primary: "a"); // HB from a at 0
        b.Tick(Ms(0));

        b.Tick(Ms(5000) - Us(1)).SavesNothing();
        Assert.Equal("replica epoch=1 primary=a", b.State);

        b.Tick(Ms(5000)).Sends("*: OFFER 2 b 0").Saved("(2, b)"); // (the HBs went out 1 µs ago)
        Assert.Equal("candidate epoch=2 primary=a", b.State); // the old primary stays known until a new one is
    }

    [Fact]
    public void A_known_primary_never_heard_from_is_down_at_once_no_grace_applies()
    {
        var b = new TestNode("b");
        b.Receive(Ms(0), "x", "ANNOUNCE 2 a a:6379").Saved("(2, a)");

        b.Tick(Ms(10)).Sends("a: HB 2 b replica 0", "c: HB 2 b replica 0", "*: OFFER 3 b 0").Saved("(3, b)");
    }

    // ---- backoff ----

    [Fact]
    public void A_replica_in_backoff_waits_until_exactly_the_deadline()
    {
        var b = Setups.Candidate("b", jitter: new FixedJitter(Ms(250))); // offered at 5000
        b.Tick(Ms(8000)); // timed out: backoff until 8000 + 1000 + 250

        b.Tick(Ms(9250) - Us(1)).SavesNothing();
        Assert.Equal("replica epoch=2 primary=-", b.State);

        b.Tick(Ms(9250)).Sends("*: OFFER 3 b 0").Saved("(3, b)");
    }

    // ---- best candidate ----

    [Fact]
    public void A_live_member_with_a_higher_offset_stands_instead()
    {
        var b = new TestNode("b").WithOffset(100);
        b.Tick(Ms(0));
        b.Receive(Ms(4000), "c", "HB 1 c replica 101");

        b.Tick(Ms(5000)).SavesNothing();
        Assert.Equal(Role.Replica, b.Elector.Role);
    }

    [Fact]
    public void A_live_member_with_a_lower_offset_does_not_block()
    {
        var b = new TestNode("b").WithOffset(100);
        b.Tick(Ms(0));
        b.Receive(Ms(4000), "a", "HB 1 a replica 99");

        b.Tick(Ms(5000)).Saved("(2, b)");
    }

    [Fact]
    public void On_equal_offsets_the_bytewise_smaller_id_stands()
    {
        var c = new TestNode("c").WithOffset(7);
        c.Tick(Ms(0));
        c.Receive(Ms(4000), "b", "HB 1 b replica 7");
        c.Tick(Ms(5000)).SavesNothing(); // "b" < "c": b is the better candidate

        var b = new TestNode("b").WithOffset(7);
        b.Tick(Ms(0));
        b.Receive(Ms(4000), "c", "HB 1 c replica 7");
        b.Tick(Ms(5000)).Saved("(2, b)");
    }

    [Fact]
    public void Uppercase_sorts_before_lowercase_byte_wise()
    {
        var a = new TestNode("a", "B a c");
        a.Tick(Ms(0));
        a.Receive(Ms(4000), "B", "HB 1 B replica 0");
        a.Tick(Ms(5000)).SavesNothing(); // 'B' (0x42) < 'a' (0x61)

        var upper = new TestNode("B", "B a c");
        upper.Tick(Ms(0));
        upper.Receive(Ms(4000), "a", "HB 1 a replica 0");
        upper.Tick(Ms(5000)).Saved("(2, B)");
    }

    [Fact]
    public void A_prefix_sorts_before_the_longer_id()
    {
        var ab = new TestNode("ab", "a ab c");
        ab.Tick(Ms(0));
        ab.Receive(Ms(4000), "a", "HB 1 a replica 0");
        ab.Tick(Ms(5000)).SavesNothing(); // "a" < "ab"

        var a = new TestNode("a", "a ab c");
        a.Tick(Ms(0));
        a.Receive(Ms(4000), "ab", "HB 1 ab replica 0");
        a.Tick(Ms(5000)).Saved("(2, a)");
    }

    [Fact]
    public void A_member_never_heard_from_is_not_a_rival()
    {
        var c = new TestNode("c"); // a and b would win on id, but were never heard from
        c.Tick(Ms(0));

        c.Tick(Ms(5000)).Saved("(2, c)");
    }

    [Fact]
    public void A_rival_heard_exactly_down_after_ago_is_ignored()
    {
        var c = new TestNode("c").WithOffset(5);
        c.Tick(Ms(0));
        c.Receive(Ms(1000), "a", "HB 1 a replica 999");

        c.Tick(Ms(6000) - Us(1)).SavesNothing();
        c.Tick(Ms(6000)).Saved("(2, c)");
    }

    [Fact]
    public void A_non_member_is_not_a_rival()
    {
        var c = new TestNode("c");
        c.Tick(Ms(0));
        c.Receive(Ms(4000), "stranger", "HB 1 stranger replica 999");

        c.Tick(Ms(5000)).Saved("(2, c)"); // has_quorum counts it; the candidate ranking walks the member list
    }

    [Fact]
    public void A_rival_only_blocks_while_its_heartbeats_are_fresh_the_next_tick_after_it_goes_down_stands()
    {
        var c = Setups.Follower("c", primary: "a");
        c.Tick(Ms(0));
        c.Receive(Ms(2000), "b", "HB 1 b replica 0");

        c.Tick(Ms(5000)).SavesNothing(); // a is down, but b (smaller id, same offset) is alive
        c.Tick(Ms(7000)).Saved("(2, c)"); // b is down too now
    }

    [Fact]
    public void The_broadcast_offer_goes_to_star_once_whatever_the_member_count()
    {
        var e = new TestNode("e", "a b c d e");
        e.Tick(Ms(0));

        var sent = e.Tick(Ms(5000)).Sent;
        Assert.Equal("*: OFFER 2 e 0", Assert.Single(sent, s => s.Contains("OFFER", StringComparison.Ordinal)));
    }
}
