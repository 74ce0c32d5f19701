using KevySpec.Tests.TestSupport;
using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.Elector;

// PROTOCOL.md "persistence": a store of (epoch, voted_for); load gives (0, none) when empty.
// Attaching restores: if the loaded epoch > 0, epoch = max(epoch, loaded) and, when a vote was
// recorded, the vote guard is set to the loaded epoch. Default: a store that keeps nothing.
public sealed class PersistenceTests
{
    private static ReferenceElector Fresh(string id = "c") => new(id, ["a", "b", "c"], id + ":6379");

    [Fact]
    public void Attaching_an_empty_store_changes_nothing()
    {
        var elector = Fresh();
        elector.AttachStore(new InMemoryElectionStore());

        Assert.Equal(1UL, elector.Epoch);
        Assert.Equal(new Outbound[] { new Outbound("a", new Accept(2, "c")) }, elector.OnMessage("a", new Offer(2, "a", 0), Ms(0)));
    }

    [Fact]
    public void Attaching_restores_the_epoch()
    {
        var elector = Fresh();
        elector.AttachStore(new RecordingStore(new PersistedVote(7, null)));

        Assert.Equal(7UL, elector.Epoch);
        Assert.Equal(Role.Replica, elector.Role);
        Assert.Null(elector.CurrentPrimary); // the store keeps a vote, not a primary
    }

    [Fact]
    public void Attaching_never_moves_the_epoch_back()
    {
        var elector = Fresh();
        elector.OnMessage("a", new Heartbeat(9, "a", Role.Primary, 0), Ms(0));

        elector.AttachStore(new RecordingStore(new PersistedVote(4, "b")));
        Assert.Equal(9UL, elector.Epoch);
    }

    [Fact]
    public void A_restored_epoch_without_a_vote_still_refuses_offers_up_to_it_by_the_epoch_rule()
    {
        var c = new TestNode("c", store: new RecordingStore(new PersistedVote(4, null)));

        c.Receive(Ms(0), "b", "OFFER 4 b 0").SendsNothing();
        c.Receive(Ms(0), "b", "OFFER 5 b 0").Sends("b: ACCEPT 5 c").Saved("(5, b)");
    }

    [Fact]
    public void A_restart_after_voting_restores_the_epoch_and_refuses_a_second_vote_in_it()
    {
        var store = new RecordingStore();
        var before = new TestNode("c", store: store);
        before.Receive(Ms(0), "b", "OFFER 2 b 0").Sends("b: ACCEPT 2 c").Saved("(2, b)");

        var after = new TestNode("c", store: store); // the process restarted; the store survived
        Assert.Equal("replica epoch=2 primary=-", after.State);
        after.Receive(Ms(0), "a", "OFFER 2 a 0").SendsNothing().SavesNothing();
        after.Receive(Ms(10), "a", "OFFER 3 a 0").Sends("a: ACCEPT 3 c").Saved("(3, a)");
    }

    [Fact]
    public void A_restart_after_standing_restores_the_epoch_the_candidate_stood_in()
    {
        var store = new RecordingStore();
        var before = new TestNode("b", store: store);
        before.Tick(Ms(0));
        before.Tick(Ms(5000)).Saved("(2, b)");

        var after = new TestNode("b", store: store);
        Assert.Equal("replica epoch=2 primary=-", after.State);
        after.Tick(Ms(0));
        after.Tick(Ms(5000)).Sends("a: HB 2 b replica 0", "c: HB 2 b replica 0", "*: OFFER 3 b 0").Saved("(3, b)");
    }

    [Fact]
    public void Without_a_store_a_restart_forgets_everything()
    {
        var before = Fresh();
        before.OnMessage("b", new Offer(5, "b", 0), Ms(0));
        Assert.Equal(5UL, before.Epoch);

        var after = Fresh();
        after.AttachStore(NullElectionStore.Instance);
        Assert.Equal(1UL, after.Epoch);
        Assert.Equal(new Outbound[] { new Outbound("a", new Accept(5, "c")) }, after.OnMessage("a", new Offer(5, "a", 0), Ms(0)));
    }

    [Fact]
    public void The_null_store_keeps_nothing()
    {
        NullElectionStore.Instance.Save(new PersistedVote(3, "a"));

        Assert.Equal(new PersistedVote(0, null), NullElectionStore.Instance.Load());
        Assert.Equal(PersistedVote.Empty, NullElectionStore.Instance.Load());
    }

    [Fact]
    public void The_in_memory_store_loads_empty_then_the_last_save_and_keeps_the_history()
    {
        var store = new InMemoryElectionStore();
        Assert.Equal(new PersistedVote(0, null), store.Load());
        Assert.Empty(store.History);

        store.Save(new PersistedVote(2, "b"));
        store.Save(new PersistedVote(3, null));
        store.Save(new PersistedVote(3, "a"));

        Assert.Equal(new PersistedVote(3, "a"), store.Load());
        Assert.Equal(new PersistedVote(3, "a"), store.Current);
        Assert.Equal(new PersistedVote[] { new(2, "b"), new(3, null), new(3, "a") }, store.History);
    }

    [Fact]
    public void An_elector_saves_into_the_store_attached_last()
    {
        var first = new InMemoryElectionStore();
        var second = new InMemoryElectionStore();
        var elector = Fresh();
        elector.AttachStore(first);
        elector.AttachStore(second);

        elector.OnMessage("b", new Offer(2, "b", 0), Ms(0));

        Assert.Empty(first.History);
        Assert.Equal(new PersistedVote[] { new(2, "b") }, second.History);
    }

    [Fact]
    public void An_elector_records_every_save_in_order_in_an_in_memory_store()
    {
        var store = new InMemoryElectionStore();
        var b = Fresh("b");
        b.AttachStore(store);

        b.Tick(Ms(0));
        b.Tick(Ms(5000));                                         // stands: (2, b)
        b.OnMessage("a", new Offer(3, "a", 0), Ms(5010));         // votes for a (smaller id): (3, a)
        b.OnMessage("a", new Heartbeat(4, "a", Role.Primary, 0), Ms(5020)); // follows: (4, -)
        b.OnMessage("a", new Announce(5, "a", "a:6379"), Ms(5030));        // adopts: (5, a)

        Assert.Equal(
            new PersistedVote[] { new(2, "b"), new(3, "a"), new(4, null), new(5, "a") },
            store.History);
    }
}
