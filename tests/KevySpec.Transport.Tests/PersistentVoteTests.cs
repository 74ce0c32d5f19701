using KevySpec.Persistence;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

/// <summary>The node under test is n2; the test plays n1 and n3 over raw sockets.</summary>
public sealed class PersistentVoteTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]   // control: a restart that forgets votes does vote again, so the test can fail
    public async Task A_node_restarted_right_after_voting_does_not_vote_again_in_that_epoch(bool durable)
    {
        IElectionStore Store() => durable ? new FileElectionStore(_dir.Path) : new InMemoryElectionStore();
        await using var solo = await SoloNode.StartAsync(Store(), output);
        using (var n1 = await RawClient.ConnectAsync(solo.EndPoint))
        {
            await n1.SendAsync(new Offer(2, "n1", 0));
            await solo.N1.WaitForAsync(m => m is Accept(2, "n2"), "n2 votes for n1 in epoch 2");
        }

        await solo.StopNodeAsync();
        await solo.StartNodeAsync(Store(), output);
        Assert.Equal(durable ? 2ul : 1ul, solo.Node!.Snapshot().Epoch);

        using var n3 = await RawClient.ConnectAsync(solo.EndPoint);
        await n3.SendAsync(new Offer(2, "n3", 100));   // a better candidate, in the epoch n2 already voted in
        await n3.SendAsync(new Offer(3, "n3", 100));   // the next epoch: a vote is due; frames on one connection are handled in order
        var before = await solo.N3.WaitForAsync(m => m is Accept(3, "n2"), "n2 votes for n3 in epoch 3");
        Assert.Equal(!durable, before.Any(m => m is Accept(2, "n2")));
    }

    [Fact]
    public async Task A_failed_save_sends_nothing_and_the_node_comes_back_once_saves_work()
    {
        var store = new FileElectionStore(_dir.Path);
        await using var solo = await SoloNode.StartAsync(store, output);
        var node = solo.Node!;
        Directory.CreateDirectory(store.TempPath);   // every save fails until this is removed

        using var n1 = await RawClient.ConnectAsync(solo.EndPoint);
        await n1.SendAsync(new Offer(2, "n1", 0));
        await Eventually.WaitAsync(() => node.Snapshot().Counters.SaveFailures == 1, "the vote's save fails");
        Assert.Equal(1ul, node.Snapshot().Epoch);

        Directory.Delete(store.TempPath);
        await n1.SendAsync(new Offer(3, "n1", 0));
        var before = await solo.N1.WaitForAsync(m => m is Accept(3, "n2"), "n2 votes in epoch 3 once saves work");
        Assert.DoesNotContain(before, m => m is Accept);
        Assert.Equal(new PersistedVote(3, "n1"), store.Load());
        Assert.Equal(1, node.Snapshot().Counters.SaveFailures);
    }
}
