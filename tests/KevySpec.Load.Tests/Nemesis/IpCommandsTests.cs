using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

public class IpCommandsTests
{
    private static readonly LabNames Names = LabNames.For(77, 1);
    private static readonly string[] Ids = ["n1", "n2", "n3"];

    [Fact]
    public void Wiring_acts_only_inside_the_labs_namespaces()
    {
        var commands = IpCommands.Wire(Names, Ids);

        var labNamespaces = new[] { Names.Switch }.Concat(Ids.Select(Names.Namespace)).ToHashSet();
        Assert.All(commands, c =>
        {
            Assert.Equal("-n", c[0]);
            Assert.Contains(c[1], labNamespaces);
        });
        // Each veth pair is born inside its node's namespace with its peer end in the switch: never in the runner's namespace.
        foreach (var id in Ids)
            Assert.Contains(commands, c => c.SequenceEqual(["-n", Names.Namespace(id), "link", "add", "eth0", "type", "veth", "peer", "name", $"p-{id}", "netns", Names.Switch]));
    }

    [Fact]
    public void Each_node_gets_its_address_on_its_own_link_and_its_port_joins_the_bridge()
    {
        var commands = IpCommands.Wire(Names, Ids);

        Assert.Contains(commands, c => c.SequenceEqual(["-n", Names.Namespace("n2"), "addr", "add", "198.18.0.2/24", "dev", "eth0"]));
        Assert.Contains(commands, c => c.SequenceEqual(["-n", Names.Switch, "link", "set", "p-n3", "master", "br0"]));
        Assert.Contains(commands, c => c.SequenceEqual(["-n", Names.Switch, "link", "add", "br0", "type", "bridge"]));
        Assert.Equal(Ids.Length, commands.Count(c => c.Contains("addr")));
        // The bridge exists before any port joins it.
        var bridge = commands.ToList().FindIndex(c => c.Contains("bridge"));
        Assert.True(bridge < commands.ToList().FindIndex(c => c.Contains("master")));
    }

    [Fact]
    public void Routes_block_one_address_in_one_namespace()
    {
        var address = LabNames.Address(2);

        Assert.Equal(["-n", "ns-a", "route", "add", "blackhole", "198.18.0.3/32"], IpCommands.Route("ns-a", address, IpCommands.Block.Blackhole, add: true));
        Assert.Equal(["-n", "ns-a", "route", "delete", "prohibit", "198.18.0.3/32"], IpCommands.Route("ns-a", address, IpCommands.Block.Prohibit, add: false));
    }

    [Fact]
    public void Ports_are_set_in_the_switch()
    {
        Assert.Equal(["-n", Names.Switch, "link", "set", "p-n2", "down"], IpCommands.SwitchPort(Names, "n2", up: false));
    }
}
