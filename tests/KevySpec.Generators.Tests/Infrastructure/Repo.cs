using System.Reflection;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from: the folder holding KevySpec.sln.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ElectionSpecPath => Path.Combine(Root, "spec", "election.spec.md");

    public static string ElectionSpecText => File.ReadAllText(ElectionSpecPath);

    /// <summary>
    /// Walks up from the test binaries; when they were built into an artifacts folder outside the
    /// repository, walks up from the project folder recorded at build time instead.
    /// </summary>
    private static string FindRoot()
    {
        var projectDirectory = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        string?[] starts = [AppContext.BaseDirectory, projectDirectory];
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KevySpec.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no KevySpec.sln above {AppContext.BaseDirectory} or {projectDirectory}");
    }
}
