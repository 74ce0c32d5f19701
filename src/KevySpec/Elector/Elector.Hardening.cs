namespace KevySpec;

// Vocabulary used only by the hardened spec (spec/election-hardened.spec.md): the rows that close
// what the model checker and the simulator found in the reference (docs/checking.md). Like every
// guard and action, these read only fresh views (younger than down_after), which the model
// checker's time abstraction relies on.
public abstract partial class Elector
{
    /// <summary>
    /// <c>primary-lost</c>: the known primary is silent (no heartbeat for <c>down_after</c>), or its
    /// last heartbeat no longer claims primary (it restarted or stepped down).
    /// </summary>
    protected bool PrimaryLost() =>
        _currentPrimary is null || !_views.TryGetValue(_currentPrimary, out var view)
        || _now - view.LastHeartbeat >= Config.DownAfter || view.Role != Role.Primary;

    /// <summary>
    /// <c>best-live-candidate</c>: no live member but this node claimed a higher offset, or the
    /// same offset with a byte-wise smaller id. Unlike <c>best-candidate</c>, the known primary
    /// is not skipped: with <c>primary-lost</c> it may be alive as a replica or candidate, and
    /// then it is a rival (skipping it let two nodes stand against each other forever).
    /// </summary>
    protected bool BestLiveCandidate()
    {
        foreach (var peer in _peers)
        {
            if (peer == NodeId || !_views.TryGetValue(peer, out var view) || _now - view.LastHeartbeat >= Config.DownAfter) continue;
            if (view.ReplOffset > _offset) return false;
            if (view.ReplOffset == _offset && NodeIds.Compare(peer, NodeId) < 0) return false;
        }
        return true;
    }

    /// <summary>
    /// <c>live-epoch-exhausted</c>: this node's epoch, or the epoch a live member claimed in its last
    /// heartbeat, is <see cref="Epochs.Ceiling"/>. <c>rise-to-live-epoch</c> would take that epoch, and
    /// no epoch above it is left to stand in.
    /// </summary>
    protected bool LiveEpochExhausted()
    {
        if (_epoch == Epochs.Ceiling) return true;
        foreach (var view in _views.Values)
            if (_now - view.LastHeartbeat < Config.DownAfter && view.Epoch == Epochs.Ceiling) return true;
        return false;
    }

    /// <summary>
    /// <c>rise-to-live-epoch</c>: when a live member's last heartbeat claimed a higher epoch than
    /// ours, save <c>(that epoch, none)</c> and take it, so the OFFER that follows is new to every
    /// live member (otherwise a candidate behind by k epochs needs k failed candidacies).
    /// </summary>
    protected void RiseToLiveEpoch()
    {
        var highest = _epoch;
        foreach (var view in _views.Values)
            if (_now - view.LastHeartbeat < Config.DownAfter && view.Epoch > highest) highest = view.Epoch;
        if (highest == _epoch) return;
        Persist(new PersistedVote(highest, null));
        _epoch = highest;
    }
}
