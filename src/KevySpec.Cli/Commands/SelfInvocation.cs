using System.Reflection;

namespace KevySpec.Cli.Commands;

/// <summary>
/// How to run this CLI again, for the hints it prints (<c>replay: … check …</c>): the way the user started it,
/// so a hint can be pasted as is. From a build inside a KevySpec source tree that is README's
/// <c>dotnet run --project src/KevySpec.Cli --</c> (with <c>-c Release</c> for a Release build); an installed
/// tool is <c>kevyspec</c>.
/// </summary>
internal static class SelfInvocation
{
    private const string Project = "src/KevySpec.Cli";

    /// <summary>The words that start the CLI, without a trailing space: <c>kevyspec</c> or <c>dotnet run … --</c>.</summary>
    public static string Prefix { get; } = For(AppContext.BaseDirectory, Environment.CurrentDirectory,
        typeof(SelfInvocation).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration);

    /// <summary>The prefix for a CLI whose binaries are in <paramref name="binaries"/>, started from <paramref name="workingDirectory"/>.</summary>
    public static string For(string binaries, string workingDirectory, string? configuration)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(binaries)); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, Project);
            if (!File.Exists(Path.Combine(project, "KevySpec.Cli.csproj"))) continue;
            var relative = Path.GetRelativePath(workingDirectory, project).Replace('\\', '/');
            var path = relative.Contains(' ', StringComparison.Ordinal) ? $"\"{relative}\"" : relative;
            var release = string.Equals(configuration, "Release", StringComparison.Ordinal) ? "-c Release " : "";
            return $"dotnet run {release}--project {path} --";
        }
        return "kevyspec";
    }
}
