namespace KevySpec.Transport.Tests.Support;

/// <summary>A store in memory whose saves throw while <see cref="Failing"/> is set, as a full or read-only disk would.</summary>
public sealed class FailingStore : IElectionStore
{
    private readonly InMemoryElectionStore _inner = new();

    public volatile bool Failing;

    public IReadOnlyList<PersistedVote> History
    {
        get
        {
            lock (_inner) return [.. _inner.History];
        }
    }

    public void Save(PersistedVote vote)
    {
        if (Failing) throw new IOException("No space left on device");
        lock (_inner) _inner.Save(vote);
    }

    public PersistedVote Load()
    {
        lock (_inner) return _inner.Load();
    }
}
