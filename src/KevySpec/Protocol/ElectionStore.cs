namespace KevySpec;

/// <summary>The pair an elector persists: its epoch and whom it voted for in it.</summary>
/// <param name="Epoch">The epoch; 0 means nothing was ever saved.</param>
/// <param name="VotedFor">The member voted for, or null.</param>
public readonly record struct PersistedVote(ulong Epoch, string? VotedFor)
{
    /// <summary>What an empty store loads: <c>(0, none)</c>.</summary>
    public static PersistedVote Empty => default;
}

/// <summary>Durable storage of an elector's <see cref="PersistedVote"/>.</summary>
public interface IElectionStore
{
    /// <summary>Stores <paramref name="vote"/>; durable when it returns. Throws when it could not be made durable.</summary>
    void Save(PersistedVote vote);

    /// <summary>The last saved pair, or <see cref="PersistedVote.Empty"/>.</summary>
    PersistedVote Load();
}

/// <summary>A store that keeps nothing: the elector's default.</summary>
public sealed class NullElectionStore : IElectionStore
{
    /// <summary>The one instance.</summary>
    public static NullElectionStore Instance { get; } = new();

    private NullElectionStore() { }

    /// <inheritdoc />
    public void Save(PersistedVote vote) { }

    /// <inheritdoc />
    public PersistedVote Load() => PersistedVote.Empty;
}

/// <summary>A store in memory that also remembers every save in order (for tests and replays).</summary>
public sealed class InMemoryElectionStore : IElectionStore
{
    private readonly List<PersistedVote> _history = [];

    /// <summary>Every pair saved so far, oldest first.</summary>
    public IReadOnlyList<PersistedVote> History => _history;

    /// <summary>The last pair saved.</summary>
    public PersistedVote Current { get; private set; }

    /// <inheritdoc />
    public void Save(PersistedVote vote)
    {
        Current = vote;
        _history.Add(vote);
    }

    /// <inheritdoc />
    public PersistedVote Load() => Current;
}
