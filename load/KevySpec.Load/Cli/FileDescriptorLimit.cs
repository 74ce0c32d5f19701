using System.Runtime.InteropServices;

namespace KevySpec.Load.Cli;

/// <summary>What <see cref="FileDescriptorLimit.Ensure"/> found and did.</summary>
/// <param name="Text">For the report, e.g. <c>soft 1024 → 20412 (hard 20412), 20412 wanted</c>.</param>
/// <param name="Limit">The soft limit now in effect (null when unknown or not applicable).</param>
public sealed record FileDescriptorStatus(string Text, ulong? Limit);

/// <summary>
/// The open-file limit (<c>RLIMIT_NOFILE</c>). A process hosting k of a cluster's N nodes holds k
/// listeners and both ends of k×(N−1) outbound connections (its nodes' own, and those its nodes accept):
/// about 2·k·N sockets, 19,900 when one process hosts all of 100 nodes, more than many default
/// limits allow. The runner and each node host raise the soft limit to what they want (and the hard
/// limit too when they may: with CAP_SYS_RESOURCE), and the runner refuses a layout that cannot fit
/// (the runtime aborts with "Out of memory." when it runs out): spread the nodes over more hosts.
/// </summary>
public static class FileDescriptorLimit
{
    private const int RlimitNofile = 7;

    // The runtime's own descriptors (epoll, pipes, assemblies, report files): about 90 measured.
    private const int RuntimeShare = 128;

    /// <summary>
    /// Descriptors a process hosting <paramref name="hosted"/> of <paramref name="members"/> nodes cannot do
    /// without: its listeners, both ends of every connection of its nodes plus 5 % for connections being
    /// replaced during setup (4 % measured at 96 nodes), and the runtime's share.
    /// </summary>
    public static ulong Required(int hosted, int members) => (ulong)(hosted + (long)Math.Ceiling(2.1 * hosted * (members - 1)) + RuntimeShare);

    /// <summary>Descriptors asked for: <see cref="Required"/> plus room for reconnections.</summary>
    public static ulong Wanted(int hosted, int members) => Required(hosted, members) + 384;

    /// <summary>The most of <paramref name="members"/> nodes one process can host within <paramref name="limit"/> descriptors.</summary>
    public static int MaxHosted(ulong limit, int members)
    {
        var hosted = 0;
        while (hosted < members && Required(hosted + 1, members) <= limit) hosted++;
        return hosted;
    }

    /// <summary>Raises the limit towards <see cref="Wanted"/> where possible and says what it is now.</summary>
    public static FileDescriptorStatus Ensure(int hosted, int members)
    {
        var wanted = Wanted(hosted, members);
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

    /// <summary>
    /// Null when a process hosting <paramref name="hosted"/> of <paramref name="members"/> nodes fits in
    /// <paramref name="status"/>'s limit, else why not and what to do.
    /// </summary>
    public static string? Problem(int hosted, int members, FileDescriptorStatus status)
    {
        if (status.Limit is not { } limit || Required(hosted, members) <= limit) return null;
        var perHost = Math.Max(1, MaxHosted(limit, members));
        var hosts = (members + perHost - 1) / perHost;
        return $"{hosted} of {members} nodes in one process need at least {Required(hosted, members)} open files ({hosted} listeners, "
            + $"{2L * hosted * (members - 1)} connection ends + 5 % during connection setup, the runtime's own) but the limit is {limit} and the hard limit cannot be raised here "
            + $"(that needs CAP_SYS_RESOURCE): spread the nodes over more processes (--hosts {hosts} or more), or raise the limit first (ulimit -Hn {Wanted(hosted, members)})";
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
