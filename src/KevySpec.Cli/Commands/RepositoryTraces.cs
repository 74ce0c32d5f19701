namespace KevySpec.Cli.Commands;

/// <summary>
/// The reference traces a KevySpec clone carries (<c>tests/conformance/traces</c>): what
/// <c>kevyspec conform</c> replays when it is given no path.
/// </summary>
internal static class RepositoryTraces
{
    /// <summary>The traces' folder, relative to the repository root.</summary>
    public const string Folder = "tests/conformance/traces";

    /// <summary>
    /// Where to look: the current directory (a user inside a clone), then the tool's own folder
    /// (<c>dotnet run</c> builds into the clone, whatever the current directory).
    /// </summary>
    public static IReadOnlyList<string> DefaultStarts =>
        [Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)];

    /// <summary>The first <see cref="Folder"/> found in a start folder or one of its parents, or null.</summary>
    public static string? Find(IEnumerable<string> starts)
    {
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start) || !Directory.Exists(start)) continue;
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var traces = Path.Combine(dir.FullName, Folder);
                if (Directory.Exists(traces)) return traces;
            }
        }
        return null;
    }

    /// <summary>The one line saying where no traces were found and what to do instead.</summary>
    public static string NotFound(IEnumerable<string> starts) =>
        $"kevyspec: no trace path given and no {Folder} found in or above {string.Join(" or ", starts.Select(s => $"'{s}'"))}: " +
        "run it inside a KevySpec clone, or give a folder of *.jsonl traces or one trace file";
}
