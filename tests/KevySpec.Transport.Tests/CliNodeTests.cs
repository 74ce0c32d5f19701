using System.Net;
using System.Text.RegularExpressions;
using KevySpec.Cli;
using KevySpec.Transport.Tests.Support;

namespace KevySpec.Transport.Tests;

public sealed class CliNodeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Three_node_processes_elect_fail_over_and_stop_cleanly_on_SIGTERM()
    {
        Assert.False(OperatingSystem.IsWindows(), "this test sends SIGTERM");
        var ids = new[] { "n1", "n2", "n3" };
        var endpoints = ids.ToDictionary(id => id, _ => Ports.Free());
        var nodes = new Dictionary<string, NodeProcess>();
        try
        {
            // Processes start seconds apart on a loaded machine: the bootstrap primary listens first, and a
            // down_after of 3 s keeps a replica that started early from standing before n1's heartbeats arrive.
            foreach (var id in ids)
            {
                var path = _dir.Sub($"{id}.toml");
                File.WriteAllText(path, Toml(id, endpoints, id == "n1" ? "primary" : "replica", downAfterMs: 3000));
                nodes[id] = NodeProcess.Start(id, path);
                if (id == "n1")
                    await Eventually.WaitAsync(() => nodes["n1"].Logged("[n1] listening"), "n1 listens", TimeSpan.FromSeconds(30), () => Dump(nodes));
            }
            await Eventually.WaitAsync(() => nodes["n2"].Logged("[n2] primary n1") && nodes["n3"].Logged("[n3] primary n1")
                    && ids.All(id => nodes[id].Logged($"[{id}] quorum yes")),
                "both replicas follow n1 with a quorum", TimeSpan.FromSeconds(30), () => Dump(nodes));
            Assert.True(nodes["n1"].Logged("[n1] role primary"));
            Assert.True(nodes["n1"].Logged("[n1] primary n1 (epoch 1)"), "the bootstrap primary names itself as the primary");
            Assert.False(nodes["n1"].Logged("[n1] primary none"));

            nodes["n1"].Kill();
            await Eventually.WaitAsync(() => nodes["n2"].Logged("[n2] role primary") || nodes["n3"].Logged("[n3] role primary"),
                "n2 or n3 becomes primary", TimeSpan.FromSeconds(30), () => Dump(nodes));
            var winner = nodes["n2"].Logged("[n2] role primary") ? "n2" : "n3";
            var other = winner == "n2" ? "n3" : "n2";
            await Eventually.WaitAsync(() => nodes[other].Logged($"[{other}] primary {winner}"), $"{other} follows {winner}",
                TimeSpan.FromSeconds(30), () => Dump(nodes));
            Assert.True(File.Exists(Path.Combine(_dir.Sub($"data-{winner}"), "elect.meta")));

            foreach (var id in new[] { "n2", "n3" }) nodes[id].Terminate();
            foreach (var id in new[] { "n2", "n3" })
            {
                Assert.True(await nodes[id].WaitForExitAsync(TimeSpan.FromSeconds(10)), $"{id} did not exit after SIGTERM\n{Dump(nodes)}");
                Assert.Equal(0, nodes[id].ExitCode);
                Assert.True(nodes[id].Logged($"[{id}] stopping"));
                Assert.DoesNotContain(nodes[id].Lines, line => line.StartsWith("stderr:", StringComparison.Ordinal));
            }
        }
        finally
        {
            output.WriteLine(Dump(nodes));
            foreach (var node in nodes.Values) node.Dispose();
        }
    }

    [Fact]
    public async Task The_kevy_server_sample_configs_elect_a_primary_and_stop_cleanly_on_SIGTERM()
    {
        Assert.False(OperatingSystem.IsWindows(), "this test sends SIGTERM");
        var ids = new[] { "n1", "n2", "n3" };
        // The samples as shipped, but on election ports free now (each server port moves with its election port).
        var ports = new Dictionary<string, string>();
        for (var i = 0; i < ids.Length; i++)
        {
            var election = Ports.Free().Port;
            ports[$"62{i}4"] = $"{election}";
            ports[$"60{i}4"] = $"{election - 200}";
        }
        var nodes = new Dictionary<string, NodeProcess>();
        try
        {
            foreach (var id in ids)
            {
                var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "kevy", $"{id}.toml"));
                var path = _dir.Sub($"{id}.toml");
                File.WriteAllText(path, Regex.Replace(sample, @"\b6[02][0-2]4\b", m => ports[m.Value]));
                nodes[id] = NodeProcess.Start(id, path);
            }
            // Every node starts as a replica (n1's role = "primary" too); after the cold-start grace (down_after,
            // 5 s by default) the best candidate, n1 (equal offsets, lowest id), is elected at epoch 2.
            await Eventually.WaitAsync(() => nodes["n1"].Logged("[n1] role primary (epoch 2)")
                    && nodes["n2"].Logged("[n2] primary n1 (epoch 2)") && nodes["n3"].Logged("[n3] primary n1 (epoch 2)"),
                "n1 elected and followed", TimeSpan.FromSeconds(40), () => Dump(nodes));
            Assert.True(nodes["n1"].Logged("[n1] [replication] role = \"primary\": starting as replica until elected"), Dump(nodes));
            Assert.True(nodes["n1"].Logged($"listening on 127.0.0.1:{ports["6204"]} as replica"), Dump(nodes));
            Assert.True(nodes["n3"].Logged($"listening on 127.0.0.1:{ports["6224"]} as replica"), Dump(nodes));   // elect_port_base
            Assert.False(nodes["n1"].Logged("[n1] role primary (epoch 1)"));
            Assert.True(File.Exists(Path.Combine(_dir.Sub("data"), "n1", "elect.meta")));

            foreach (var id in ids) nodes[id].Terminate();
            foreach (var id in ids)
            {
                Assert.True(await nodes[id].WaitForExitAsync(TimeSpan.FromSeconds(10)), $"{id} did not exit after SIGTERM\n{Dump(nodes)}");
                Assert.Equal(0, nodes[id].ExitCode);
                Assert.DoesNotContain(nodes[id].Lines, line => line.StartsWith("stderr:", StringComparison.Ordinal));
            }
        }
        finally
        {
            output.WriteLine(Dump(nodes));
            foreach (var node in nodes.Values) node.Dispose();
        }
    }

    [Theory]
    [InlineData("node_id = \"n1\"\n", "[cluster]: the section is missing")]
    [InlineData("[cluster]\nlisten = \"127.0.0.1:7001\"\ndata_dir = \"d\"\n[cluster.peers]\nn2 = \"127.0.0.1:7002\"\n", "cluster.node_id: is missing", "1")]
    [InlineData(Good + "down_afterr_ms = 5\n", "cluster.down_afterr_ms: unknown key", "6")]
    [InlineData(Good + "down_after_ms = -5\n", "cluster.down_after_ms: must be positive (got -5)", "6")]
    [InlineData(Good + "down_after_ms = \"5s\"\n", "cluster.down_after_ms: must be a whole number of milliseconds (got the string \"5s\")", "6")]
    [InlineData(Good + "hb_interval_ms = 500\ndown_after_ms = 400\n", "cluster.down_after_ms: must be above hb_interval_ms (500)", "7")]
    [InlineData(Good + "start_role = \"leader\"\n", "cluster.start_role: 'leader' is not a role", "6")]
    [InlineData(Good + "auth_secret = \"\"\n", "cluster.auth_secret: must not be empty", "6")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:99999\"\ndata_dir = \"d\"\n[cluster.peers]\nn2 = \"127.0.0.1:7002\"\n", "cluster.listen: port '99999'", "3")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:7001\"\ndata_dir = \"d\"\n[cluster.peers]\nn2 = \"example.org:7002\"\n", "cluster.peers.n2: host 'example.org' in 'example.org:7002' is not an IP address", "6")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:7001\"\ndata_dir = \"d\"\n[cluster.peers]\nn2 = 7002\n", "cluster.peers.n2: must be a string \"host:port\" (got the integer 7002)", "6")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:7001\"\ndata_dir = \"d\"\n[cluster.peers]\nn1 = \"127.0.0.1:7009\"\nn2 = \"127.0.0.1:7002\"\n", "cluster.peers.n1: is this node, but differs from listen", "6")]
    [InlineData("[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:7001\"\ndata_dir = \"d\"\n", "cluster.peers: is missing", "1")]
    [InlineData("[cluster]\nnode_id = \"a node\"\n", "cluster.node_id: node id 'a node' must be printable ASCII", "2")]
    [InlineData("[cluster\nnode_id = 1", "(syntax):")]
    [InlineData("[server]\nport = 65400\n[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n2@127.0.0.1:6214\"\n", "server.port: 65400 + 200 = 65600 is not a port", "2")]
    [InlineData("[cluster]\nnode_id = \"n1\"\npeers = \"n1@127.0.0.1:6204,n1@127.0.0.1:6214\"\n", "cluster.peers: node id 'n1' is listed twice", "3")]
    public void Every_mistake_in_the_file_names_the_key_and_the_reason_and_exits_2(string toml, string expected, string line = "")
    {
        var path = _dir.Sub("bad.toml");
        File.WriteAllText(path, toml);
        var (code, stdout, stderr) = Run("node", "--config", path);
        output.WriteLine(stderr);
        Assert.Equal(KevySpecCli.UsageError, code);
        var at = line.Length > 0 ? $":{line}" : "";   // file:line when the mistake has a line
        Assert.StartsWith($"kevyspec node: {path}{at}: {expected}", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));   // one line, no stack trace
        Assert.Equal("", stdout);
    }

    [Fact]
    public void A_missing_config_file_exits_2()
    {
        var (code, _, stderr) = Run("node", "--config", _dir.Sub("absent.toml"));
        Assert.Equal(KevySpecCli.UsageError, code);
        Assert.Contains("cannot read config", stderr);
    }

    [Fact]
    public void A_corrupt_election_state_stops_the_start_with_its_file_named()
    {
        var dataDir = _dir.Sub("data-n1");
        Directory.CreateDirectory(dataDir);
        File.WriteAllText(Path.Combine(dataDir, "elect.meta"), "epoch x\nvoted -\n");
        var path = _dir.Sub("n1.toml");
        File.WriteAllText(path, Toml("n1", new Dictionary<string, IPEndPoint> { ["n1"] = Ports.Free(), ["n2"] = Ports.Free() }, "replica"));
        var (code, _, stderr) = Run("node", "--config", path);
        Assert.Equal(1, code);
        Assert.Contains($"kevyspec node: cannot start: {Path.Combine(dataDir, "elect.meta")}: is corrupt: line 1: epoch 'x'", stderr);
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_directory_exits_with_one_line_naming_the_holder()
    {
        var endpoints = new Dictionary<string, IPEndPoint> { ["n1"] = Ports.Free(), ["n2"] = Ports.Free() };
        var first = _dir.Sub("first.toml");
        File.WriteAllText(first, Toml("n1", endpoints, "primary"));
        using var holder = NodeProcess.Start("first", first);
        await Eventually.WaitAsync(() => holder.Logged("[n1] listening on"), "the first node starts", TimeSpan.FromSeconds(30), () => string.Join("\n", holder.Lines));
        var meta = Path.Combine(_dir.Sub("data-n1"), "elect.meta");
        var before = File.ReadAllText(meta);

        // The same node id and data directory on another port, as a copy-pasted config would have it.
        var second = _dir.Sub("second.toml");
        File.WriteAllText(second, Toml("n1", new Dictionary<string, IPEndPoint>(endpoints) { ["n1"] = Ports.Free() }, "primary"));
        using var intruder = NodeProcess.Start("second", second);
        Assert.True(await intruder.WaitForExitAsync(TimeSpan.FromSeconds(30)), string.Join("\n", intruder.Lines));
        Assert.Equal(1, intruder.ExitCode);
        var errors = intruder.Lines.Where(line => line.StartsWith("stderr:", StringComparison.Ordinal)).ToArray();
        Assert.Equal([$"stderr: kevyspec node: cannot start: {Path.Combine(_dir.Sub("data-n1"), "LOCK")}: the data directory is in use by another process (pid {holder.Id}); one data directory serves one node"], errors);
        Assert.DoesNotContain(intruder.Lines, line => line.Contains("listening on", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllText(meta));
        Assert.False(holder.HasExited);
    }

    [Fact]
    public async Task A_bootstrap_primary_process_restarted_on_its_data_directory_starts_as_a_replica()
    {
        var endpoints = new Dictionary<string, IPEndPoint> { ["n1"] = Ports.Free(), ["n2"] = Ports.Free(), ["n3"] = Ports.Free() };
        var path = _dir.Sub("n1.toml");
        File.WriteAllText(path, Toml("n1", endpoints, "primary"));
        using (var first = NodeProcess.Start("n1", path))
        {
            await Eventually.WaitAsync(() => first.Logged("[n1] role primary (epoch 1)"), "n1 starts as primary", TimeSpan.FromSeconds(30), () => string.Join("\n", first.Lines));
            first.Kill();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        using var again = NodeProcess.Start("n1", path);
        await Eventually.WaitAsync(() => again.Logged("[n1] role "), "n1 reports its role", TimeSpan.FromSeconds(30), () => string.Join("\n", again.Lines));
        Assert.True(again.Logged("[n1] found persisted election state (epoch 1): starting as replica, not primary (the start role applies at the first start only)"),
            string.Join("\n", again.Lines));
        Assert.True(again.Logged("[n1] role replica (epoch 1)"));
        Assert.False(again.Logged("[n1] role primary"));
    }

    [Theory]
    [InlineData("/proc/kevyspec-data", "create the directory")]
    [InlineData("/proc/self", "write a file in it")]
    public void An_unusable_data_directory_is_refused_at_start_in_one_line(string dataDir, string step)
    {
        Assert.False(OperatingSystem.IsWindows(), "the unusable directories are Linux's /proc");
        var path = _dir.Sub("n1.toml");
        File.WriteAllText(path, Toml("n1", new Dictionary<string, IPEndPoint> { ["n1"] = Ports.Free(), ["n2"] = Ports.Free() }, "replica")
            .Replace("data_dir = \"data-n1\"", $"data_dir = \"{dataDir}\"", StringComparison.Ordinal));
        var (code, stdout, stderr) = Run("node", "--config", path);
        output.WriteLine(stderr);
        Assert.Equal(1, code);
        Assert.StartsWith($"kevyspec node: cannot start: {dataDir}: the data directory is not usable: cannot {step}: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("listening on", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_config()
    {
        var (code, stdout, _) = Run("node", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--config", stdout);
        Assert.Contains("SIGTERM", stdout);
    }

    private const string Good = "[cluster]\nnode_id = \"n1\"\nlisten = \"127.0.0.1:7001\"\ndata_dir = \"d\"\npeers = { n2 = \"127.0.0.1:7002\", n3 = \"127.0.0.1:7003\" }\n";

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = KevySpecCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Toml(string id, IReadOnlyDictionary<string, IPEndPoint> endpoints, string role, int downAfterMs = 600) =>
        $"""
        [cluster]
        node_id = "{id}"
        listen = "{endpoints[id]}"
        data_dir = "data-{id}"
        start_role = "{role}"
        hb_interval_ms = 50
        down_after_ms = {downAfterMs}
        election_timeout_ms = 600
        election_backoff_ms = 200
        election_backoff_jitter_ms = 200

        [cluster.peers]
        {string.Join("\n", endpoints.Where(e => e.Key != id).Select(e => $"{e.Key} = \"{e.Value}\""))}
        """;

    private static string Dump(Dictionary<string, NodeProcess> nodes) =>
        string.Join("\n", nodes.Values.SelectMany(n => n.Lines.Select(line => $"{n.Name}| {line}")));
}
