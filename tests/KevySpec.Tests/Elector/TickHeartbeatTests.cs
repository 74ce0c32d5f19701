using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md tick phase 2: for each id in peer_ids, in list order, skipping self, if no HB was
// ever sent to it or now - last_sent >= hb_interval: record now, emit HB(epoch, self, role, offset).
public sealed class TickHeartbeatTests
{
    [Fact]
    public void First_tick_heartbeats_every_peer_in_member_list_order_skipping_self()
    {
        var a = new TestNode("a", "c a d b");

        a.Tick(Ms(0)).Sends(
            "c: HB 1 a replica 0",
            "d: HB 1 a replica 0",
            "b: HB 1 a replica 0");
    }

    [Fact]
    public void Next_heartbeat_is_due_exactly_hb_interval_later()
    {
        var a = new TestNode("a");
        a.Tick(Ms(0));

        a.Tick(Ms(200) - Us(1)).SendsNothing();
        a.Tick(Ms(200)).Sends("b: HB 1 a replica 0", "c: HB 1 a replica 0");
        a.Tick(Ms(399)).SendsNothing();
    }

    [Fact]
    public void Interval_counts_from_the_last_heartbeat_sent_not_from_a_fixed_grid()
    {
        var a = new TestNode("a");
        a.Tick(Ms(0));
        a.Tick(Ms(350)).Sends("b: HB 1 a replica 0", "c: HB 1 a replica 0");

        a.Tick(Ms(400)).SendsNothing();
        a.Tick(Ms(550) - Us(1)).SendsNothing();
        a.Tick(Ms(550)).Sends("b: HB 1 a replica 0", "c: HB 1 a replica 0");
    }

    [Fact]
    public void Heartbeat_carries_epoch_role_and_current_offset()
    {
        var p = new TestNode("a", start: Role.Primary).WithOffset(42);
        p.Tick(Ms(0)).Sends("b: HB 1 a primary 42", "c: HB 1 a primary 42");

        p.WithOffset(99);
        p.Tick(Ms(200)).Sends("b: HB 1 a primary 99", "c: HB 1 a primary 99");
    }

    [Fact]
    public void Heartbeat_carries_the_role_and_epoch_from_before_standing_for_election()
    {
        var b = new TestNode("b");
        b.Tick(Ms(0));

        b.Tick(Ms(5000)).Sends(
            "a: HB 1 b replica 0",
            "c: HB 1 b replica 0",
            "*: OFFER 2 b 0");
    }

    [Fact]
    public void Heartbeat_carries_candidate_in_the_tick_that_wins()
    {
        var b = Setups.Candidate("b");
        b.Receive("a", "ACCEPT 2 a");

        b.Tick(Ms(5200)).Sends(
            "a: HB 2 b candidate 0",
            "c: HB 2 b candidate 0",
            "*: ANNOUNCE 2 b b:6379");
    }

    [Fact]
    public void A_single_node_sends_no_heartbeats()
    {
        var solo = new TestNode("solo", "solo");

        solo.Tick(Ms(0)).SendsNothing();
        solo.Tick(Ms(200)).SendsNothing();
    }
}
