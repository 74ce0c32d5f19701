using KevySpec.Load.Safety;

namespace KevySpec.Load.Runner;

/// <summary>One election: a node stood (saved a vote for itself at a new epoch).</summary>
/// <param name="NodeId">The candidate.</param>
/// <param name="Epoch">The epoch it stood for.</param>
/// <param name="At">Run time of its candidacy save.</param>
/// <param name="Spurious">True when no fault explains it.</param>
/// <param name="Startup">True when it happened before the cluster first converged (not counted as spurious or in <c>elections</c>).</param>
public sealed record ElectionRecord(string NodeId, ulong Epoch, TimeSpan At, bool Spurious, bool Startup);

/// <summary>
/// Counts elections from the nodes' saves and sorts out the spurious ones: an election is
/// explained when it falls in a fault window (start → end + <see cref="SettleAllowance"/>) that
/// cut the primary off, or cut off the candidate itself, or had already been repaired (returning
/// nodes may make anyone stand).
/// </summary>
public sealed class ElectionLedger(TimeSpan settleAllowance)
{
    private readonly Lock _gate = new();
    private readonly List<FaultWindow> _windows = [];
    private readonly List<(string NodeId, ulong Epoch, TimeSpan At)> _candidacies = [];
    private TimeSpan? _measuredFrom;

    /// <summary>
    /// How long after a repair elections are still blamed on the fault: a node may still be backing
    /// off or timing out a candidacy (down_after + election_timeout + backoff + its jitter + a heartbeat).
    /// </summary>
    public TimeSpan SettleAllowance { get; } = settleAllowance;

    /// <summary>The settle allowance for <paramref name="config"/>.</summary>
    public static TimeSpan AllowanceFor(ElectConfig config) =>
        config.DownAfter + config.ElectionTimeout + config.ElectionBackoff + config.ElectionBackoffJitter + config.HbInterval;

    /// <summary>From <paramref name="at"/> on, elections count (before it they are startup elections).</summary>
    public void StartMeasuring(TimeSpan at)
    {
        lock (_gate) _measuredFrom = at;
    }

    /// <summary>Opens a fault window.</summary>
    public void Open(FaultWindow window)
    {
        lock (_gate) _windows.Add(window);
    }

    /// <summary>Notes that the fault of <paramref name="window"/> is being repaired at <paramref name="at"/>.</summary>
    public void Repair(FaultWindow window, TimeSpan at)
    {
        lock (_gate) window.Repaired = at;
    }

    /// <summary>Closes a fault window at <paramref name="at"/>.</summary>
    public void Close(FaultWindow window, TimeSpan at)
    {
        lock (_gate) window.End = at;
    }

    /// <summary>Notes a save; a vote for itself that raises the node's epoch is a candidacy.</summary>
    public void OnSave(SaveEvent save)
    {
        if (save.Vote.VotedFor != save.NodeId || save.Vote.Epoch <= save.EpochBefore) return;
        lock (_gate) _candidacies.Add((save.NodeId, save.Vote.Epoch, save.At));
    }

    /// <summary>Every election so far, classified against the windows known now.</summary>
    public IReadOnlyList<ElectionRecord> Elections()
    {
        lock (_gate)
            return [.. _candidacies.Select(c => Classify(c.NodeId, c.Epoch, c.At))];
    }

    /// <summary>Elections (after the measured start) between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public int CountBetween(TimeSpan from, TimeSpan to)
    {
        lock (_gate) return _candidacies.Count(c => c.At >= from && c.At <= to && (_measuredFrom is not { } m || c.At >= m));
    }

    private ElectionRecord Classify(string nodeId, ulong epoch, TimeSpan at)
    {
        if (_measuredFrom is not { } measured || at < measured) return new(nodeId, epoch, at, false, true);
        var explained = _windows.Any(w =>
            at >= w.Start
            && (w.End is not { } end || at <= end + SettleAllowance)
            && (w.TouchesPrimary || w.Affected.Contains(nodeId) || (w.Repaired is { } repaired && at >= repaired)));
        return new(nodeId, epoch, at, !explained, false);
    }
}
