namespace KevySpec.Tests.Elector;

/// <summary><see cref="ElectorSnapshot.WithInstants"/>: how the model checker moves a captured state through time.</summary>
public sealed class SnapshotInstantsTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    // A candidate with a vote counted, two views and an HB sent to each peer.
    private static ElectorSnapshot Candidate()
    {
        var e = new ReferenceElector("a", Members, "a:1", Role.Replica, ElectConfig.Default, new FixedJitter(Ms(700)));
        e.Tick(Ms(0));
        e.OnMessage("c", new Heartbeat(1, "c", Role.Replica, 0), Ms(100));
        e.Tick(Ms(5000));
        e.OnMessage("b", new Heartbeat(2, "b", Role.Replica, 0), Ms(5500));
        e.Tick(Ms(5800));
        e.OnMessage("b", new Accept(e.Epoch, "b"), Ms(5900));
        return e.CaptureBehaviour();
    }

    [Fact]
    public void The_same_instants_give_an_equal_snapshot()
    {
        var s = Candidate();
        Assert.Equal(Role.Candidate, s.Role);

        var same = s.WithInstants(s.FirstTick, s.OfferAt, s.BackoffUntil, s.LastVouch, [.. s.LastHbSent], [.. s.Views]);

        Assert.Equal(s, same);
    }

    [Fact]
    public void Other_instants_replace_the_remembered_ones_and_keep_the_rest()
    {
        var s = Candidate();
        KeyValuePair<string, PeerView>[] views = [new(s.Views[1].Key, s.Views[1].Value with { LastHeartbeat = Ms(1) })];

        var moved = s.WithInstants(Ms(2), null, Ms(3), null, [null, Ms(4), null], views);

        Assert.Equal((Ms(2), (TimeSpan?)null, (TimeSpan?)Ms(3)), (moved.FirstTick, moved.OfferAt, moved.BackoffUntil));
        Assert.Equal([null, Ms(4), null], moved.LastHbSent);
        Assert.Equal(views, moved.Views);
        Assert.Equal((s.NodeId, s.Role, s.Epoch, s.CurrentPrimary, s.ReplOffset, s.VotedEpoch), (moved.NodeId, moved.Role, moved.Epoch, moved.CurrentPrimary, moved.ReplOffset, moved.VotedEpoch));
        Assert.Equal(s.Tally, moved.Tally);
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (moved.LastNow, moved.LastTick));
        Assert.NotEqual(s, moved);
    }

    [Fact]
    public void Another_member_count_is_refused()
    {
        var s = Candidate();

        var error = Assert.Throws<ArgumentException>(() => s.WithInstants(null, null, null, null, [null, null], []));

        Assert.Equal("lastHbSent", error.ParamName);
        Assert.StartsWith("the snapshot has 3 members, not 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Views_out_of_sender_order_are_refused()
    {
        var s = Candidate();
        Assert.Equal(2, s.Views.Count);

        var error = Assert.Throws<ArgumentException>(() => s.WithInstants(null, null, null, null, [.. s.LastHbSent], [s.Views[1], s.Views[0]]));

        Assert.Equal("views", error.ParamName);
        Assert.StartsWith("the views are not ordered by sender id ('c' before 'b')", error.Message, StringComparison.Ordinal);
    }
}
