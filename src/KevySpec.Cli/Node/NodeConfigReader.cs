using System.Net;
using System.Text;
using Tomlyn;
using Tomlyn.Model;

namespace KevySpec.Cli.Node;

/// <summary>
/// Reads a node's TOML file. Only the <c>[cluster]</c> table is read (other tables, e.g. the rest of a kevy
/// configuration, are ignored); inside it every key is checked and an unknown one is an error, so a typo
/// never falls back silently to a default.
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
    /// <exception cref="NodeConfigException">The first mistake, with its key.</exception>
    public static NodeConfig Parse(string toml, string baseDir)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new NodeConfigException("(syntax)", OneLine(e.Message));
        }
        if (!root.TryGetValue(Section, out var sectionValue))
            throw new NodeConfigException($"[{Section}]", "the section is missing");
        if (sectionValue is not TomlTable cluster)
            throw new NodeConfigException(Section, "must be a table ([cluster])");
        foreach (var key in cluster.Keys)
        {
            if (!Known.Contains(key)) throw new NodeConfigException(Key(key), $"unknown key (known: {string.Join(", ", Known)})");
        }

        var nodeId = Id(cluster, "node_id");
        var listen = Endpoint(Key("listen"), Required<string>(cluster, "listen"));
        var peers = Peers(cluster, nodeId, listen);
        var dataDir = Required<string>(cluster, "data_dir");
        if (dataDir.Trim().Length == 0) throw new NodeConfigException(Key("data_dir"), "must not be empty");
        var startRole = Optional<string>(cluster, "start_role") is { } roleText
            ? Roles.TryParse(roleText) ?? throw new NodeConfigException(Key("start_role"), $"'{roleText}' is not a role (primary, replica or candidate)")
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
            throw new NodeConfigException(Key("down_after_ms"), $"must be above hb_interval_ms ({config.HbInterval.TotalMilliseconds:0}), or every peer looks DOWN between heartbeats");
        var advertised = Optional<string>(cluster, "advertised_addr");
        if (advertised is { } a && (a.Length == 0 || a.Any(char.IsWhiteSpace)))
            throw new NodeConfigException(Key("advertised_addr"), "must be a non-empty address without spaces");
        byte[]? secret = null;
        if (Optional<string>(cluster, "auth_secret") is { } secretText)
        {
            if (secretText.Length == 0) throw new NodeConfigException(Key("auth_secret"), "must not be empty (leave it out for no authentication)");
            secret = Encoding.UTF8.GetBytes(secretText);
        }
        return new NodeConfig(nodeId, listen, peers, Path.GetFullPath(dataDir, baseDir), startRole, config, advertised, secret);
    }

    private static Dictionary<string, IPEndPoint> Peers(TomlTable cluster, string nodeId, IPEndPoint listen)
    {
        if (!cluster.TryGetValue("peers", out var value)) throw new NodeConfigException(Key("peers"), "is missing (a table of id = \"host:port\")");
        if (value is not TomlTable table) throw new NodeConfigException(Key("peers"), "must be a table of id = \"host:port\" ([cluster.peers])");
        var peers = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
        foreach (var (id, address) in table)
        {
            var key = $"{Key("peers")}.{id}";
            if (NodeIds.Problem(id) is { } problem) throw new NodeConfigException(key, problem);
            if (address is not string text) throw new NodeConfigException(key, $"must be a string \"host:port\" (got {Describe(address)})");
            var endpoint = Endpoint(key, text);
            if (id == nodeId)
            {
                // Listing every member in every file is convenient: this node's own entry must match 'listen'.
                if (!endpoint.Equals(listen)) throw new NodeConfigException(key, $"is this node, but differs from listen ({listen})");
                continue;
            }
            peers[id] = endpoint;
        }
        if (peers.Count == 0) throw new NodeConfigException(Key("peers"), "lists no other member");
        return peers;
    }

    private static string Id(TomlTable cluster, string name)
    {
        var id = Required<string>(cluster, name);
        if (NodeIds.Problem(id) is { } problem) throw new NodeConfigException(Key(name), problem);
        return id;
    }

    private static IPEndPoint Endpoint(string key, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new NodeConfigException(key, $"'{text}' is not host:port (e.g. 127.0.0.1:7101)");
        var host = text[..colon].Trim('[', ']');
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            throw new NodeConfigException(key, $"port '{portText}' in '{text}' is not a number from 1 to 65535");
        IPAddress address;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!))
            throw new NodeConfigException(key, $"host '{host}' in '{text}' is not an IP address (or localhost)");
        return new IPEndPoint(address, port);
    }

    private static TimeSpan Millis(TomlTable cluster, string name, TimeSpan fallback, bool allowZero)
    {
        if (!cluster.TryGetValue(name, out var value)) return fallback;
        if (value is not long ms) throw new NodeConfigException(Key(name), $"must be a whole number of milliseconds (got {Describe(value)})");
        if (ms < 0 || ms == 0 && !allowZero) throw new NodeConfigException(Key(name), $"must be {(allowZero ? "zero or more" : "positive")} (got {ms})");
        if (ms > (long)TimeSpan.FromDays(1).TotalMilliseconds) throw new NodeConfigException(Key(name), $"must be at most a day (got {ms})");
        return TimeSpan.FromMilliseconds(ms);
    }

    private static T Required<T>(TomlTable cluster, string name) where T : class =>
        Optional<T>(cluster, name) ?? throw new NodeConfigException(Key(name), "is missing");

    private static T? Optional<T>(TomlTable cluster, string name) where T : class
    {
        if (!cluster.TryGetValue(name, out var value)) return null;
        return value as T ?? throw new NodeConfigException(Key(name), $"must be a {(typeof(T) == typeof(string) ? "string" : typeof(T).Name)} (got {Describe(value)})");
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the string \"{s}\"",
        long n => $"the integer {n}",
        double d => $"the number {d}",
        bool b => b ? "true" : "false",
        TomlTable => "a table",
        TomlArray => "an array",
        _ => value.GetType().Name,
    };

    private static string Key(string name) => $"{Section}.{name}";

    private static string OneLine(string message) => string.Join("; ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
