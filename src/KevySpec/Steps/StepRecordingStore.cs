namespace KevySpec;

/// <summary>
/// One save seen by a <see cref="StepRecordingStore"/>, with what the elector looked like at that
/// moment, so a checker can tell whether the save came before the epoch change or the message it guards.
/// </summary>
/// <param name="Vote">The pair saved.</param>
/// <param name="EpochAtSave">The elector's epoch when it called <c>Save</c>.</param>
/// <param name="SentBeforeSave">How many outbound items the step had queued when it called <c>Save</c>.</param>
public readonly record struct SaveRecord(PersistedVote Vote, ulong EpochAtSave, int SentBeforeSave);

/// <summary>
/// A node's durable store (its <see cref="Durable"/> pair outlives electors) that also records the
/// saves of the current step, in order, with the saving elector's epoch and queued output at that
/// moment (the <c>durable-before-send</c> invariant compares them within the step).
/// </summary>
public sealed class StepRecordingStore : IElectionStore
{
    private readonly List<SaveRecord> _stepSaves = [];
    private readonly IElectionStore? _inner;

    /// <summary>A store holding <paramref name="durable"/> (empty by default).</summary>
    public StepRecordingStore(PersistedVote durable = default) => Durable = durable;

    /// <summary>
    /// Records the saves made through it to <paramref name="inner"/> (e.g. a file store), which keeps
    /// the pair; a save that throws is not recorded.
    /// </summary>
    public StepRecordingStore(IElectionStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Durable = inner.Load();
    }

    /// <summary>The pair on disk: what the last save left (or what the store was created with).</summary>
    public PersistedVote Durable { get; set; }

    /// <summary>The elector whose saves are recorded; its epoch and queued output are noted at each save.</summary>
    public Elector? Owner { get; set; }

    /// <summary>The saves since <see cref="BeginStep"/>, in order.</summary>
    public IReadOnlyList<SaveRecord> StepSaves => _stepSaves;

    /// <summary>Forgets the previous step's saves.</summary>
    public void BeginStep() => _stepSaves.Clear();

    /// <inheritdoc />
    public void Save(PersistedVote vote)
    {
        _inner?.Save(vote);
        _stepSaves.Add(new SaveRecord(vote, Owner?.Epoch ?? 0, Owner?.PendingOutputCount ?? 0));
        Durable = vote;
    }

    /// <inheritdoc />
    public PersistedVote Load() => Durable = _inner?.Load() ?? Durable;
}
