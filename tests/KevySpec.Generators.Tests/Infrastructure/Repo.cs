namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from (found by walking up to KevySpec.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ElectionSpecPath => Path.Combine(Root, "spec", "election.spec.md");

    public static string ElectionSpecText => File.ReadAllText(ElectionSpecPath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KevySpec.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no KevySpec.sln above {AppContext.BaseDirectory}");
    }
}
