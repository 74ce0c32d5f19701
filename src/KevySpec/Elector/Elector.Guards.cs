namespace KevySpec;

// The guards of the election vocabulary: pure questions about the current step.
// A spec row names them in kebab-case (primary-known ⇒ PrimaryKnown).
public abstract partial class Elector
{
    // ---- tick ----

    /// <summary><c>first-tick-seen</c>: a tick happened before this one.</summary>
    protected bool FirstTickSeen() => _firstTick.HasValue;

    /// <summary><c>in-backoff</c>: a failed candidacy's backoff deadline is still ahead.</summary>
    protected bool InBackoff() => _backoffUntil is { } until && _now < until;

    /// <summary><c>primary-known</c>: a current primary is known.</summary>
    protected bool PrimaryKnown() => _currentPrimary is not null;

    /// <summary><c>primary-silent</c>: the known primary has sent no heartbeat, or none for <c>down_after</c>.</summary>
    protected bool PrimarySilent() => _currentPrimary is null || !IsAlive(_currentPrimary);

    /// <summary><c>cold-start-grace-over</c>: <c>down_after</c> has passed since the first tick.</summary>
    protected bool ColdStartGraceOver() => _firstTick is { } first && _now - first >= Config.DownAfter;

    /// <summary>
    /// <c>best-candidate</c>: no live member (other than self and the known primary) claimed a
    /// higher offset, or the same offset with a byte-wise smaller id.
    /// </summary>
    protected bool BestCandidate()
    {
        foreach (var peer in _peers)
        {
            if (peer == NodeId || peer == _currentPrimary) continue;
            if (!_views.TryGetValue(peer, out var view) || !Freshness.IsFresh(view, _now, Config)) continue;
            if (view.ReplOffset > _offset) return false;
            if (view.ReplOffset == _offset && NodeIds.Compare(peer, NodeId) < 0) return false;
        }
        return true;
    }

    /// <summary>
    /// <c>epoch-exhausted</c>: this node's epoch is <see cref="Epochs.Ceiling"/>, so a candidacy has no
    /// newer epoch to offer (an OFFER at the ceiling is never newer for a voter already there).
    /// </summary>
    protected bool EpochExhausted() => _epoch == Epochs.Ceiling;

    /// <summary><c>candidacy-open</c>: this candidate sent an OFFER and is counting votes.</summary>
    protected bool CandidacyOpen() => _offerAt.HasValue;

    /// <summary><c>quorum-reached</c>: the tally holds at least a quorum of votes.</summary>
    protected bool QuorumReached() => _tally.Count >= Quorum;

    /// <summary><c>election-timed-out</c>: <c>election_timeout</c> has passed since the OFFER.</summary>
    protected bool ElectionTimedOut() => _offerAt is { } at && _now - at >= Config.ElectionTimeout;

    // ---- HB ----

    /// <summary><c>hb-claims-primary</c>: the heartbeat's sender says it is primary.</summary>
    protected bool HbClaimsPrimary(Heartbeat hb) => hb.Role == Role.Primary;

    /// <summary><c>hb-epoch-newer</c>: the heartbeat's epoch is above ours.</summary>
    protected bool HbEpochNewer(Heartbeat hb) => hb.Epoch > _epoch;

    /// <summary><c>hb-epoch-current</c>: the heartbeat's epoch equals ours.</summary>
    protected bool HbEpochCurrent(Heartbeat hb) => hb.Epoch == _epoch;

    /// <summary><c>from-self</c>: the message was handed in as coming from this node.</summary>
    protected bool FromSelf() => _from == NodeId;

    // ---- OFFER ----

    /// <summary><c>offer-epoch-newer</c>: the offer's epoch is above ours.</summary>
    protected bool OfferEpochNewer(Offer offer) => offer.Epoch > _epoch;

    /// <summary><c>own-offset-ahead</c>: this node's offset is above the candidate's.</summary>
    protected bool OwnOffsetAhead(Offer offer) => _offset > offer.ReplOffset;

    /// <summary><c>own-id-wins-tie</c>: equal offsets, and this node's id is byte-wise smaller than the candidate's.</summary>
    protected bool OwnIdWinsTie(Offer offer) => _offset == offer.ReplOffset && NodeIds.Compare(NodeId, offer.CandidateId) < 0;

    /// <summary><c>voted-in-offer-epoch</c>: this node already voted in the offer's epoch.</summary>
    protected bool VotedInOfferEpoch(Offer offer) => _votedEpoch == offer.Epoch;

    /// <summary><c>is-replica</c>: this node is a replica (hardened vote rule).</summary>
    protected bool IsReplica() => _role == Role.Replica;

    // ---- ACCEPT ----

    /// <summary><c>accept-epoch-current</c>: the vote is for our current epoch.</summary>
    protected bool AcceptEpochCurrent(Accept accept) => accept.Epoch == _epoch;

    // ---- ANNOUNCE ----

    /// <summary><c>announce-epoch-stale</c>: the announcement's epoch is below ours.</summary>
    protected bool AnnounceEpochStale(Announce announce) => announce.Epoch < _epoch;

    /// <summary><c>announce-known</c>: not newer than ours, and names the primary we already follow.</summary>
    protected bool AnnounceKnown(Announce announce) => announce.Epoch <= _epoch && announce.PrimaryId == _currentPrimary;

    /// <summary><c>announces-self</c>: the announced primary is this node.</summary>
    protected bool AnnouncesSelf(Announce announce) => announce.PrimaryId == NodeId;

    private bool IsAlive(string member) =>
        _views.TryGetValue(member, out var view) && Freshness.IsFresh(view, _now, Config);
}
