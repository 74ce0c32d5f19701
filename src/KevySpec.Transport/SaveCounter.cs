namespace KevySpec.Transport;

/// <summary>Passes saves and loads through to a node's store and counts the saves that worked (a withdrawn node rejoins on one).</summary>
internal sealed class SaveCounter(IElectionStore inner) : IElectionStore
{
    /// <summary>Saves that returned (were made durable) so far.</summary>
    public long Count { get; private set; }

    public void Save(PersistedVote vote)
    {
        inner.Save(vote);
        Count++;
    }

    public PersistedVote Load() => inner.Load();
}
