using System.Reflection;

namespace KevySpec.Package.Tests.Infrastructure;

/// <summary>What the build of this test project recorded about itself (see the csproj's AssemblyMetadata).</summary>
internal static class BuildInfo
{
    /// <summary>The repository root (the folder holding KevySpec.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The configuration KevySpec was built in (Debug, Release).</summary>
    public static string Configuration { get; } = Metadata("KevySpec.Configuration") is { Length: > 0 } c ? c : "Debug";

    /// <summary>The artifacts folder of the build (<c>--artifacts-path</c>), or null when it used the project folders.</summary>
    public static string? ArtifactsPath { get; } =
        string.Equals(Metadata("KevySpec.UseArtifactsOutput"), "true", StringComparison.OrdinalIgnoreCase)
            ? Metadata("KevySpec.ArtifactsPath")
            : null;

    /// <summary>The packable libraries, runtime first: src/KevySpec*/KevySpec*.csproj less the CLI (a tool package of its own).</summary>
    public static IReadOnlyList<string> LibraryProjects { get; } =
        [.. new[] { "KevySpec", "KevySpec.Transport", "KevySpec.Verification", "KevySpec.Testing" }.Select(name => Path.Combine(RepoRoot, "src", name, name + ".csproj"))];

    /// <summary>src/KevySpec.Cli/KevySpec.Cli.csproj (the kevyspec tool).</summary>
    public static string CliProject => Path.Combine(RepoRoot, "src", "KevySpec.Cli", "KevySpec.Cli.csproj");

    private static string? Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        var recorded = Metadata("KevySpec.RepoRoot");
        if (recorded is not null && File.Exists(Path.Combine(recorded, "KevySpec.sln"))) return Path.GetFullPath(recorded);
        throw new InvalidOperationException($"no KevySpec.sln in '{recorded}', the repository this test project was built from");
    }
}
