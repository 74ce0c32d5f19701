using KevySpec.Scenarios;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Scenarios;

/// <summary>
/// Runs every scenario script of <c>tests/KevySpec.Tests/testdata</c> (and its subfolders) as one
/// case, comparing each command's output with the expected output written under it.
/// <c>KEVYSPEC_REWRITE=1</c> writes the actual outputs into the scripts instead (then read <c>git diff</c>).
/// </summary>
public sealed class ScenarioScriptTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root ?? AppContext.BaseDirectory, "tests", "KevySpec.Tests", "testdata");

    // The specs compiled into the runtime, and the deliberately broken copies of the hardened one.
    private static readonly IReadOnlyList<ElectorDefinition> Specs = [.. KevySpecElectors.All, .. KevySpec.BrokenSpecs.KevySpecBrokenSpecsElectors.All];

    private static bool Rewrite => Environment.GetEnvironmentVariable("KEVYSPEC_REWRITE") == "1";

    public static TheoryData<string> Scripts()
    {
        if (!Directory.Exists(Folder)) throw new DirectoryNotFoundException($"the scenario scripts are missing: {Folder}");
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Folder, path).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_prints_its_expected_output(string script)
    {
        var diff = ScenarioRunner.RunFile(Path.Combine(Folder, script), Rewrite, Specs);
        Assert.True(diff is null, diff);
    }

    [Fact]
    public void There_are_at_least_twenty_scripts() => Assert.True(Scripts().Count >= 20, $"{Scripts().Count} scripts");

    [Fact]
    public void A_wrong_expected_output_fails_with_a_diff_naming_the_command()
    {
        using var temp = new TempFolder();
        var path = temp.Write("wrong.txt", ["spec election", "----", "", "nodes a b bootstrap a", "----",
            "a: primary epoch=1 primary=- has_quorum=false", "b: primary epoch=1 primary=- has_quorum=false"]);

        var diff = ScenarioRunner.RunFile(path, rewrite: false);

        Assert.Equal("""
            wrong.txt:4: output of 'nodes a b bootstrap a' differs (set KEVYSPEC_REWRITE=1 to accept the new output)
              a: primary epoch=1 primary=- has_quorum=false
            - b: primary epoch=1 primary=- has_quorum=false
            + b: replica epoch=1 primary=- has_quorum=false
            """.Replace("\r\n", "\n", StringComparison.Ordinal), diff);
    }

    [Fact]
    public void Rewrite_replaces_the_expected_outputs_and_keeps_comments()
    {
        using var temp = new TempFolder();
        var path = temp.Write("new.txt", ["# a comment", "spec election", "----", "", "nodes a bootstrap a", "----", "stale line", "", "status", "----"]);

        Assert.Null(ScenarioRunner.RunFile(path, rewrite: true));

        Assert.Equal("""
            # a comment
            spec election
            ----

            nodes a bootstrap a
            ----
            a: primary epoch=1 primary=- has_quorum=true

            status
            ----
            a: primary epoch=1 primary=- has_quorum=true

            """.Replace("\r\n", "\n", StringComparison.Ordinal), File.ReadAllText(path));
        Assert.Null(ScenarioRunner.RunFile(path, rewrite: false));
    }

    [Theory]
    [InlineData("spec election\n----\n\nnodes a b\n----\n\nwobble a\n----\n", 7, "unknown command 'wobble'")]
    [InlineData("spec election\n----\n\nnodes a b\n----\n\ntick z\n----\n", 7, "'z' is not a node (a, b)")]
    [InlineData("spec election\n----\n\nnodes a b\n----\n\nadvance 5 parsecs\n----\n", 7, "usage: advance DURATION")]
    [InlineData("spec election\n----\n\nnodes a b\n----\n\ncrash a\n----\n\ntick a\n----\n", 10, "node 'a' is down")]
    [InlineData("spec nope\n----\n", 1, "unknown spec 'nope'")]
    [InlineData("spec election\n----\n\ntick a\n", 4, "must be followed by a line '----'")]
    [InlineData("tick a\n----\n", 1, "no nodes yet")]
    public void A_bad_script_names_its_file_and_line(string text, int line, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => new ScenarioRunner(".").Run(ScenarioScript.Parse("bad.txt", text)));
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"bad.txt:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }
}
