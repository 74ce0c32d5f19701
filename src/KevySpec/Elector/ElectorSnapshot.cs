using System.Globalization;
using System.Text;

namespace KevySpec;

/// <summary>
/// Everything an <see cref="Elector"/> remembers between steps, as an immutable value: two
/// snapshots are equal exactly when the electors behave the same from here on (given the same
/// store and inputs). Taken by <see cref="Elector.Capture"/>, put back by
/// <see cref="Elector.Restore"/>; the model checker hashes them to recognise states it has seen.
/// </summary>
/// <remarks>
/// Views are ordered by member id and the tally is sorted, so the order in which an elector
/// learned them does not make two otherwise equal states differ. The store is not part of a
/// snapshot: it belongs to the node and outlives electors.
/// </remarks>
public sealed class ElectorSnapshot : IEquatable<ElectorSnapshot>
{
    private readonly TimeSpan?[] _lastHbSent;
    private readonly KeyValuePair<string, PeerView>[] _views;
    private readonly string[] _tally;
    private readonly int _hash;

    internal ElectorSnapshot(string nodeId, Role role, ulong epoch, string? currentPrimary, ulong replOffset,
        TimeSpan? firstTick, TimeSpan? offerAt, TimeSpan? backoffUntil, TimeSpan? lastVouch, ulong? votedEpoch, TimeSpan lastNow, TimeSpan lastTick,
        TimeSpan?[] lastHbSent, KeyValuePair<string, PeerView>[] views, string[] tally)
    {
        NodeId = nodeId;
        Role = role;
        Epoch = epoch;
        CurrentPrimary = currentPrimary;
        ReplOffset = replOffset;
        FirstTick = firstTick;
        OfferAt = offerAt;
        BackoffUntil = backoffUntil;
        LastVouch = lastVouch;
        VotedEpoch = votedEpoch;
        LastNow = lastNow;
        LastTick = lastTick;
        _lastHbSent = lastHbSent;
        _views = views;
        _tally = tally;
        _hash = ComputeHash();
    }

    /// <summary>The node the snapshot was taken from; it restores only into an elector of that node.</summary>
    public string NodeId { get; }

    /// <summary>The role.</summary>
    public Role Role { get; }

    /// <summary>The epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The known primary, or null.</summary>
    public string? CurrentPrimary { get; }

    /// <summary>The replication offset.</summary>
    public ulong ReplOffset { get; }

    /// <summary>The first tick's instant, or null before it.</summary>
    public TimeSpan? FirstTick { get; }

    /// <summary>The open candidacy's OFFER instant, or null.</summary>
    public TimeSpan? OfferAt { get; }

    /// <summary>The backoff deadline, or null.</summary>
    public TimeSpan? BackoffUntil { get; }

    /// <summary>When this node last sent a heartbeat or an ACCEPT (what a write lease counts), or null.</summary>
    public TimeSpan? LastVouch { get; }

    /// <summary>The epoch of the vote guard, or null.</summary>
    public ulong? VotedEpoch { get; }

    /// <summary>The latest instant the elector was handed (read only by <see cref="Elector.NextTickAt"/>).</summary>
    public TimeSpan LastNow { get; }

    /// <summary>The last tick's instant (read only by <see cref="Elector.NextTickAt"/>).</summary>
    public TimeSpan LastTick { get; }

    /// <summary>Per member, in member-list order: when the last HB was sent to it, or null (never, or self).</summary>
    public IReadOnlyList<TimeSpan?> LastHbSent => _lastHbSent;

    /// <summary>The view of each heartbeat sender, ordered by sender id.</summary>
    public IReadOnlyList<KeyValuePair<string, PeerView>> Views => _views;

    /// <summary>The voters counted by an open candidacy, sorted.</summary>
    public IReadOnlyList<string> Tally => _tally;

    internal TimeSpan?[] LastHbSentArray => _lastHbSent;

    internal KeyValuePair<string, PeerView>[] ViewArray => _views;

    internal string[] TallyArray => _tally;

    /// <summary>
    /// This snapshot with other remembered instants and the two instants only <see cref="Elector.NextTickAt"/> reads
    /// set to zero (as <see cref="Elector.CaptureBehaviour"/> takes them): how the model checker moves a state through
    /// time. Role, epochs, primary, offset and tally are kept; the spans are copied.
    /// </summary>
    /// <param name="firstTick">The first tick's instant, or null.</param>
    /// <param name="offerAt">The open candidacy's OFFER instant, or null.</param>
    /// <param name="backoffUntil">The backoff deadline, or null.</param>
    /// <param name="lastVouch">When the last heartbeat or ACCEPT was sent, or null.</param>
    /// <param name="lastHbSent">Per member, in member-list order: when the last HB was sent to it, or null.</param>
    /// <param name="views">The views to keep, ordered by sender id (e.g. this snapshot's, less the stale ones).</param>
    /// <exception cref="ArgumentException">The member count differs from this snapshot's, or the views are not ordered by sender id.</exception>
    public ElectorSnapshot WithInstants(TimeSpan? firstTick, TimeSpan? offerAt, TimeSpan? backoffUntil, TimeSpan? lastVouch,
        ReadOnlySpan<TimeSpan?> lastHbSent, ReadOnlySpan<KeyValuePair<string, PeerView>> views)
    {
        if (lastHbSent.Length != _lastHbSent.Length)
            throw new ArgumentException($"the snapshot has {_lastHbSent.Length} members, not {lastHbSent.Length}", nameof(lastHbSent));
        for (var i = 1; i < views.Length; i++)
            if (string.CompareOrdinal(views[i - 1].Key, views[i].Key) >= 0)
                throw new ArgumentException($"the views are not ordered by sender id ('{views[i - 1].Key}' before '{views[i].Key}')", nameof(views));
        return new ElectorSnapshot(NodeId, Role, Epoch, CurrentPrimary, ReplOffset, firstTick, offerAt, backoffUntil, lastVouch, VotedEpoch,
            TimeSpan.Zero, TimeSpan.Zero, lastHbSent.ToArray(), views.ToArray(), _tally);
    }

    /// <inheritdoc />
    public bool Equals(ElectorSnapshot? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || _hash != other._hash) return false;
        return NodeId == other.NodeId && Role == other.Role && Epoch == other.Epoch && CurrentPrimary == other.CurrentPrimary
            && ReplOffset == other.ReplOffset && FirstTick == other.FirstTick && OfferAt == other.OfferAt
            && BackoffUntil == other.BackoffUntil && LastVouch == other.LastVouch && VotedEpoch == other.VotedEpoch && LastNow == other.LastNow
            && LastTick == other.LastTick && _lastHbSent.AsSpan().SequenceEqual(other._lastHbSent)
            && ViewsEqual(_views, other._views) && _tally.AsSpan().SequenceEqual(other._tally);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ElectorSnapshot other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>A one-line rendering for reports: role, epoch, primary, offset, timers, views and tally.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{NodeId} {Role.ToWire()} epoch={Epoch} primary={CurrentPrimary ?? "-"} offset={ReplOffset}");
        if (VotedEpoch is { } voted) text.Append(CultureInfo.InvariantCulture, $" voted={voted}");
        if (FirstTick is { } first) text.Append(CultureInfo.InvariantCulture, $" first={Us(first)}");
        if (OfferAt is { } offer) text.Append(CultureInfo.InvariantCulture, $" offer={Us(offer)}");
        if (BackoffUntil is { } until) text.Append(CultureInfo.InvariantCulture, $" backoff={Us(until)}");
        if (LastVouch is { } vouch) text.Append(CultureInfo.InvariantCulture, $" vouched={Us(vouch)}");
        foreach (var (peer, view) in _views)
            text.Append(CultureInfo.InvariantCulture, $" view[{peer}]={Us(view.LastHeartbeat)}/{view.Epoch}/{view.Role.ToWire()}/{view.ReplOffset}");
        if (_tally.Length > 0) text.Append(" tally={").Append(string.Join(',', _tally)).Append('}');
        return text.ToString();
    }

    private static string Us(TimeSpan time) => ((long)time.TotalMicroseconds).ToString(CultureInfo.InvariantCulture) + "us";

    private static bool ViewsEqual(KeyValuePair<string, PeerView>[] a, KeyValuePair<string, PeerView>[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (a[i].Key != b[i].Key || a[i].Value != b[i].Value) return false;
        return true;
    }

    private int ComputeHash()
    {
        var hash = new HashCode();
        hash.Add(NodeId);
        hash.Add(Role);
        hash.Add(Epoch);
        hash.Add(CurrentPrimary);
        hash.Add(ReplOffset);
        hash.Add(FirstTick);
        hash.Add(OfferAt);
        hash.Add(BackoffUntil);
        hash.Add(LastVouch);
        hash.Add(VotedEpoch);
        hash.Add(LastNow);
        hash.Add(LastTick);
        foreach (var sent in _lastHbSent) hash.Add(sent);
        foreach (var (peer, view) in _views)
        {
            hash.Add(peer);
            hash.Add(view);
        }
        foreach (var voter in _tally) hash.Add(voter);
        return hash.ToHashCode();
    }
}
