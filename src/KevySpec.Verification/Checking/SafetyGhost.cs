namespace KevySpec.Checking;

/// <summary>
/// The history the safety invariants need beyond the electors' own state ("ghost" state): who won
/// each epoch, each node's highest epoch so far and every vote it cast, across restarts. It is part
/// of a model-checker state, so it is immutable and equatable; a step that changes nothing returns
/// the same instance.
/// </summary>
internal sealed class SafetyGhost : IEquatable<SafetyGhost>
{
    private readonly int _hash;

    private SafetyGhost((ulong Epoch, int Node)[] winners, ulong[] maxEpoch, (ulong Epoch, string Candidate, ulong Offset)[][] votes)
    {
        Winners = winners;
        MaxEpoch = maxEpoch;
        Votes = votes;
        var hash = new HashCode();
        foreach (var w in winners) hash.Add(w);
        foreach (var e in maxEpoch) hash.Add(e);
        foreach (var list in votes)
        {
            hash.Add(list.Length);
            foreach (var v in list) hash.Add(v);
        }
        _hash = hash.ToHashCode();
    }

    /// <summary>Self-announced winners, sorted by epoch.</summary>
    public (ulong Epoch, int Node)[] Winners { get; }

    /// <summary>Per node, the highest epoch it has had (0 before its first elector).</summary>
    public ulong[] MaxEpoch { get; }

    /// <summary>
    /// Per node, the votes it cast (its own candidacies included), sorted by epoch, each with the
    /// voter's offset when it voted (a candidacy: the offset its OFFER carried).
    /// </summary>
    public (ulong Epoch, string Candidate, ulong Offset)[][] Votes { get; }

    public static SafetyGhost Initial(int nodes)
    {
        var votes = new (ulong, string, ulong)[nodes][];
        for (var i = 0; i < nodes; i++) votes[i] = [];
        return new SafetyGhost([], new ulong[nodes], votes);
    }

    /// <summary>The node that won <paramref name="epoch"/>, or -1.</summary>
    public int WinnerOf(ulong epoch)
    {
        foreach (var (e, node) in Winners)
            if (e == epoch) return node;
        return -1;
    }

    /// <summary>Whom <paramref name="node"/> voted for in <paramref name="epoch"/>, or null.</summary>
    public string? VoteOf(int node, ulong epoch)
    {
        foreach (var (e, candidate, _) in Votes[node])
            if (e == epoch) return candidate;
        return null;
    }

    /// <summary>The offset <paramref name="node"/> had when it voted in <paramref name="epoch"/>, or null when it did not vote.</summary>
    public ulong? OffsetAtVote(int node, ulong epoch)
    {
        foreach (var (e, _, offset) in Votes[node])
            if (e == epoch) return offset;
        return null;
    }

    public SafetyGhost WithWinner(ulong epoch, int node)
    {
        var winners = new (ulong, int)[Winners.Length + 1];
        Winners.CopyTo(winners, 0);
        winners[^1] = (epoch, node);
        Array.Sort(winners);
        return new SafetyGhost(winners, MaxEpoch, Votes);
    }

    public SafetyGhost WithMaxEpoch(int node, ulong epoch)
    {
        if (MaxEpoch[node] == epoch) return this;
        var max = (ulong[])MaxEpoch.Clone();
        max[node] = epoch;
        return new SafetyGhost(Winners, max, Votes);
    }

    public SafetyGhost WithVote(int node, ulong epoch, string candidate, ulong offset)
    {
        var votes = ((ulong, string, ulong)[][])Votes.Clone();
        var list = new (ulong Epoch, string Candidate, ulong Offset)[Votes[node].Length + 1];
        Votes[node].CopyTo(list, 0);
        list[^1] = (epoch, candidate, offset);
        Array.Sort(list, static (a, b) => a.Epoch != b.Epoch ? a.Epoch.CompareTo(b.Epoch) : string.CompareOrdinal(a.Candidate, b.Candidate));
        votes[node] = list;
        return new SafetyGhost(Winners, MaxEpoch, votes);
    }

    public bool Equals(SafetyGhost? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash) return false;
        if (!Winners.AsSpan().SequenceEqual(other.Winners) || !MaxEpoch.AsSpan().SequenceEqual(other.MaxEpoch)) return false;
        for (var i = 0; i < Votes.Length; i++)
            if (!Votes[i].AsSpan().SequenceEqual(other.Votes[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is SafetyGhost other && Equals(other);

    public override int GetHashCode() => _hash;
}
