using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md: quorum = len(peer_ids) / 2 + 1; has_quorum(now) = (reachable + 1) * 2 > max(N, 1),
// reachable = distinct HB senders (keyed by `from`, no membership filter) heard LESS than down_after ago.
public sealed class QuorumTests
{
    private static string Members(int n) => string.Join(' ', Enumerable.Range(1, n).Select(i => $"n{i}"));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    [InlineData(7, 4)]
    public void Quorum_is_half_the_members_plus_one(int members, int quorum) =>
        Assert.Equal(quorum, new TestNode("n1", Members(members)).Elector.Quorum);

    [Theory]
    // members, peers heard from, has_quorum
    [InlineData(1, 0, true)]
    [InlineData(2, 0, false)]
    [InlineData(2, 1, true)]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, true)]
    [InlineData(4, 1, false)]
    [InlineData(4, 2, true)]
    [InlineData(5, 1, false)]
    [InlineData(5, 2, true)]
    [InlineData(6, 2, false)]
    [InlineData(6, 3, true)]
    [InlineData(7, 2, false)]
    [InlineData(7, 3, true)]
    public void HasQuorum_needs_self_plus_reachable_to_be_a_strict_majority(int members, int heard, bool expected)
    {
        var node = new TestNode("n1", Members(members));
        for (var i = 2; i < 2 + heard; i++) node.Receive(Ms(0), $"n{i}", $"HB 1 n{i} replica 0");

        Assert.Equal(expected, node.Elector.HasQuorum(Ms(0)));
    }

    [Fact]
    public void A_sender_heard_exactly_down_after_ago_is_no_longer_reachable()
    {
        var a = new TestNode("a");
        a.Receive(Ms(1000), "b", "HB 1 b replica 0");

        Assert.True(a.Elector.HasQuorum(Ms(1000)));
        Assert.True(a.Elector.HasQuorum(Ms(6000) - Us(1)));
        Assert.False(a.Elector.HasQuorum(Ms(6000)));
    }

    [Fact]
    public void Each_sender_counts_once_however_often_it_is_heard()
    {
        var a = new TestNode("a", "a b c d e");
        a.Receive(Ms(0), "b", "HB 1 b replica 0");
        a.Receive(Ms(10), "b", "HB 1 b replica 0");

        Assert.False(a.Elector.HasQuorum(Ms(10))); // 1 + 1 of 5 is no majority, 1 + 2 would be
    }

    [Fact]
    public void Views_are_keyed_by_from_not_by_the_id_inside_the_heartbeat()
    {
        var a = new TestNode("a", "a b c d e");
        a.Receive(Ms(0), "b", "HB 1 c replica 0");
        a.Receive(Ms(0), "b", "HB 1 d replica 0");

        Assert.False(a.Elector.HasQuorum(Ms(0))); // still one sender: b
    }

    [Fact]
    public void Any_sender_counts_even_a_non_member()
    {
        var a = new TestNode("a");
        a.Receive(Ms(0), "stranger", "HB 1 stranger replica 0");

        Assert.True(a.Elector.HasQuorum(Ms(0))); // the transport, not the elector, filters members
    }

    [Fact]
    public void A_sender_refreshed_by_a_later_heartbeat_stays_reachable()
    {
        var a = new TestNode("a");
        a.Receive(Ms(0), "b", "HB 1 b replica 0");
        a.Receive(Ms(4000), "b", "HB 1 b replica 0");

        Assert.True(a.Elector.HasQuorum(Ms(8999)));
        Assert.False(a.Elector.HasQuorum(Ms(9000)));
    }
}
