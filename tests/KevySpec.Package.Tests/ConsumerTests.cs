using System.Text.RegularExpressions;
using KevySpec.Package.Tests.Infrastructure;

namespace KevySpec.Package.Tests;

/// <summary>
/// A project that references only the KevySpec package, or only a package layered on it (restored from a
/// folder holding nothing else), and adds its own <c>*.spec.md</c> gets its elector generated, or the
/// spec's mistakes as KSPEC errors.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ConsumerTests(LocalFeed feed)
{
    private const string SpecPath = "specs/tiny.spec.md";

    private string PackageReference => $"""    <PackageReference Include="KevySpec" Version="{feed.Version}" />""";

    [DotNetFact]
    public void A_consumer_spec_becomes_an_elector_that_runs()
    {
        var consumer = ConsumerProject.Create(feed, "TinyConsumer", "Exe", PackageReference, new Dictionary<string, string>
        {
            [SpecPath] = TinySpec.Text(),
            ["Program.cs"] = """
                using KevySpec;
                using TinyConsumer;

                // Both namespaces open: each assembly's catalogue has its own name.
                // The consumer's own spec: no cold-start grace, so a lone node wins on its first tick.
                var tiny = new TinyElector("solo", ["solo"], "solo:7000");
                var sent = tiny.Tick(TimeSpan.Zero);
                Console.WriteLine($"TinyElector after its first tick: {tiny.Role} at epoch {tiny.Epoch}, sent {string.Join(" ", sent.Select(o => o.Message.GetType().Name))}");

                // The package's own reference elector waits down_after first.
                var reference = new ReferenceElector("solo", ["solo"], "solo:7000");
                reference.Tick(TimeSpan.Zero);
                Console.WriteLine($"ReferenceElector after its first tick: {reference.Role}");

                Console.WriteLine($"TinyConsumer catalogue: {string.Join(", ", TinyConsumerElectors.All.Select(d => $"{d.Name}={d.Table.Elector} ({d.Table.Rows.Count} rows)"))}");
                Console.WriteLine($"KevySpec catalogue has election: {KevySpecElectors.Find("election")?.Table.Elector}");
                """,
        });

        var run = consumer.Run("run");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("TinyElector after its first tick: Primary at epoch 2, sent Offer Announce", lines);
        Assert.Contains("ReferenceElector after its first tick: Replica", lines);
        Assert.Contains("TinyConsumer catalogue: tiny=TinyElector (6 rows)", lines);
        Assert.Contains("KevySpec catalogue has election: ReferenceElector", lines);
        // It restored from the local folder into its private package folder, nowhere else.
        Assert.True(Directory.Exists(Path.Combine(feed.Root, "packages", "kevyspec", feed.Version)), run.ToString());
    }

    [DotNetFact]
    public void A_broken_consumer_spec_fails_the_build_with_a_located_KSPEC_error()
    {
        var spec = TinySpec.Text("!primary-known, best-candidat");
        var consumer = ConsumerProject.Create(feed, "BrokenConsumer", "Library", PackageReference, new Dictionary<string, string>
        {
            [SpecPath] = spec,
            // Code that uses the catalogue still compiles: the KSPEC error is the only error.
            ["Nothing.cs"] = "namespace BrokenConsumer;\n\ninternal static class Nothing\n{\n    public static int Count => BrokenConsumerElectors.All.Count;\n}\n",
        });
        var specLines = spec.Split('\n');
        var line = Array.FindIndex(specLines, l => l.Contains("best-candidat |", StringComparison.Ordinal)) + 1;
        var column = specLines[line - 1].IndexOf("best-candidat", StringComparison.Ordinal) + 1;

        var build = consumer.Run("build");

        Assert.True(build.ExitCode != 0, $"the build should have failed: {build}");
        var errors = ErrorLine().Matches(build.Output).Select(m => m.Groups["text"].Value).Distinct().ToList();
        var error = Assert.Single(errors);
        // The location and id are the contract; the wording belongs to the generator's own tests.
        var expectedPath = Path.Combine(consumer.Directory, SpecPath.Replace('/', Path.DirectorySeparatorChar));
        Assert.StartsWith($"{expectedPath}({line},{column}): error KSPEC009: ", error, StringComparison.Ordinal);
        Assert.Contains("'best-candidat'", error, StringComparison.Ordinal);
    }

    [DotNetFact]
    public void A_project_that_gets_KevySpec_through_another_project_compiles_its_own_specs_too()
    {
        // TinyLibrary references the package; TinyApp references only TinyLibrary (buildTransitive).
        ConsumerProject.Create(feed, "TinyLibrary", "Library", PackageReference, new Dictionary<string, string>
        {
            ["Hosting.cs"] = """
                namespace TinyLibrary;

                public static class Hosting
                {
                    public static string Describe(KevySpec.Elector elector) => $"{elector.Spec.Elector} {elector.NodeId}: {elector.Role} at epoch {elector.Epoch}";
                }
                """,
        });
        var app = ConsumerProject.Create(feed, "TinyApp", "Exe", """    <ProjectReference Include="../TinyLibrary/TinyLibrary.csproj" />""", new Dictionary<string, string>
        {
            [SpecPath] = TinySpec.Text(),
            ["Program.cs"] = """
                var tiny = new TinyApp.TinyElector("solo", ["solo"], "solo:7000");
                tiny.Tick(TimeSpan.Zero);
                Console.WriteLine(TinyLibrary.Hosting.Describe(tiny));
                """,
        });

        var run = app.Run("run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("TinyElector solo: Primary at epoch 2", run.Output.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [DotNetFact]
    public void A_consumer_of_the_verification_package_alone_gets_the_runtime_and_the_generator_through_it()
    {
        var consumer = ConsumerProject.Create(feed, "TinyChecked", "Exe",
            $"""    <PackageReference Include="KevySpec.Verification" Version="{feed.Version}" />""", new Dictionary<string, string>
        {
            [SpecPath] = TinySpec.Text(),
            ["Program.cs"] = """
                // The consumer's own elector, generated by the generator the KevySpec dependency brought, drawn by a verification tool.
                var table = TinyChecked.TinyCheckedElectors.All.Single().Table;
                Console.WriteLine($"{table.Elector}: {table.Rows.Count} rows, {KevySpec.Graph.TransitionGraph.Edges(table).Count} edges");
                """,
        });

        var run = consumer.Run("run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("TinyElector: 6 rows, 12 edges", run.Output.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.True(Directory.Exists(Path.Combine(feed.Root, "packages", "kevyspec", feed.Version)), run.ToString());
    }

    // An MSBuild error line, without the trailing " [project]".
    [GeneratedRegex(@"^\s*(?<text>\S.*?: error [A-Z]+\d+: .*?)(?: \[[^\]]+\])?\s*$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
