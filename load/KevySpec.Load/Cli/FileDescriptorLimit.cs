using System.Runtime.InteropServices;

namespace KevySpec.Load.Cli;

/// <summary>What <see cref="FileDescriptorLimit.Ensure"/> found and did.</summary>
/// <param name="Text">For the report, e.g. <c>soft 1024 → 20412 (hard 20412), 20412 wanted</c>.</param>
/// <param name="Limit">The soft limit now in effect (null when unknown or not applicable).</param>
public sealed record FileDescriptorStatus(string Text, ulong? Limit);

/// <summary>
/// The open-file limit (<c>RLIMIT_NOFILE</c>). A cluster of N nodes in one process holds
/// N listeners and N×(N−1) connections with both ends in the process: about 2·N² sockets
/// (19,900 for 100 nodes), more than many default limits allow. The runner raises the soft limit
/// to what it wants (and the hard limit too when it may: with CAP_SYS_RESOURCE), and refuses to
/// start a cluster that cannot fit (the runtime aborts with "Out of memory." when it runs out).
/// </summary>
public static class FileDescriptorLimit
{
    private const int RlimitNofile = 7;

    // The runtime's own descriptors (epoll, pipes, assemblies, report files): about 90 measured.
    private const int RuntimeShare = 128;

    /// <summary>
    /// Descriptors a cluster of <paramref name="nodes"/> cannot do without: its listeners, both ends of
    /// every connection plus 5 % for connections being replaced during setup (4 % measured at 96 nodes),
    /// and the runtime's share.
    /// </summary>
    public static ulong Required(int nodes) => (ulong)(nodes + (long)Math.Ceiling(2.1 * nodes * (nodes - 1)) + RuntimeShare);

    /// <summary>Descriptors asked for: <see cref="Required"/> plus room for reconnections.</summary>
    public static ulong Wanted(int nodes) => Required(nodes) + 384;

    /// <summary>The largest cluster that fits in <paramref name="limit"/> descriptors.</summary>
    public static int MaxNodes(ulong limit)
    {
        var nodes = 1;
        while (Required(nodes + 1) <= limit) nodes++;
        return nodes;
    }

    /// <summary>Raises the limit towards <see cref="Wanted"/> where possible and says what it is now.</summary>
    public static FileDescriptorStatus Ensure(int nodes)
    {
        var wanted = Wanted(nodes);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return new("not applicable on this OS", null);
        try
        {
            var limit = new RLimit();
            if (GetRLimit(RlimitNofile, ref limit) != 0) return new($"unknown (getrlimit errno {Marshal.GetLastPInvokeError()})", null);
            if (limit.Current >= wanted) return new($"soft {limit.Current} (hard {limit.Maximum}), {wanted} wanted", limit.Current);
            var raised = new RLimit { Current = wanted, Maximum = Math.Max(limit.Maximum, wanted) };
            if (SetRLimit(RlimitNofile, ref raised) == 0)
                return new($"soft {limit.Current} → {wanted} (hard {raised.Maximum}), {wanted} wanted", wanted);
            // Not allowed to raise the hard limit (no CAP_SYS_RESOURCE): go as far as it allows.
            var capped = new RLimit { Current = limit.Maximum, Maximum = limit.Maximum };
            var now = SetRLimit(RlimitNofile, ref capped) == 0 ? capped.Current : limit.Current;
            return new($"soft {now} (hard {limit.Maximum}, not raisable here), {wanted} wanted", now);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new($"unknown ({e.GetType().Name})", null);
        }
    }

    /// <summary>Null when <paramref name="nodes"/> fit in <paramref name="status"/>'s limit, else why not and what to do.</summary>
    public static string? Problem(int nodes, FileDescriptorStatus status)
    {
        if (status.Limit is not { } limit || Required(nodes) <= limit) return null;
        return $"{nodes} nodes in one process need at least {Required(nodes)} open files ({nodes} listeners, "
            + $"{2L * nodes * (nodes - 1)} connection ends + 5 % during connection setup, the runtime's own) but the limit is {limit} and the hard limit cannot be raised here "
            + $"(that needs CAP_SYS_RESOURCE): raise it first (ulimit -Hn {Wanted(nodes)}; ulimit -n {Wanted(nodes)}), or run at most {MaxNodes(limit)} nodes";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, ref RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);
}
