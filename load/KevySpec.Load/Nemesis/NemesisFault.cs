namespace KevySpec.Load.Nemesis;

/// <summary>
/// One planned fault: which routes block which peers, which bridge ports go down, which processes are
/// paused or killed, and what the runner should expect of it.
/// </summary>
/// <param name="Kind">The kind of fault.</param>
/// <param name="Blocks">Routes to add: in <c>From</c>'s namespace, <c>To</c>'s address is blocked as <c>How</c>.</param>
/// <param name="Disconnected">Nodes whose bridge port goes down.</param>
/// <param name="Paused">Nodes whose process is stopped.</param>
/// <param name="Killed">Nodes whose process is killed (and started again when the fault is repaired).</param>
/// <param name="Affected">Nodes cut off from the majority (their elections are explained by the fault).</param>
/// <param name="PrimaryLost">True when the fault takes the primary away from a majority, which must then elect a new one.</param>
/// <param name="Survivors">The connected majority that must fail over when <paramref name="PrimaryLost"/>; empty otherwise.</param>
/// <param name="Description">A short account for reports, e.g. <c>partition {n1,n2} | {n3,n4,n5}</c>.</param>
public sealed record NemesisFault(
    FaultKind Kind,
    IReadOnlyList<(string From, string To, IpCommands.Block How)> Blocks,
    IReadOnlyList<string> Disconnected,
    IReadOnlyList<string> Paused,
    IReadOnlyList<string> Killed,
    IReadOnlySet<string> Affected,
    bool PrimaryLost,
    IReadOnlyList<string> Survivors,
    string Description);
