using System.Globalization;
using System.Net;
using Tomlyn.Model;

namespace KevySpec.Cli.Node;

/// <summary>One member of a kevy server's <c>peers</c> list: its id and its election endpoint.</summary>
internal sealed record KevyPeer(string Id, IPEndPoint Election);

/// <summary>
/// Parses a kevy server's <c>[cluster] peers</c>: a string <c>"id@host:port,…"</c> (or an array of such strings),
/// each token <c>id@host:elect_port[:client_port[:repl_port_base]]</c>. As in kevy, tokens are trimmed and empty
/// ones (a trailing comma) skipped; the first port is the member's election port, the optional others are kevy's
/// data-plane ports, checked and not used. Unlike kevy, a host must be an IP address or <c>localhost</c>.
/// </summary>
internal static class KevyPeerList
{
    private const string Key = "peers";
    private const string Syntax = "id@host:elect_port[:client_port[:repl_port_base]]";

    /// <summary>The members in file order, ids unique.</summary>
    /// <exception cref="NodeConfigException">The first bad token or value, quoted.</exception>
    public static List<KevyPeer> Parse(TomlSection cluster)
    {
        cluster.TryGet(Key, out var value);
        var tokens = value switch
        {
            string list => Tokens(list),
            TomlArray array => array.SelectMany(item => item is string list
                ? Tokens(list)
                : throw cluster.Error(Key, $"every item must be a string \"{Syntax}\" (got {TomlSection.Describe(item)})")),
            _ => throw cluster.Error(Key, $"must be a string \"{Syntax},…\" (got {TomlSection.Describe(value)})"),
        };
        var peers = new List<KevyPeer>();
        foreach (var token in tokens)
        {
            var peer = Peer(cluster, token);
            if (peers.Any(p => p.Id == peer.Id)) throw cluster.Error(Key, $"node id '{peer.Id}' is listed twice");
            peers.Add(peer);
        }
        if (peers.Count == 0) throw cluster.Error(Key, $"lists no member (\"{Syntax},…\", every member, this node included)");
        return peers;
    }

    private static IEnumerable<string> Tokens(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static KevyPeer Peer(TomlSection cluster, string token)
    {
        var at = token.IndexOf('@');
        if (at < 0) throw cluster.Error(Key, $"'{token}' is not {Syntax}");
        var id = token[..at];
        if (NodeIds.Problem(id) is { } idProblem) throw cluster.Error(Key, $"in '{token}': {idProblem}");
        var fields = token[(at + 1)..].Split(':');
        if (fields[0].Length == 0) throw cluster.Error(Key, $"'{token}' has no host ({Syntax})");
        if (fields.Length is < 2 or > 4) throw cluster.Error(Key, $"'{token}' has {fields.Length - 1} ports; {Syntax} has one to three");
        if (HostText.AddressProblem(fields[0], $" in '{token}'", out var address) is { } hostProblem) throw cluster.Error(Key, hostProblem);
        if (HostText.PortProblem(fields[1], $" in '{token}'", out var port) is { } portProblem) throw cluster.Error(Key, portProblem);
        foreach (var other in fields.Skip(2))
        {
            // kevy's client and replication ports: not ours to use, but a token kevy refuses is refused here too.
            if (!ushort.TryParse(other, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw cluster.Error(Key, $"port '{other}' in '{token}' is not a number from 0 to 65535");
        }
        return new KevyPeer(id, new IPEndPoint(address, port));
    }
}
