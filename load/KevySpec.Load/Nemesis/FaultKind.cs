namespace KevySpec.Load.Nemesis;

/// <summary>What a nemesis fault does (<c>--faults</c> names in <see cref="FaultKinds"/>).</summary>
public enum FaultKind
{
    /// <summary>A minority and the rest lose each other: blackhole routes on both sides.</summary>
    Partition,

    /// <summary>One side's routes to the other side are prohibited, the other side's left alone.</summary>
    OneWay,

    /// <summary>The primary's bridge port goes down: its packets and its peers' vanish silently.</summary>
    IsolatePrimary,

    /// <summary>A majority ring: every node keeps routes to its two ring neighbours only.</summary>
    Ring,

    /// <summary>A node's process is stopped (SIGSTOP) and later continued (SIGCONT).</summary>
    Pause,

    /// <summary>A node's process is killed (SIGKILL) and later started again on its data directory.</summary>
    Kill,
}

/// <summary>The command-line names of <see cref="FaultKind"/>.</summary>
public static class FaultKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<FaultKind> All { get; } = Enum.GetValues<FaultKind>();

    /// <summary>The name of <paramref name="kind"/>: <c>partition</c>, <c>one-way</c>, <c>isolate-primary</c>, <c>ring</c>, <c>pause</c>, <c>kill</c>.</summary>
    public static string NameOf(FaultKind kind) => kind switch
    {
        FaultKind.Partition => "partition",
        FaultKind.OneWay => "one-way",
        FaultKind.IsolatePrimary => "isolate-primary",
        FaultKind.Ring => "ring",
        FaultKind.Pause => "pause",
        FaultKind.Kill => "kill",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static FaultKind? Find(string name) => All.Select(k => (FaultKind?)k).FirstOrDefault(k => NameOf(k!.Value) == name);

    /// <summary>The fewest members a kind needs: a ring needs 4 (with 3 every node neighbours every other).</summary>
    public static int MinimumMembers(FaultKind kind) => kind == FaultKind.Ring ? 4 : 3;
}
