using KevySpec.Cli.Projects;

namespace KevySpec.Cli.Commands;

/// <summary>
/// The elector a command runs: one compiled into this tool, or (with <c>--project</c>) one the project
/// generated, loaded for the command's life. Dispose unloads the project.
/// </summary>
internal sealed class SpecSource : IDisposable
{
    private readonly ProjectElectors? _project;

    private SpecSource(ElectorDefinition elector, ProjectElectors? project)
    {
        Elector = elector;
        _project = project;
    }

    /// <summary>The elector to run.</summary>
    public ElectorDefinition Elector { get; }

    /// <summary>
    /// The elector <paramref name="spec"/> names (null: the default) among this tool's own or, when
    /// <paramref name="project"/> is given, that project's; null after writing why not to <paramref name="error"/>.
    /// </summary>
    public static SpecSource? Open(string? spec, string? project, TextWriter error)
    {
        if (project is null) return SpecOption.Resolve(spec, error) is { } builtIn ? new SpecSource(builtIn, null) : null;

        var loaded = ProjectElectors.Open(project, error);
        if (loaded is null) return null;
        var listing = string.Join(", ", loaded.Electors.Select(d => $"{d.Name} ({d.Table.File})"));
        ElectorDefinition? chosen;
        if (spec is null)
        {
            chosen = loaded.Electors.Count == 1 ? loaded.Electors[0] : null;
            if (chosen is null) error.WriteLine($"kevyspec: {loaded.AssemblyName} has {loaded.Electors.Count} specs ({listing}): choose one with --spec");
        }
        else
        {
            var found = SpecLookup.Find(spec, loaded.Electors);
            chosen = found.Elector;
            if (found.Error is not null) error.WriteLine($"kevyspec: {loaded.AssemblyName}: {found.Error}");
        }
        if (chosen is not null) return new SpecSource(chosen, loaded);
        loaded.Dispose();
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _project?.Dispose();
}
