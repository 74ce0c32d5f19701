using System.CommandLine;
using KevySpec.Cli.Node;

namespace KevySpec.Cli.Commands;

/// <summary><c>kevyspec node --config node.toml</c>: runs one election node over TCP until SIGTERM or Ctrl-C.</summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<string>("--config", "-c")
        {
            HelpName = "FILE",
            Description = "The node's TOML file: a [cluster] table with node_id, listen, data_dir, [cluster.peers] (id = \"host:port\"), "
                + "optional start_role, hb_interval_ms, down_after_ms, election_timeout_ms, election_backoff_ms, election_backoff_jitter_ms, "
                + "advertised_addr and auth_secret; or a kevy server's config ([cluster] node_id, peers = \"id@host:port,…\", elect_port_base). See docs/cluster.md.",
            Required = true,
        };
        var spec = SpecOption.Create();
        var project = SpecOption.CreateProject();
        var command = new Command("node", "Run one election node on TCP: log role, primary and quorum changes; stop cleanly on SIGTERM or Ctrl-C (exit 0).")
        {
            config, spec, project,
        };
        command.SetAction((parsed, ct) => RunAsync(parsed.GetValue(config)!, parsed.GetValue(spec), parsed.GetValue(project), output, error, ct));
        return command;
    }

    private static async Task<int> RunAsync(string path, string? specName, string? project, TextWriter output, TextWriter error, CancellationToken ct)
    {
        using var source = SpecSource.Open(specName, project, error);
        if (source is null) return KevySpecCli.UsageError;
        var elector = source.Elector;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kevyspec node: cannot read config '{path}': {e.Message}");
            return KevySpecCli.UsageError;
        }
        NodeConfig config;
        try
        {
            config = NodeConfigReader.Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (NodeConfigException e)
        {
            error.WriteLine($"kevyspec node: {path}{(e.Line is { } line ? $":{line}" : "")}: {e.Key}: {e.Reason}");
            return KevySpecCli.UsageError;
        }
        return await NodeHost.RunAsync(config, elector, output, error, ct).ConfigureAwait(false);
    }
}
