namespace KevySpec;

// When the elector next needs a tick: hosts sleep exactly until then instead of polling.
public abstract partial class Elector
{
    /// <summary>
    /// The instant at which <see cref="Tick"/> next has something to do: the earliest of the next
    /// heartbeat due, a sender's DOWN deadline (it changes the primary's liveness, the candidate
    /// ranking and <see cref="HasQuorum"/>), the cold-start grace end, the election timeout,
    /// the backoff end, the end of the lease lapse after this node last vouched (it may vote or
    /// stand from then) and, for a lease fence, a view leaving the write lease. An instant at or before the last step means "tick now". Null when no tick
    /// will ever matter (a single-node cluster that already won). Hosts also tick after each
    /// inbound message and after <see cref="SetReplOffset"/> (a new offset can make this node
    /// the best candidate at once), so this covers only what time alone changes.
    /// </summary>
    public TimeSpan? NextTickAt()
    {
        if (_firstTick is null) return _lastNow;
        TimeSpan? next = null;
        // A candidate with a quorum announces at its next tick.
        if (_role == Role.Candidate && _offerAt.HasValue && _tally.Count >= Quorum && _lastTick < _lastNow) return _lastNow;

        // A heartbeat that was due at the last tick and not sent stays unsent until a message
        // changes that (a silent replica of a lease-fenced spec): time alone will not send it.
        for (var i = 0; i < _peers.Length; i++)
            if (_peers[i] != NodeId && _lastHbSent[i] is { } sent) Future(ref next, sent + Config.HbInterval);
        foreach (var view in _views.Values)
        {
            Future(ref next, view.LastHeartbeat + Config.DownAfter);
            // A lease fence changes when a view leaves the write lease: tick then, so a host sees has_quorum turn.
            if (FencesWithLease) Future(ref next, view.LastHeartbeat + Config.WriteLease);
        }
        // With a lease fence a node may stand once its vouches have lapsed (leases-lapsed).
        if (FencesWithLease && _lastVouch is { } vouched) Future(ref next, vouched + Config.LeaseLapse);
        Future(ref next, _firstTick.Value + Config.DownAfter);
        if (_offerAt is { } offer) Future(ref next, offer + Config.ElectionTimeout);
        if (_backoffUntil is { } until) Future(ref next, until);
        return next;
    }

    // Deadlines already behind the last tick were seen by it; only later ones can change anything.
    private void Future(ref TimeSpan? next, TimeSpan deadline)
    {
        if (deadline > _lastTick) Earliest(ref next, deadline);
    }

    private static void Earliest(ref TimeSpan? next, TimeSpan candidate)
    {
        if (next is null || candidate < next) next = candidate;
    }
}
