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

    /// <summary><c>hb-epoch-older</c>: the heartbeat's epoch is below ours.</summary>
    protected bool HbEpochOlder(Heartbeat hb) => hb.Epoch < _epoch;

    /// <summary>
    /// <c>epoch-left-behind</c>: a live member's last heartbeat claimed a higher epoch than ours, and
    /// the live members whose last heartbeat claimed our epoch or a lower one, with this node, are
    /// no quorum. A primary steps down then: a rival may have won the higher epoch with the others'
    /// votes. One member ahead while a quorum stays at our epoch (a node that stood while cut off and
    /// rejoined) is no such rival, and deposing the primary for it was a needless election.
    /// </summary>
    protected bool EpochLeftBehind() => LeftBehind(null);

    /// <summary>
    /// <c>hb-leaves-epoch-behind</c>: <c>epoch-left-behind</c> holds once this heartbeat replaces the
    /// sender's view, so a primary steps down in the step that brings the news, before any tick.
    /// </summary>
    protected bool HbLeavesEpochBehind(Heartbeat hb) => LeftBehind(hb);

    private bool LeftBehind(Heartbeat? incoming)
    {
        // Counting this node, and the incoming heartbeat in place of its sender's last one.
        var ahead = false;
        var behind = 1;
        if (incoming is { } hb) Count(hb.Epoch);
        foreach (var (peer, view) in _views)
            if (peer != NodeId && !(incoming is not null && peer == _from) && _now - view.LastHeartbeat < Config.DownAfter) Count(view.Epoch);
        return ahead && behind < Quorum;

        void Count(ulong epoch)
        {
            if (epoch > _epoch) ahead = true;
            else behind++;
        }
    }

    /// <summary>
    /// <c>lease-waited-out</c>: <c>down_after + election_timeout</c> have passed since this
    /// candidate's OFFER. A primary that can still hear a majority keeps answering
    /// <c>has_quorum</c> true for <c>down_after</c> after the last heartbeat it got from each of
    /// them; a voter's heartbeats from after its vote carry the new epoch and depose it, so the
    /// ones that keep it fenced-in were sent before the vote, at most a delay after the OFFER.
    /// Waiting this long outlasts them while every message arrives within
    /// <c>election_timeout / 2</c>: no two primaries hold a quorum at once (write-safety). The only
    /// member of a one-node cluster has no other node that could hold a quorum: it need not wait.
    /// </summary>
    protected bool LeaseWaitedOut() => _peers.Length == 1 || (_offerAt is { } at && _now - at >= Config.DownAfter + Config.ElectionTimeout);

    /// <summary>
    /// <c>note-announcer-primary</c>: an ANNOUNCE from the primary it names makes our view of that
    /// node claim primary at the announced epoch (a new view, heard now, when we had none). Its last
    /// heartbeat still says candidate (a winner waits out the old primary's lease as one), and
    /// <c>primary-lost</c> would otherwise make a node that just learnt the primary stand against it
    /// (a spurious election).
    /// </summary>
    protected void NoteAnnouncerPrimary(Announce announce)
    {
        if (_from != announce.PrimaryId) return;
        // A node with no fresh view of the announcer (it just restarted) takes the ANNOUNCE as the
        // first word from it; the offset is unknown until its first heartbeat. A stale view counts as
        // none, as everywhere (the model checker's time abstraction drops it).
        _views[_from] = _views.TryGetValue(_from, out var view) && _now - view.LastHeartbeat < Config.DownAfter
            ? view with { Role = Role.Primary, Epoch = announce.Epoch }
            : new PeerView(_now, announce.Epoch, Role.Primary, 0);
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
