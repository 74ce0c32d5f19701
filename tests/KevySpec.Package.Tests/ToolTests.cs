using KevySpec.Package.Tests.Infrastructure;

namespace KevySpec.Package.Tests;

/// <summary>
/// The packed kevyspec tool, installed as a local tool into a consumer folder that holds only a package
/// reference to KevySpec and its own spec, checks and graphs that spec (<c>--project</c>).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ToolTests(LocalFeed feed)
{
    [DotNetFact]
    public void The_installed_tool_checks_and_graphs_a_consumer_own_spec()
    {
        // Its own spec: the hardened table under a name of its own.
        var own = File.ReadAllText(Path.Combine(BuildInfo.RepoRoot, "spec", "election-hardened.spec.md"))
            .Replace("Elector: `HardenedElector`", "Elector: `OwnElector`", StringComparison.Ordinal);
        var standRow = 1 + own.Split('\n').ToList().FindIndex(l => l.StartsWith("| Replica   | start-election", StringComparison.Ordinal));
        var consumer = ConsumerProject.Create(feed, "ToolConsumer", "Library",
            $"""    <PackageReference Include="KevySpec" Version="{feed.Version}" />""",
            new Dictionary<string, string> { ["specs/own.spec.md"] = own });
        var install = consumer.Run("tool", "install", LocalFeed.ToolPackageId, "--version", feed.ToolVersion, "--tool-path", "tools");
        Assert.True(install.ExitCode == 0, install.ToString());

        var check = consumer.Run("exec", ToolDll(consumer), "check", "--project", "ToolConsumer.csproj", "--seeds", "20", "--nodes", "3");

        Assert.True(check.ExitCode == 0, check.ToString());
        var lines = check.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("kevyspec: building ToolConsumer.csproj (dotnet build)…", lines);
        Assert.Contains(lines, l => l.StartsWith("sim n=3: 20 seeds, 0 violations (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("swarm n=3: 20 walks, 0 violations (", StringComparison.Ordinal));

        // The folder, not the file: the one project in it. The only spec is the default.
        var graph = consumer.Run("exec", ToolDll(consumer), "graph", "--project", ".", "--format", "mermaid");

        Assert.True(graph.ExitCode == 0, graph.ToString());
        Assert.Contains("stateDiagram-v2", graph.Output, StringComparison.Ordinal);
        Assert.Contains("OwnElector", graph.Output, StringComparison.Ordinal);
        Assert.Contains($"Replica --> Candidate : L{standRow} tick start-election", graph.Output, StringComparison.Ordinal);

        var unknown = consumer.Run("exec", ToolDll(consumer), "graph", "--project", ".", "--spec", "election");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("kevyspec: ToolConsumer: unknown spec 'election'; known specs: own (own.spec.md)", unknown.Output, StringComparison.Ordinal);
    }

    // The installed tool's entry assembly under --tool-path (tools/.store/<id>/<version>/…/tools/<tfm>/any/).
    private static string ToolDll(ConsumerProject consumer) =>
        Directory.GetFiles(Path.Combine(consumer.Directory, "tools", ".store"), "KevySpec.Cli.dll", SearchOption.AllDirectories)
            .Single(p => p.Contains($"{Path.DirectorySeparatorChar}any{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
