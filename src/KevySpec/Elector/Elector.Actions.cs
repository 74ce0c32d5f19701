namespace KevySpec;

// The actions of the election vocabulary: each does one thing. Every save comes before the
// state change and the message it guards, so a failed save sends nothing.
// A spec row names them in kebab-case (open-candidacy ⇒ OpenCandidacy).
public abstract partial class Elector
{
    // ---- tick ----

    /// <summary><c>remember-first-tick</c>: the cold-start grace counts from now.</summary>
    protected void RememberFirstTick() => _firstTick = _now;

    /// <summary><c>send-due-heartbeats</c>: an HB to every peer, in list order, whose last HB is <c>hb_interval</c> old (or none was sent).</summary>
    protected void SendDueHeartbeats()
    {
        Heartbeat? hb = null;
        for (var i = 0; i < _peers.Length; i++)
        {
            var peer = _peers[i];
            if (peer == NodeId) continue;
            if (_lastHbSent[i] is { } last && _now - last < Config.HbInterval) continue;
            SendHeartbeat(i, hb ??= new Heartbeat(_epoch, NodeId, _role, _offset));
        }
    }

    // Every heartbeat goes out here: it is recorded as sent to that peer and, from a replica, as a
    // vouch (a write lease counts replicas alone; leases-lapsed reads it).
    private void SendHeartbeat(int peer, Heartbeat hb)
    {
        _lastHbSent[peer] = _now;
        if (_role == Role.Replica) _lastVouch = _now;
        _out.Add(new Outbound(_peers[peer], hb));
    }

    /// <summary>
    /// <c>open-candidacy</c>: save <c>(epoch + 1, self)</c>, take that epoch, vote for self, broadcast OFFER.
    /// The increment saturates at <see cref="Epochs.Ceiling"/> (the spec tables never stand there).
    /// </summary>
    protected void OpenCandidacy()
    {
        var newEpoch = Epochs.Next(_epoch);
        Persist(new PersistedVote(newEpoch, NodeId));
        _epoch = newEpoch;
        _tally.Clear();
        _tally.Add(NodeId);
        _offerAt = _now;
        _out.Add(new Outbound(Outbound.Broadcast, new Offer(_epoch, NodeId, _offset)));
    }

    /// <summary><c>announce-self</c>: this node is the primary; close the candidacy and broadcast ANNOUNCE.</summary>
    protected void AnnounceSelf()
    {
        _currentPrimary = NodeId;
        CloseCandidacy();
        _out.Add(new Outbound(Outbound.Broadcast, new Announce(_epoch, NodeId, AdvertisedAddress)));
    }

    /// <summary><c>back-off</c>: close the candidacy and wait <c>election_backoff + jitter</c> before the next one.</summary>
    protected void BackOff()
    {
        CloseCandidacy();
        _backoffUntil = _now + Config.ElectionBackoff + _jitter.Next(Config.ElectionBackoffJitter);
    }

    // ---- HB ----

    /// <summary><c>record-view</c>: remember when the sender was heard and what it claimed.</summary>
    protected void RecordView(Heartbeat hb) =>
        _views[_from] = new PeerView(_now, hb.Epoch, hb.Role, hb.ReplOffset);

    /// <summary><c>adopt-hb-epoch</c>: save <c>(hb epoch, none)</c>, then take that epoch.</summary>
    protected void AdoptHbEpoch(Heartbeat hb)
    {
        Persist(new PersistedVote(hb.Epoch, null));
        _epoch = hb.Epoch;
    }

    /// <summary><c>follow-sender</c>: the sender is the current primary.</summary>
    protected void FollowSender() => _currentPrimary = _from;

    /// <summary><c>drop-candidacy</c>: forget the offer instant and the tally.</summary>
    protected void DropCandidacy() => CloseCandidacy();

    // ---- OFFER ----

    /// <summary><c>cast-vote</c>: save <c>(offer epoch, candidate)</c>, guard that epoch, take it, reply ACCEPT to the candidate.</summary>
    protected void CastVote(Offer offer)
    {
        Persist(new PersistedVote(offer.Epoch, offer.CandidateId));
        _votedEpoch = offer.Epoch;
        _epoch = offer.Epoch;
        _lastVouch = _now;
        _out.Add(new Outbound(offer.CandidateId, new Accept(offer.Epoch, NodeId)));
    }

    // ---- ACCEPT ----

    /// <summary><c>count-vote</c>: add the voter to the tally.</summary>
    protected void CountVote(Accept accept) => _tally.Add(accept.VoterId);

    // ---- ANNOUNCE ----

    /// <summary><c>adopt-announce</c>: save <c>(epoch, primary)</c>, take the epoch, follow the announced primary, close any candidacy.</summary>
    protected void AdoptAnnounce(Announce announce)
    {
        Persist(new PersistedVote(announce.Epoch, announce.PrimaryId));
        _epoch = announce.Epoch;
        _currentPrimary = announce.PrimaryId;
        _votedEpoch = announce.Epoch;
        CloseCandidacy();
    }

    // Every save goes through here. The epoch never goes back (invariant epoch-monotonic), whatever a
    // table composes: a save below the current epoch is a bug, refused before it reaches the store.
    private void Persist(PersistedVote vote)
    {
        if (vote.Epoch < _epoch)
            throw new InvalidOperationException($"refusing to save epoch {vote.Epoch}: it is below the current epoch {_epoch}, and the epoch never goes back");
        _store.Save(vote);
    }

    private void CloseCandidacy()
    {
        _offerAt = null;
        _tally.Clear();
    }
}
