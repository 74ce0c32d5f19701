namespace KevySpec.Tests.TestSupport;

/// <summary>
/// An in-memory store that can be told to fail: while <see cref="Failing"/> is set, every
/// <see cref="Save"/> throws (a disk that cannot make the pair durable) and keeps nothing.
/// </summary>
internal sealed class RecordingStore(PersistedVote initial = default) : IElectionStore
{
    private readonly List<PersistedVote> _saves = [];
    private PersistedVote _current = initial;

    /// <summary>When true, <see cref="Save"/> throws <see cref="IOException"/>.</summary>
    public bool Failing { get; set; }

    /// <summary>Every pair made durable, oldest first.</summary>
    public IReadOnlyList<PersistedVote> Saves => _saves;

    public void Save(PersistedVote vote)
    {
        if (Failing) throw new IOException($"cannot make {Render.Save(vote)} durable: disk full");
        _current = vote;
        _saves.Add(vote);
    }

    public PersistedVote Load() => _current;
}
