using System.Net;
using System.Text;
using Tomlyn.Model;

namespace KevySpec.Cli.Node;

/// <summary>
/// Reads a node's TOML file. Only the <c>[cluster]</c> table decides: when its <c>peers</c> is a table
/// (<c>[cluster.peers]</c>) the file is this project's format, read here; when <c>peers</c> is a string or an array
/// (<c>"id@host:port,…"</c>) it is a kevy server's configuration, read by <see cref="KevyConfigReader"/>. Inside
/// <c>[cluster]</c> every key is checked and an unknown one is an error, so a typo never falls back silently to a
/// default; other tables are ignored.
/// </summary>
internal static class NodeConfigReader
{
    private const string Section = "cluster";

    private static readonly string[] Known =
    [
        "node_id", "listen", "advertised_addr", "peers", "data_dir", "start_role", "hb_interval_ms", "down_after_ms",
        "election_timeout_ms", "election_backoff_ms", "election_backoff_jitter_ms", "auth_secret",
    ];

    /// <summary>Parses <paramref name="toml"/>; relative data dirs are resolved against <paramref name="baseDir"/>.</summary>
    /// <exception cref="NodeConfigException">The first mistake, with its key and line.</exception>
    public static NodeConfig Parse(string toml, string baseDir)
    {
        var document = TomlDocument.Parse(toml);
        var cluster = document.Section(Section) ?? throw new NodeConfigException($"[{Section}]", "the section is missing");
        return cluster.TryGet("peers", out var peers) && peers is string or TomlArray
            ? KevyConfigReader.Read(document, cluster, baseDir)
            : Read(cluster, baseDir);
    }

    private static NodeConfig Read(TomlSection cluster, string baseDir)
    {
        cluster.RefuseUnknownKeys(Known, "");
        var nodeId = cluster.Id("node_id");
        var listen = Endpoint(cluster, "listen", cluster.Required("listen"));
        var peers = Peers(cluster, nodeId, listen);
        var dataDir = cluster.Required("data_dir");
        if (dataDir.Trim().Length == 0) throw cluster.Error("data_dir", "must not be empty");
        var startRole = cluster.String("start_role") is { } roleText
            ? Roles.TryParse(roleText) ?? throw cluster.Error("start_role", $"'{roleText}' is not a role (primary, replica or candidate)")
            : Role.Replica;
        var defaults = ElectConfig.Default;
        var config = new ElectConfig
        {
            HbInterval = Millis(cluster, "hb_interval_ms", defaults.HbInterval, allowZero: false),
            DownAfter = Millis(cluster, "down_after_ms", defaults.DownAfter, allowZero: false),
            ElectionTimeout = Millis(cluster, "election_timeout_ms", defaults.ElectionTimeout, allowZero: false),
            ElectionBackoff = Millis(cluster, "election_backoff_ms", defaults.ElectionBackoff, allowZero: false),
            ElectionBackoffJitter = Millis(cluster, "election_backoff_jitter_ms", defaults.ElectionBackoffJitter, allowZero: true),
        };
        if (config.DownAfter <= config.HbInterval)
            throw cluster.Error("down_after_ms", $"must be above hb_interval_ms ({config.HbInterval.TotalMilliseconds:0}), or every peer looks DOWN between heartbeats");
        var advertised = cluster.String("advertised_addr");
        if (advertised is { } a && (a.Length == 0 || a.Any(char.IsWhiteSpace)))
            throw cluster.Error("advertised_addr", "must be a non-empty address without spaces");
        byte[]? secret = null;
        if (cluster.String("auth_secret") is { } secretText)
        {
            if (secretText.Length == 0) throw cluster.Error("auth_secret", "must not be empty (leave it out for no authentication)");
            secret = Encoding.UTF8.GetBytes(secretText);
        }
        return new NodeConfig(nodeId, listen, peers, Path.GetFullPath(dataDir, baseDir), startRole, config, advertised, secret, []);
    }

    private static Dictionary<string, IPEndPoint> Peers(TomlSection cluster, string nodeId, IPEndPoint listen)
    {
        var table = cluster.Table("peers", "a table of id = \"host:port\" ([cluster.peers])")
            ?? throw cluster.Error("peers", "is missing (a table of id = \"host:port\"; a kevy server config writes peers = \"id@host:port,…\")");
        var peers = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
        foreach (var id in table.Keys)
        {
            if (NodeIds.Problem(id) is { } problem) throw table.Error(id, problem);
            table.TryGet(id, out var address);
            if (address is not string text) throw table.Error(id, $"must be a string \"host:port\" (got {TomlSection.Describe(address)})");
            var endpoint = Endpoint(table, id, text);
            if (id == nodeId)
            {
                // Listing every member in every file is convenient: this node's own entry must match 'listen'.
                if (!endpoint.Equals(listen)) throw table.Error(id, $"is this node, but differs from listen ({listen})");
                continue;
            }
            peers[id] = endpoint;
        }
        if (peers.Count == 0) throw cluster.Error("peers", "lists no other member");
        return peers;
    }

    private static IPEndPoint Endpoint(TomlSection section, string key, string text) =>
        HostText.EndpointProblem(text, out var endpoint) is { } problem ? throw section.Error(key, problem) : endpoint;

    private static TimeSpan Millis(TomlSection cluster, string name, TimeSpan fallback, bool allowZero)
    {
        if (!cluster.TryGet(name, out var value)) return fallback;
        if (value is not long ms) throw cluster.Error(name, $"must be a whole number of milliseconds (got {TomlSection.Describe(value)})");
        if (ms < 0 || ms == 0 && !allowZero) throw cluster.Error(name, $"must be {(allowZero ? "zero or more" : "positive")} (got {ms})");
        if (ms > (long)TimeSpan.FromDays(1).TotalMilliseconds) throw cluster.Error(name, $"must be at most a day (got {ms})");
        return TimeSpan.FromMilliseconds(ms);
    }
}
