using KevySpec.Load.Fleet;

namespace KevySpec.Load.Safety;

/// <summary>One save a node made, on the run's time line.</summary>
/// <param name="NodeId">The saving node.</param>
/// <param name="Vote">The pair saved.</param>
/// <param name="Previous">The pair the store held before (the node's epoch until this save: every epoch change saves first).</param>
/// <param name="At">Run time when the save returned (it is durable from then on).</param>
public sealed record SaveEvent(string NodeId, PersistedVote Vote, PersistedVote Previous, TimeSpan At);

/// <summary>
/// A node's store (e.g. a file store on its data directory) that reports each save once it is
/// durable. It outlives the node's incarnations, like the data directory does.
/// </summary>
public sealed class RecordingStore(string nodeId, IElectionStore inner, TimeProvider time, Action<StoreSave> onSave) : IElectionStore
{
    private readonly Lock _gate = new();
    private PersistedVote _durable = inner.Load();

    /// <summary>The node whose store this is.</summary>
    public string NodeId { get; } = nodeId;

    /// <summary>What the last save left (what a restart loads).</summary>
    public PersistedVote Durable
    {
        get { lock (_gate) return _durable; }
    }

    /// <inheritdoc />
    public void Save(PersistedVote vote)
    {
        inner.Save(vote);
        PersistedVote previous;
        lock (_gate)
        {
            previous = _durable;
            _durable = vote;
        }
        onSave(new StoreSave(NodeId, vote, previous, time.GetTimestamp()));
    }

    /// <inheritdoc />
    public PersistedVote Load() => inner.Load();
}
