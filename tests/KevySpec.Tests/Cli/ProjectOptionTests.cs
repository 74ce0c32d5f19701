using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Cli;

/// <summary>
/// <c>--project</c>: the ways it fails, each one line. (A project that builds and has electors is checked and
/// graphed through the installed tool in tests/KevySpec.Package.Tests.)
/// </summary>
public sealed class ProjectOptionTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("graph")]
    [InlineData("conform", ".")]
    public void A_missing_project_is_one_line(params string[] command)
    {
        var run = CliRun.Of([.. command, "--project", "no/such/Consumer.csproj"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["kevyspec: no project at 'no/such/Consumer.csproj' (give a *.csproj, or a folder holding one)"], run.ErrorLines);
    }

    [Fact]
    public void A_folder_without_a_project_is_one_line()
    {
        using var folder = new TempFolder();

        var run = CliRun.Of("graph", "--project", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"kevyspec: no *.csproj in '{folder.Path}'"], run.ErrorLines);
    }

    [Fact]
    public void A_spec_not_compiled_into_the_tool_points_at_project()
    {
        var run = CliRun.Of("graph", "--spec", "specs/tiny.spec.md");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.EndsWith("; a spec of your own project needs --project path/to/Project.csproj", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_failure_is_one_line_with_the_first_error_then_the_output_tail()
    {
        using var folder = ScratchProject("Broken", "namespace Broken;\n\npublic static class Nothing { public static int X => undefinedName; }\n");

        var run = CliRun.Of("check", "--project", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("kevyspec: building Broken.csproj (dotnet build)…", run.ErrorLines[0]);
        Assert.StartsWith("kevyspec: building Broken.csproj failed with 1 error; the first: ", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Contains("Nothing.cs(3,", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Contains("error CS0103", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Equal("  last lines of the build output:", run.ErrorLines[2]);
        Assert.All(run.ErrorLines[3..], l => Assert.StartsWith("  | ", l, StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines[3..], l => l.Contains("error CS0103", StringComparison.Ordinal));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_project_without_electors_is_one_line_after_its_build()
    {
        using var folder = ScratchProject("Plain", "namespace Plain;\n\npublic static class Nothing;\n");

        var run = CliRun.Of("graph", "--project", Path.Combine(folder.Path, "Plain.csproj"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("kevyspec: building Plain.csproj (dotnet build)…", run.ErrorLines[0]);
        Assert.StartsWith("kevyspec: built Plain.dll in ", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Equal("kevyspec: Plain (built from Plain.csproj) holds no generated electors: add a *.spec.md to the project, which needs a PackageReference to KevySpec", run.ErrorLines[2]);
        Assert.Equal(3, run.ErrorLines.Length);
    }

    // A C# library outside the repository (no Directory.Build.props of ours above it) that needs no package.
    private static TempFolder ScratchProject(string name, string code)
    {
        var folder = new TempFolder();
        folder.Write("Directory.Build.props", ["<Project />"]);
        folder.Write("Directory.Build.targets", ["<Project />"]);
        folder.Write("Directory.Packages.props", ["<Project />"]);
        folder.Write($"{name}.csproj",
        [
            "<Project Sdk=\"Microsoft.NET.Sdk\">",
            $"  <PropertyGroup><TargetFramework>net{Environment.Version.Major}.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>",
            "</Project>",
        ]);
        folder.Write("Nothing.cs", code.Split('\n'));
        return folder;
    }
}
