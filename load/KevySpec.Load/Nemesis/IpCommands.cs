namespace KevySpec.Load.Nemesis;

/// <summary>
/// The <c>ip</c> command lines of a nemesis lab, as argument lists: building the network,
/// and the faults it injects. Every command names the namespace it acts in (<c>-n</c>), so nothing is ever
/// added to the namespace the runner runs in.
/// </summary>
public static class IpCommands
{
    /// <summary>How a node's route to a peer is blocked.</summary>
    public enum Block
    {
        /// <summary><c>blackhole</c>: the node's packets to the peer are discarded (its own connects fail with EINVAL).</summary>
        Blackhole,

        /// <summary><c>prohibit</c>: the node's sends to the peer fail at once with EACCES.</summary>
        Prohibit,
    }

    /// <summary>Adds namespace <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> AddNamespace(string name) => ["netns", "add", name];

    /// <summary>Deletes namespace <paramref name="name"/> (its veth ends go with it).</summary>
    public static IReadOnlyList<string> DeleteNamespace(string name) => ["netns", "delete", name];

    /// <summary>Lists the named namespaces.</summary>
    public static IReadOnlyList<string> ListNamespaces() => ["netns", "list"];

    /// <summary>Lists the process ids inside namespace <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Pids(string name) => ["netns", "pids", name];

    /// <summary>
    /// Builds the switch and the links of <paramref name="ids"/> (namespaces already added): the bridge, then per
    /// node a veth pair created inside the node's namespace with its peer end in the switch, enslaved to the
    /// bridge, and the node's address on its end. Loopback up everywhere.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Wire(LabNames names, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(ids);
        var sw = names.Switch;
        var commands = new List<IReadOnlyList<string>>
        {
            new[] { "-n", sw, "link", "set", "lo", "up" },
            new[] { "-n", sw, "link", "add", LabNames.Bridge, "type", "bridge" },
            new[] { "-n", sw, "link", "set", LabNames.Bridge, "up" },
        };
        for (var i = 0; i < ids.Count; i++)
        {
            var ns = names.Namespace(ids[i]);
            var port = LabNames.SwitchPort(ids[i]);
            commands.Add(["-n", ns, "link", "set", "lo", "up"]);
            commands.Add(["-n", ns, "link", "add", LabNames.NodeLink, "type", "veth", "peer", "name", port, "netns", sw]);
            commands.Add(["-n", sw, "link", "set", port, "master", LabNames.Bridge]);
            commands.Add(["-n", sw, "link", "set", port, "up"]);
            commands.Add(["-n", ns, "addr", "add", $"{LabNames.Address(i)}/24", "dev", LabNames.NodeLink]);
            commands.Add(["-n", ns, "link", "set", LabNames.NodeLink, "up"]);
        }
        return commands;
    }

    /// <summary>Adds (or, <paramref name="add"/> false, deletes) the route in namespace <paramref name="ns"/> that blocks <paramref name="peer"/>'s address.</summary>
    public static IReadOnlyList<string> Route(string ns, System.Net.IPAddress peer, Block block, bool add) =>
        ["-n", ns, "route", add ? "add" : "delete", block == Block.Blackhole ? "blackhole" : "prohibit", $"{peer}/32"];

    /// <summary>Sets node <paramref name="id"/>'s bridge port down (its link loses carrier: its packets vanish silently) or up.</summary>
    public static IReadOnlyList<string> SwitchPort(LabNames names, string id, bool up) =>
        ["-n", names.Switch, "link", "set", LabNames.SwitchPort(id), up ? "up" : "down"];
}
