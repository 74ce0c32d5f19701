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
        || !Freshness.IsFresh(view, _now, Config) || view.Role != Role.Primary;

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
            if (peer == NodeId || !_views.TryGetValue(peer, out var view) || !Freshness.IsFresh(view, _now, Config)) continue;
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
            if (Freshness.IsFresh(view, _now, Config) && view.Epoch == Epochs.Ceiling) return true;
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
            if (peer != NodeId && !(incoming is not null && peer == _from) && Freshness.IsFresh(view, _now, Config)) Count(view.Epoch);
        return ahead && behind < Quorum;

        void Count(ulong epoch)
        {
            if (epoch > _epoch) ahead = true;
            else behind++;
        }
    }

    /// <summary>
    /// <c>primary-heard-lately</c>: the known primary's last heartbeat claimed primary and is younger
    /// than <c>quiet_after</c>. A replica heartbeats only then: once its primary falls silent it stops
    /// vouching for it, so the primary's write lease lapses before this replica can vote.
    /// </summary>
    protected bool PrimaryHeardLately() =>
        _currentPrimary is not null && _views.TryGetValue(_currentPrimary, out var view)
        && view.Role == Role.Primary && _now - view.LastHeartbeat < Config.QuietAfter;

    /// <summary>
    /// <c>leases-lapsed</c>: this node sent no heartbeat as a replica and no ACCEPT for <c>lease_lapse</c>
    /// (<see cref="ElectConfig.LeaseLapse"/>), so no primary still counts it in its write lease:
    /// every heartbeat it sent arrived within <c>delay_bound</c> and counted for <c>write_lease</c>
    /// at most, on a clock at most ρ faster. A node votes and stands only then, and a primary
    /// elected with its vote never holds a quorum beside the one it left (write-safety).
    /// </summary>
    protected bool LeasesLapsed() => _lastVouch is not { } last || _now - last >= Config.LeaseLapse;

    /// <summary>
    /// <c>lease-quorum</c> (a write fence): a majority, this node included, was heard as replicas at
    /// this node's own epoch less than <c>write_lease</c> ago. Views of another epoch do not count: a
    /// voter's heartbeats after its vote carry the new epoch, and those from before it lapse
    /// (<c>leases-lapsed</c>). Nor do candidates and primaries: they vouch for nobody.
    /// </summary>
    /// <param name="now">The instant asked about.</param>
    protected bool LeaseQuorum(TimeSpan now)
    {
        var heard = 1;
        foreach (var (peer, view) in _views)
            if (peer != NodeId && view.Role == Role.Replica && view.Epoch == _epoch && now - view.LastHeartbeat < Config.WriteLease) heard++;
        return heard >= Quorum;
    }

    /// <summary>
    /// <c>answer-offer</c>: a heartbeat to a candidate whose OFFER this replica does not take, so the
    /// candidate learns our epoch (to rise above it) and our offset (to give way to us). A replica whose
    /// primary is lost sends no heartbeats of its own; without the answer a candidate that is behind
    /// in epoch, or not the best, stood again and again in vain. It vouches like any replica heartbeat.
    /// </summary>
    protected void AnswerOffer()
    {
        for (var i = 0; i < _peers.Length; i++)
            if (_peers[i] == _from && _from != NodeId) SendHeartbeat(i, new Heartbeat(_epoch, NodeId, _role, _offset));
    }

    /// <summary>
    /// <c>note-candidate</c>: an OFFER is word from its candidate: the view of it claims candidate at
    /// the OFFER's epoch and offset, heard now. A node that stands next rises above that epoch
    /// (<c>rise-to-live-epoch</c>) instead of standing in it beside the candidate, and ranks itself
    /// against the candidate's offset (<c>best-live-candidate</c>).
    /// </summary>
    protected void NoteCandidate(Offer offer)
    {
        if (_from != NodeId) _views[_from] = new PeerView(_now, offer.Epoch, Role.Candidate, offer.ReplOffset);
    }

    /// <summary>
    /// <c>note-voter</c>: an ACCEPT is word from its voter, heard now at our epoch: the view of it
    /// says so (keeping the offset its last heartbeat claimed). A winner then holds its write lease
    /// from the votes that elected it, not only from the heartbeats that follow them.
    /// </summary>
    protected void NoteVoter(Accept accept)
    {
        var offset = _views.TryGetValue(_from, out var view) ? view.ReplOffset : 0;
        _views[_from] = new PeerView(_now, accept.Epoch, Role.Replica, offset);
    }

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
        _views[_from] = _views.TryGetValue(_from, out var view) && Freshness.IsFresh(view, _now, Config)
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
            if (Freshness.IsFresh(view, _now, Config) && view.Epoch > highest) highest = view.Epoch;
        if (highest == _epoch) return;
        Persist(new PersistedVote(highest, null));
        _epoch = highest;
    }
}
