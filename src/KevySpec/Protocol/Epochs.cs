namespace KevySpec;

/// <summary>
/// The range of an epoch. Epochs are u64 everywhere: on the wire (a decimal u64; a larger number is
/// <see cref="Wire.DecodeError.BadNumeric"/>), in <c>elect.meta</c>, and in the elector.
/// </summary>
/// <remarks>
/// An epoch never wraps and never goes back. A node whose epoch reached <see cref="Ceiling"/> (any
/// member may claim it in a heartbeat, an OFFER or an ANNOUNCE) follows, votes for and announces as
/// usual up to it, but never stands again: an OFFER at the ceiling could never be newer for a voter
/// already there, and standing twice in the ceiling epoch could elect two primaries in it. Both spec
/// tables therefore refuse a candidacy there (<c>epoch-exhausted</c>, <c>live-epoch-exhausted</c>);
/// the cluster keeps the primary it has, and an operator resets the epochs (deleting every node's
/// <c>elect.meta</c>) to elect again.
/// </remarks>
public static class Epochs
{
    /// <summary>The highest epoch: <see cref="ulong.MaxValue"/> (18446744073709551615).</summary>
    public const ulong Ceiling = ulong.MaxValue;

    /// <summary>The epoch after <paramref name="epoch"/>, saturating: <see cref="Ceiling"/> stays <see cref="Ceiling"/> (never wraps to 0).</summary>
    public static ulong Next(ulong epoch) => epoch == Ceiling ? Ceiling : epoch + 1;
}
