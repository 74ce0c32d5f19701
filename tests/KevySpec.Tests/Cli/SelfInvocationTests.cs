using KevySpec.Cli.Commands;
using KevySpec.Tests.TestSupport;

namespace KevySpec.Tests.Cli;

// The CLI's hints name it the way it was started: README's `dotnet run --project src/KevySpec.Cli --`
// from a build in a source tree (relative to where the user stands), `kevyspec` when installed.
public sealed class SelfInvocationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string SourceTree()
    {
        var project = Directory.CreateDirectory(Path.Combine(_temp.Path, "src", "KevySpec.Cli"));
        File.WriteAllText(Path.Combine(project.FullName, "KevySpec.Cli.csproj"), "<Project />");
        return Directory.CreateDirectory(Path.Combine(project.FullName, "bin", "Debug", "net10.0")).FullName;
    }

    [Fact]
    public void From_the_repository_root_it_is_readmes_dotnet_run()
    {
        var binaries = SourceTree();

        Assert.Equal("dotnet run --project src/KevySpec.Cli --", SelfInvocation.For(binaries, _temp.Path, "Debug"));
    }

    [Fact]
    public void A_release_build_says_so()
    {
        var binaries = SourceTree();

        Assert.Equal("dotnet run -c Release --project src/KevySpec.Cli --", SelfInvocation.For(binaries, _temp.Path, "Release"));
    }

    [Fact]
    public void From_another_folder_the_project_path_is_relative_to_it()
    {
        var binaries = SourceTree();
        var elsewhere = Directory.CreateDirectory(Path.Combine(_temp.Path, "docs")).FullName;

        Assert.Equal("dotnet run --project ../src/KevySpec.Cli --", SelfInvocation.For(binaries, elsewhere, "Debug"));
    }

    [Fact]
    public void An_installed_tool_is_kevyspec()
    {
        var store = Directory.CreateDirectory(Path.Combine(_temp.Path, ".store", "kevyspec", "1.0.0", "tools", "net10.0", "any")).FullName;

        Assert.Equal("kevyspec", SelfInvocation.For(store, _temp.Path, "Release"));
    }
}
