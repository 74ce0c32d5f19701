using System.Globalization;
using System.Net;

namespace KevySpec.Cli.Node;

/// <summary>
/// Reads a kevy server's configuration the way the kevy server sets up its elector (the mapping table is in
/// docs/cluster.md): the election listener is <c>[server] bind</c> at <c>[cluster] elect_port_base</c>, or at
/// <c>[server] port + 200</c> when that is 0 or absent; <c>peers</c> lists every member by election address; the
/// announced address is <c>bind:port</c> (the data address); the timings are the protocol defaults (kevy has no
/// timing keys); <c>elect.meta</c> lives in <c>[server] data_dir</c>; and the node always starts as a replica,
/// because kevy treats <c>[replication] role = "primary"</c> in an election quorum as a preference, not a role.
/// </summary>
internal static class KevyConfigReader
{
    // kevy's own [cluster] keys. Only node_id, peers, elect_port_base and secure concern the election; the others
    // (cluster-mode slots, scopes, announce addresses, Noise keys) are kevy's data plane and are accepted unread.
    private static readonly string[] Known =
        ["node_id", "peers", "elect_port_base", "enabled", "port_base", "announce_ip", "announce_port_base", "scopes", "secure", "peer_keys"];

    private const int DefaultPort = 6004;
    private const int ElectionPortOffset = 200;

    /// <summary>Maps a kevy server config; relative data dirs are resolved against <paramref name="baseDir"/>.</summary>
    /// <exception cref="NodeConfigException">The first mistake, with its key and line.</exception>
    public static NodeConfig Read(TomlDocument document, TomlSection cluster, string baseDir)
    {
        cluster.RefuseUnknownKeys(Known, " in a kevy server's [cluster] (read as kevy's because peers is an \"id@host:port,…\" list; kevy has no timing keys, the protocol defaults apply)");
        var server = document.SectionOrEmpty("server");
        var replication = document.SectionOrEmpty("replication");

        var nodeId = cluster.Id("node_id");
        if (cluster.Boolean("secure") == true)
            throw cluster.Error("secure", "kevy's Noise-encrypted election links are not supported: kevyspec node speaks plain RESP2 (or its own auth_secret, in its own format)");
        var bind = server.String("bind") is { } bindText ? Ipv4(server, bindText) : IPAddress.Loopback;
        var port = server.Port("port") ?? DefaultPort;
        var (electionPort, derivation) = ElectionPort(cluster, server, port);
        var listen = new IPEndPoint(bind, electionPort);

        var members = KevyPeerList.Parse(cluster);
        var self = members.Find(m => m.Id == nodeId)
            ?? throw cluster.Error("peers", $"does not list this node '{nodeId}' (kevy's peers lists every member, this node included)");
        if (self.Election.Port != electionPort)
            throw cluster.Error("peers", $"lists this node '{nodeId}' at election port {self.Election.Port}, but this file gives it {electionPort} ({derivation})");
        var peers = members.Where(m => m != self).ToDictionary(m => m.Id, m => m.Election, StringComparer.Ordinal);
        if (peers.Count == 0) throw cluster.Error("peers", "lists no other member");

        var dataDir = server.String("data_dir") ?? ".";
        if (dataDir.Trim().Length == 0) throw server.Error("data_dir", "must not be empty");
        var notes = new List<string> { $"kevy server config: election address {listen} ({derivation}), announces {bind}:{port}, protocol default timings" };
        if (ReplicationRole(replication) == "primary")
            notes.Add("[replication] role = \"primary\": starting as replica until elected, as a kevy server in an election quorum does");

        return new NodeConfig(nodeId, listen, peers, Path.GetFullPath(dataDir, baseDir), Role.Replica, ElectConfig.Default,
            $"{bind}:{port}", AuthSecret: null, notes);
    }

    private static (int Port, string Derivation) ElectionPort(TomlSection cluster, TomlSection server, int port)
    {
        var configured = cluster.Integer("elect_port_base");
        if (configured is < 0 or > 65535) throw cluster.Error("elect_port_base", $"must be a port from 1 to 65535, or 0 for server.port + {ElectionPortOffset} (got {configured})");
        if (configured is { } explicitPort and > 0) return ((int)explicitPort, "cluster.elect_port_base");
        // kevy saturates port + 200 at 65535, which would put every such node on one port: refuse it instead.
        if (port + ElectionPortOffset > 65535)
            throw server.Error("port", $"{port} + {ElectionPortOffset} = {port + ElectionPortOffset} is not a port, and the election port is server.port + {ElectionPortOffset} unless cluster.elect_port_base is set");
        return (port + ElectionPortOffset, $"server.port {port} + {ElectionPortOffset}");
    }

    // kevy reads bind as a dotted-quad IPv4 address and nothing else.
    private static IPAddress Ipv4(TomlSection server, string text)
    {
        var parts = text.Split('.');
        var bytes = new byte[4];
        var ok = parts.Length == 4;
        for (var i = 0; ok && i < 4; i++)
            ok = byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]);
        return ok ? new IPAddress(bytes) : throw server.Error("bind", $"'{text}' is not a dotted-quad IPv4 address");
    }

    private static string ReplicationRole(TomlSection replication)
    {
        var role = replication.String("role")?.ToLowerInvariant() ?? "standalone";
        return role is "standalone" or "primary" or "replica"
            ? role
            : throw replication.Error("role", $"'{replication.String("role")}' is not a kevy replication role (standalone, primary or replica)");
    }
}
