
namespace KevySpec;

// Cheap capture and restore of the elector's state, for the model checker: it explores millions
// of states by restoring one elector per node instead of building new ones.
public abstract partial class Elector
{
    /// <summary>Everything this elector remembers between steps, as an immutable, equatable value.</summary>
    public ElectorSnapshot Capture() => CaptureWith(_lastNow, _lastTick);

    /// <summary>
    /// Puts this elector back into the state <paramref name="snapshot"/> holds, role included
    /// (the role is the field the Stateless machine reads). The attached store is kept.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot was taken from another node or another member list.</exception>
    public void Restore(ElectorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.NodeId != NodeId)
            throw new ArgumentException($"the snapshot is of node '{snapshot.NodeId}', not '{NodeId}'", nameof(snapshot));
        if (snapshot.LastHbSentArray.Length != _peers.Length)
            throw new ArgumentException($"the snapshot has {snapshot.LastHbSentArray.Length} members, this elector {_peers.Length}", nameof(snapshot));

        _role = snapshot.Role;
        _epoch = snapshot.Epoch;
        _currentPrimary = snapshot.CurrentPrimary;
        _offset = snapshot.ReplOffset;
        _firstTick = snapshot.FirstTick;
        _offerAt = snapshot.OfferAt;
        _backoffUntil = snapshot.BackoffUntil;
        _lastVouch = snapshot.LastVouch;
        _votedEpoch = snapshot.VotedEpoch;
        _lastNow = snapshot.LastNow;
        _lastTick = snapshot.LastTick;
        snapshot.LastHbSentArray.CopyTo(_lastHbSent, 0);
        _views.Clear();
        foreach (var (peer, view) in snapshot.ViewArray) _views[peer] = view;
        _tally.Clear();
        foreach (var voter in snapshot.TallyArray) _tally.Add(voter);
        _out.Clear();
    }

    /// <summary>
    /// A snapshot with the two instants only <see cref="NextTickAt"/> reads set to zero: the
    /// model checker's form, where states differing only in those instants behave the same.
    /// </summary>
    public ElectorSnapshot CaptureBehaviour() => CaptureWith(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>How many outbound items the step in progress has queued (for save-before-send ordering checks).</summary>
    internal int PendingOutputCount => _out.Count;

    private ElectorSnapshot CaptureWith(TimeSpan lastNow, TimeSpan lastTick)
    {
        var views = new KeyValuePair<string, PeerView>[_views.Count];
        var i = 0;
        foreach (var entry in _views) views[i++] = entry;
        if (views.Length > 1) Array.Sort(views, static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var tally = new string[_tally.Count];
        _tally.CopyTo(tally);
        if (tally.Length > 1) Array.Sort(tally, StringComparer.Ordinal);

        return new ElectorSnapshot(NodeId, _role, _epoch, _currentPrimary, _offset, _firstTick, _offerAt, _backoffUntil, _lastVouch,
            _votedEpoch, lastNow, lastTick, (TimeSpan?[])_lastHbSent.Clone(), views, tally);
    }
}
