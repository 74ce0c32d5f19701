using System.Runtime.InteropServices;

namespace KevySpec.Checking;

/// <summary>
/// The model checker's time abstraction. Every step happens at one fixed instant, the present;
/// when time passes, every instant an elector remembers moves back instead, and instants old enough
/// that no guard can tell them apart any more are merged. So two states that differ only in how long
/// ago something happened, beyond every threshold, are one state, and the state space is finite.
/// </summary>
/// <remarks>
/// The merges rely on how the vocabulary reads each instant (Elector.Guards.cs): the last HB sent
/// to a peer matters only while younger than hb_interval (older ≡ never sent: an HB is due); a
/// view matters only while younger than down_after (older ≡ no view: DOWN, not counted, not a rival);
/// the first tick only until down_after has passed, the OFFER instant only until down_after +
/// election_timeout has, the last heartbeat or ACCEPT sent (leases-lapsed) only while younger than
/// lease_lapse, and a backoff deadline only until it passes. Views are read at write_lease and
/// quiet_after too, both below down_after, so keeping them exactly until down_after covers them. The two instants only <c>NextTickAt</c> reads
/// are zero. A guard that reads an instant differently must extend this class.
/// </remarks>
internal sealed class AbstractTime(ElectConfig config)
{
    /// <summary>The instant every step runs at; far enough from zero that no instant goes negative.</summary>
    public static TimeSpan Present { get; } = TimeSpan.FromHours(1);

    /// <summary>The snapshot as it is after <paramref name="elapsed"/> has passed with no step.</summary>
    public ElectorSnapshot Shift(ElectorSnapshot s, TimeSpan elapsed)
    {
        var now = Present + elapsed;
        var firstTick = s.FirstTick is { } first ? Back(Max(first, now - config.DownAfter), elapsed) : (TimeSpan?)null;
        var offerAt = s.OfferAt is { } offer ? Back(Max(offer, now - config.DownAfter - config.ElectionTimeout), elapsed) : (TimeSpan?)null;
        var backoff = s.BackoffUntil is { } until && until > now ? Back(until, elapsed) : (TimeSpan?)null;
        var vouch = s.LastVouch is { } vouched && now - vouched < config.LeaseLapse ? Back(vouched, elapsed) : (TimeSpan?)null;

        TimeSpan?[] sent = [.. s.LastHbSent];
        for (var i = 0; i < sent.Length; i++)
            if (sent[i] is { } at) sent[i] = now - at >= config.HbInterval ? null : Back(at, elapsed);

        var views = new List<KeyValuePair<string, PeerView>>(s.Views.Count);
        foreach (var (peer, view) in s.Views)
            if (Freshness.IsFresh(view, now, config))
                views.Add(new(peer, view with { LastHeartbeat = Back(view.LastHeartbeat, elapsed) }));

        return s.WithInstants(firstTick, offerAt, backoff, vouch, sent, CollectionsMarshal.AsSpan(views));
    }

    private static TimeSpan Back(TimeSpan at, TimeSpan elapsed) => at - elapsed;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
