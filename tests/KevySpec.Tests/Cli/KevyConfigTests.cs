using System.Net;
using KevySpec.Cli.Node;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Cli;

// A kevy server's own configuration, read by `kevyspec node` as the kevy server sets up its elector.
public sealed class KevyConfigTests
{
    private const string BaseDir = "/srv/kevy";

    private const string Full = """
        [server]
        bind = "127.0.0.1"
        port = 6004
        data_dir = "data/n1"
        threads = 4

        [persistence]
        aof = false

        [replication]
        role = "primary"

        [cluster]
        node_id = "n1"
        peers = "n1@127.0.0.1:6204:6004, n2@127.0.0.2:6214:6014:17000 ,n3@localhost:6224,"
        """;

    [Fact]
    public void Every_setting_maps_as_the_kevy_server_maps_it()
    {
        var config = NodeConfigReader.Parse(Full, BaseDir);

        Assert.Equal("n1", config.NodeId);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6204), config.Listen);          // server.port + 200
        Assert.Equal(["n2", "n3"], config.Peers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 6214), config.Peers["n2"]);   // the first port: the election port
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6224), config.Peers["n3"]);
        Assert.Equal(["n1", "n2", "n3"], config.Members);
        Assert.Equal(Role.Replica, config.StartRole);                                   // role = "primary" is a preference
        Assert.Equal(ElectConfig.Default, config.Config);                              // kevy has no timing keys
        Assert.Equal("127.0.0.1:6004", config.AdvertisedAddr);                          // bind:port, the data address
        Assert.Equal(Path.GetFullPath("data/n1", BaseDir), config.DataDir);
        Assert.Null(config.AuthSecret);
        Assert.Contains(config.Notes, note => note.Contains("election address 127.0.0.1:6204 (server.port 6004 + 200)", StringComparison.Ordinal));
        Assert.Contains(config.Notes, note => note.Contains("starting as replica until elected", StringComparison.Ordinal));
    }

    [Fact]
    public void Elect_port_base_names_the_election_port_and_every_other_key_has_kevys_default()
    {
        var config = NodeConfigReader.Parse("[cluster]\nnode_id = \"b\"\nelect_port_base = 7300\npeers = \"a@127.0.0.1:7200,b@127.0.0.1:7300\"\n", BaseDir);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7300), config.Listen);
        Assert.Equal("127.0.0.1:6004", config.AdvertisedAddr);           // [server] absent: bind 127.0.0.1, port 6004
        Assert.Equal(Path.GetFullPath(BaseDir), config.DataDir);         // data_dir "."
        Assert.Equal(Role.Replica, config.StartRole);
        Assert.Single(config.Notes);                                      // no role note: [replication] role is standalone
    }

    [Fact]
    public void Elect_port_base_zero_means_the_default_and_peers_may_be_an_array()
    {
        var config = NodeConfigReader.Parse(
            "[server]\nport = 7000\n[cluster]\nnode_id = \"a\"\nelect_port_base = 0\npeers = [\"a@127.0.0.1:7200\", \"b@127.0.0.1:7300,c@127.0.0.1:7400\"]\n", BaseDir);

        Assert.Equal(7200, config.Listen.Port);
        Assert.Equal(["a", "b", "c"], config.Members);
    }

    [Fact]
    public void The_kevy_samples_map_to_one_consistent_cluster()
    {
        Assert.NotNull(RepoPaths.Root);
        var folder = Path.Combine(RepoPaths.Root, "examples", "kevy");
        var configs = new[] { "n1", "n2", "n3" }.Select(id => NodeConfigReader.Parse(File.ReadAllText(Path.Combine(folder, $"{id}.toml")), folder)).ToList();

        Assert.Equal([6204, 6214, 6224], configs.Select(c => c.Listen.Port));
        foreach (var config in configs)
        {
            Assert.Equal(["n1", "n2", "n3"], config.Members);
            Assert.Equal(Role.Replica, config.StartRole);
            foreach (var other in configs.Where(c => c != config))
                Assert.Equal(other.Listen, config.Peers[other.NodeId]);   // every file dials each member where it listens
        }
        Assert.Equal(Path.Combine(folder, "data", "n2"), configs[1].DataDir);
    }

    [Fact]
    public void The_projects_own_format_is_still_read()
    {
        Assert.NotNull(RepoPaths.Root);
        var folder = Path.Combine(RepoPaths.Root, "examples", "cluster");
        var config = NodeConfigReader.Parse(File.ReadAllText(Path.Combine(folder, "n1.toml")), folder);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7101), config.Listen);
        Assert.Equal(Role.Primary, config.StartRole);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), config.Config.DownAfter);
        Assert.Empty(config.Notes);
    }

    private const string Peers3 = "peers = \"n1@127.0.0.1:6204,n2@127.0.0.1:6214,n3@127.0.0.1:6224\"\n";

    [Theory]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:6214\"\nhb_interval_ms = 100\n", 4, "cluster.hb_interval_ms", "unknown key in a kevy server's [cluster]")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:6214\"\nlisten = \"127.0.0.1:1\"\n", 4, "cluster.listen", "unknown key")]
    [InlineData("[cluster]\n" + Peers3, 1, "cluster.node_id", "is missing")]
    [InlineData("[cluster]\nnode_id = \"a b\"\n" + Peers3, 2, "cluster.node_id", "must be printable ASCII")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2-127.0.0.1:6214\"\n", 3, "cluster.peers", "'n2-127.0.0.1:6214' is not id@host:elect_port")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,@127.0.0.1:6214\"\n", 3, "cluster.peers", "in '@127.0.0.1:6214': a node id must not be empty")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@:6214\"\n", 3, "cluster.peers", "'n2@:6214' has no host")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1\"\n", 3, "cluster.peers", "'n2@127.0.0.1' has 0 ports")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:1:2:3:4\"\n", 3, "cluster.peers", "has 4 ports")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:70000\"\n", 3, "cluster.peers", "port '70000' in 'n2@127.0.0.1:70000' is not a number from 1 to 65535")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:0\"\n", 3, "cluster.peers", "port '0' in 'n2@127.0.0.1:0'")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:6214:x\"\n", 3, "cluster.peers", "port 'x' in 'n2@127.0.0.1:6214:x' is not a number from 0 to 65535")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@db2.internal:6214\"\n", 3, "cluster.peers", "host 'db2.internal' in 'n2@db2.internal:6214' is not an IP address")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:6214,n2@127.0.0.1:6224\"\n", 3, "cluster.peers", "node id 'n2' is listed twice")]
    [InlineData("[cluster]\nnode_id = \"n4\"\n" + Peers3, 3, "cluster.peers", "does not list this node 'n4'")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6205,n2@127.0.0.1:6214\"\n", 3, "cluster.peers", "lists this node 'n1' at election port 6205, but this file gives it 6204 (server.port 6004 + 200)")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204\"\n", 3, "cluster.peers", "lists no other member")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \" , \"\n", 3, "cluster.peers", "lists no member")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = [\"n1@127.0.0.1:6204\", 7]\n", 3, "cluster.peers", "every item must be a string")]
    [InlineData("[server]\nport = 65400\n[cluster]\nnode_id = \"n1\"\n" + Peers3, 2, "server.port", "65400 + 200 = 65600 is not a port")]
    [InlineData("[server]\nport = 0\n[cluster]\nnode_id = \"n1\"\n" + Peers3, 2, "server.port", "must be a port from 1 to 65535 (got 0)")]
    [InlineData("[server]\nport = \"6004\"\n[cluster]\nnode_id = \"n1\"\n" + Peers3, 2, "server.port", "must be an integer (got the string \"6004\")")]
    [InlineData("[server]\nbind = \"localhost\"\n[cluster]\nnode_id = \"n1\"\n" + Peers3, 2, "server.bind", "'localhost' is not a dotted-quad IPv4 address")]
    [InlineData("[server]\ndata_dir = \" \"\n[cluster]\nnode_id = \"n1\"\n" + Peers3, 2, "server.data_dir", "must not be empty")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nelect_port_base = 70000\n" + Peers3, 3, "cluster.elect_port_base", "must be a port from 1 to 65535, or 0 for server.port + 200 (got 70000)")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nsecure = true\n" + Peers3, 3, "cluster.secure", "Noise-encrypted election links are not supported")]
    [InlineData("[replication]\nrole = \"leader\"\n[cluster]\nnode_id = \"n1\"\n" + Peers3, 2, "replication.role", "'leader' is not a kevy replication role (standalone, primary or replica)")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:1\"\ndata_dir = \"d\"\npeers = 5\n", 5, "cluster.peers", "must be a table of id = \"host:port\"")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:1\"\ndata_dir = \"d\"\n[cluster.peers]\nn2 = \"127.0.0.1:x\"\n", 6, "cluster.peers.n2", "port 'x' in '127.0.0.1:x'")]
    public void Every_mistake_names_its_key_line_and_reason(string toml, int line, string key, string reason)
    {
        var e = Assert.Throws<NodeConfigException>(() => NodeConfigReader.Parse(toml, BaseDir));

        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        Assert.DoesNotContain('\n', e.Reason);
    }
}
