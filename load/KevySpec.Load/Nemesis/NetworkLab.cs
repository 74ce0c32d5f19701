using System.Globalization;
using System.Net;

namespace KevySpec.Load.Nemesis;

/// <summary>
/// One nemesis run's network: a switch namespace with a bridge and one namespace per node, linked by veth
/// pairs created inside those namespaces, with addresses that exist only there (<see cref="LabNames"/>). It
/// injects network faults with routes and bridge ports, and deletes everything it made when disposed — also
/// when the process exits without disposing it (it then kills whatever still runs inside first).
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private static int _runs;
    private readonly List<string> _namespaces = [];
    private readonly HashSet<(string From, string To, IpCommands.Block How)> _routes = [];
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly EventHandler _onExit;
    private int _disposed;

    private NetworkLab(LabNames names, IReadOnlyList<string> ids)
    {
        Names = names;
        Ids = ids;
        _onExit = (_, _) => DeleteNow();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>The run's names.</summary>
    public LabNames Names { get; }

    /// <summary>The node ids, in member order (the order of their addresses).</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Every namespace created so far, the switch first.</summary>
    public IReadOnlyList<string> Namespaces { get { lock (_namespaces) return [.. _namespaces]; } }

    /// <summary>Why network namespaces cannot be used here (one line), or null when they can: tries a namespace with a veth pair.</summary>
    public static async Task<string?> MissingReasonAsync()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (!Environment.IsPrivilegedProcess) return "network namespaces need root (the runner is not running as root)";
        var probe = $"{LabNames.For(Environment.ProcessId, 0).Prefix}-probe";
        try
        {
            await IpTool.IpAsync(IpCommands.AddNamespace(probe)).ConfigureAwait(false);
        }
        catch (LabException e)
        {
            return $"cannot create a network namespace: {e.Message}";
        }
        try
        {
            await IpTool.IpAsync(["-n", probe, "link", "add", "probe0", "type", "veth", "peer", "name", "probe1"]).ConfigureAwait(false);
            return null;
        }
        catch (LabException e)
        {
            return $"cannot create a veth pair: {e.Message}";
        }
        finally
        {
            IpTool.TryIp(IpCommands.DeleteNamespace(probe));
        }
    }

    /// <summary>
    /// Deletes the namespaces an earlier nemesis run left behind: names of <see cref="LabNames.Family"/> whose owner
    /// process is gone (killing what still runs inside, e.g. a node host that was paused when its runner died).
    /// </summary>
    /// <returns>The namespaces deleted.</returns>
    public static async Task<IReadOnlyList<string>> SweepStaleAsync()
    {
        var deleted = new List<string>();
        foreach (var name in await ListAsync().ConfigureAwait(false))
        {
            if (LabNames.OwnerOf(name) is not { } owner || IsAlive(owner)) continue;
            KillInside(name);
            if (IpTool.TryIp(IpCommands.DeleteNamespace(name))) deleted.Add(name);
        }
        return deleted;
    }

    /// <summary>The named network namespaces now.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync()
    {
        var text = await IpTool.IpAsync(IpCommands.ListNamespaces()).ConfigureAwait(false);
        // Lines look like "name" or "name (id: 3)".
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')[0])];
    }

    /// <summary>Builds a lab for <paramref name="ids"/>.</summary>
    /// <exception cref="LabException">A command failed; what was made is deleted again.</exception>
    public static async Task<NetworkLab> CreateAsync(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > LabNames.MaxNodes) throw new ArgumentException($"a lab holds at most {LabNames.MaxNodes} nodes", nameof(ids));
        var lab = new NetworkLab(LabNames.For(Environment.ProcessId, Interlocked.Increment(ref _runs)), ids);
        try
        {
            foreach (var name in (string[])[lab.Names.Switch, .. ids.Select(lab.Names.Namespace)])
            {
                await IpTool.IpAsync(IpCommands.AddNamespace(name)).ConfigureAwait(false);
                lock (lab._namespaces) lab._namespaces.Add(name);
            }
            foreach (var command in IpCommands.Wire(lab.Names, ids)) await IpTool.IpAsync(command).ConfigureAwait(false);
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return lab;
    }

    /// <summary>Node <paramref name="id"/>'s listen endpoint: its address in its namespace, <see cref="LabNames.Port"/>.</summary>
    public IPEndPoint EndpointOf(string id)
    {
        for (var i = 0; i < Ids.Count; i++)
            if (Ids[i] == id) return new IPEndPoint(LabNames.Address(i), LabNames.Port);
        throw new ArgumentException($"'{id}' is not a node of this lab", nameof(id));
    }

    /// <summary>Adds the fault's routes and takes its bridge ports down.</summary>
    public async Task ApplyAsync(NemesisFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        foreach (var block in fault.Blocks)
        {
            await IpTool.IpAsync(IpCommands.Route(Names.Namespace(block.From), EndpointOf(block.To).Address, block.How, add: true)).ConfigureAwait(false);
            lock (_routes) _routes.Add(block);
        }
        foreach (var id in fault.Disconnected)
        {
            await IpTool.IpAsync(IpCommands.SwitchPort(Names, id, up: false)).ConfigureAwait(false);
            lock (_routes) _down.Add(id);
        }
    }

    /// <summary>Removes every route and brings up every bridge port the faults so far added or took down.</summary>
    public async Task HealAsync()
    {
        (string From, string To, IpCommands.Block How)[] routes;
        string[] down;
        lock (_routes)
        {
            routes = [.. _routes];
            down = [.. _down];
        }
        foreach (var id in down)
        {
            await IpTool.IpAsync(IpCommands.SwitchPort(Names, id, up: true)).ConfigureAwait(false);
            lock (_routes) _down.Remove(id);
        }
        foreach (var block in routes)
        {
            await IpTool.IpAsync(IpCommands.Route(Names.Namespace(block.From), EndpointOf(block.To).Address, block.How, add: false)).ConfigureAwait(false);
            lock (_routes) _routes.Remove(block);
        }
    }

    /// <summary>Deletes every namespace of the lab (the veth pairs and the bridge go with them).</summary>
    public ValueTask DisposeAsync()
    {
        DeleteNow();
        return ValueTask.CompletedTask;
    }

    // Synchronous, so that it also works from ProcessExit. Nodes still inside (a paused host) are killed first.
    private void DeleteNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        string[] names;
        lock (_namespaces) names = [.. _namespaces];
        foreach (var name in names.Reverse())
        {
            KillInside(name);
            IpTool.TryIp(IpCommands.DeleteNamespace(name));
        }
        lock (_namespaces) _namespaces.Clear();
    }

    private static void KillInside(string name)
    {
        foreach (var pid in PidsInside(name))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
    }

    private static IEnumerable<int> PidsInside(string name)
    {
        // /proc/<pid>/ns/net of every process would do too; `ip netns pids` is what iproute2 offers.
        var info = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in IpCommands.Pids(name)) info.ArgumentList.Add(argument);
        string text;
        try
        {
            using var process = System.Diagnostics.Process.Start(info);
            if (process is null) return [];
            text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .ToArray();
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
}
