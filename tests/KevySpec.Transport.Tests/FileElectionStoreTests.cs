using KevySpec.Persistence;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

public sealed class FileElectionStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_empty_directory_loads_as_nothing_saved()
    {
        Assert.Equal(PersistedVote.Empty, new FileElectionStore(_dir.Sub("fresh")).Load());
    }

    [Theory]
    [InlineData(1ul, null)]
    [InlineData(7ul, "replica-2")]
    [InlineData(ulong.MaxValue, "n1")]
    public void A_saved_pair_loads_back_in_a_new_store(ulong epoch, string? voted)
    {
        new FileElectionStore(_dir.Path).Save(new PersistedVote(epoch, voted));
        Assert.Equal(new PersistedVote(epoch, voted), new FileElectionStore(_dir.Path).Load());
    }

    [Fact]
    public void The_file_holds_the_reference_format()
    {
        var store = new FileElectionStore(_dir.Path);
        store.Save(new PersistedVote(5, "n3"));
        Assert.Equal("epoch 5\nvoted n3\n", File.ReadAllText(store.Path));
        store.Save(new PersistedVote(6, null));
        Assert.Equal("epoch 6\nvoted -\n", File.ReadAllText(store.Path));
    }

    [Fact]
    public void A_save_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var store = new FileElectionStore(_dir.Path);
        store.Save(new PersistedVote(3, "n1"));
        store.Save(new PersistedVote(4, "n2"));
        Assert.Equal(new PersistedVote(4, "n2"), store.Load());
        Assert.Equal([FileElectionStore.FileName], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_temporary_file_left_by_a_crash_does_not_change_what_loads()
    {
        var store = new FileElectionStore(_dir.Path);
        store.Save(new PersistedVote(3, "n1"));
        File.WriteAllText(store.TempPath, "epoch 9\nvot");
        Assert.Equal(new PersistedVote(3, "n1"), store.Load());
        store.Save(new PersistedVote(4, null));
        Assert.Equal(new PersistedVote(4, null), store.Load());
    }

    [Fact]
    public void A_failed_save_throws_naming_the_file_and_keeps_the_old_pair()
    {
        var store = new FileElectionStore(_dir.Path);
        store.Save(new PersistedVote(3, "n1"));
        Directory.CreateDirectory(store.TempPath);   // the temporary file cannot be created: a directory is in the way
        var e = Assert.Throws<PersistenceException>(() => store.Save(new PersistedVote(4, "n2")));
        Assert.Contains(store.Path, e.Message);
        Assert.Contains("cannot be saved", e.Message);
        Assert.Equal(new PersistedVote(3, "n1"), new FileElectionStore(_dir.Path).Load());
    }

    [Fact]
    public void A_save_below_the_saved_epoch_is_refused_and_the_file_keeps_the_higher_one()
    {
        var store = new FileElectionStore(_dir.Path);
        store.Save(new PersistedVote(Epochs.Ceiling, "n1"));

        var e = Assert.Throws<PersistenceException>(() => store.Save(new PersistedVote(0, "n2"))); // what a wrapped epoch would save
        Assert.Equal($"{store.Path}: refusing to save epoch 0: the file already holds epoch 18446744073709551615, and the epoch never goes back", e.Message);
        Assert.Equal(new PersistedVote(Epochs.Ceiling, "n1"), new FileElectionStore(_dir.Path).Load());
    }

    [Fact]
    public void A_store_that_loaded_an_epoch_refuses_to_save_a_lower_one_but_takes_the_same_epoch_again()
    {
        new FileElectionStore(_dir.Path).Save(new PersistedVote(9, null));
        var store = new FileElectionStore(_dir.Path);
        Assert.Equal(new PersistedVote(9, null), store.Load());

        Assert.Throws<PersistenceException>(() => store.Save(new PersistedVote(8, "n2")));
        store.Save(new PersistedVote(9, "n2")); // an ANNOUNCE at the current epoch records its primary
        Assert.Equal(new PersistedVote(9, "n2"), new FileElectionStore(_dir.Path).Load());
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("epoch 5\n", "the 'voted' line is missing")]
    [InlineData("voted n1\n", "the 'epoch' line is missing")]
    [InlineData("epoch five\nvoted n1\n", "line 1: epoch 'five' is not a decimal number")]
    [InlineData("epoch -1\nvoted n1\n", "line 1: epoch '-1' is not a decimal number")]
    [InlineData("epoch 18446744073709551616\nvoted -\n", "line 1: epoch '18446744073709551616' is not a decimal number")]
    [InlineData("epoch 5\nvoted\n", "line 2: expected '<key> <value>', got 'voted'")]
    [InlineData("epoch 5\nvoted a b\n", "line 2: expected '<key> <value>'")]
    [InlineData("epoch 5\nvoted n1\nterm 3\n", "line 3: unknown key 'term'")]
    [InlineData("epoch 5\nepoch 6\nvoted -\n", "line 2: 'epoch' appears twice")]
    [InlineData("epoch 5\nvoted n1\nvoted n2\n", "line 3: 'voted' appears twice")]
    [InlineData("epoch 5\nvoted \u00e9t\u00e9\n", "line 2: voted: node id")]
    [InlineData("\u0000\u0001\u0002garbage", "line 1: expected '<key> <value>'")]
    public void A_corrupt_file_is_an_error_naming_the_file_and_the_problem(string content, string problem)
    {
        var store = new FileElectionStore(_dir.Path);
        File.WriteAllText(store.Path, content);
        var e = Assert.Throws<PersistenceException>(() => store.Load());
        Assert.StartsWith($"{store.Path}: is corrupt: ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Equal(store.Path, e.Path);
    }

    [Fact]
    public void An_unreadable_file_is_an_error_naming_it()
    {
        var store = new FileElectionStore(_dir.Path);
        Directory.CreateDirectory(store.Path);   // something that exists but is not a readable file
        var e = Assert.Throws<PersistenceException>(() => store.Load());
        Assert.StartsWith(store.Path, e.Message);
    }

    [Fact]
    public async Task A_corrupt_file_stops_the_node_from_starting()
    {
        var store = new FileElectionStore(_dir.Path);
        File.WriteAllText(store.Path, "epoch 5\nvoted\n");
        var options = new NodeOptions
        {
            NodeId = "n1",
            PeerIds = ["n1"],
            Endpoints = new Dictionary<string, System.Net.IPEndPoint> { ["n1"] = Ports.Free() },
            Store = store,
        };
        var e = await Assert.ThrowsAsync<PersistenceException>(() => ElectionNode.StartAsync(options));
        Assert.Contains(store.Path, e.Message);
    }
}
