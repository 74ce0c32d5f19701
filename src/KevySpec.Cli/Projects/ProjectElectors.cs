using System.Reflection;

namespace KevySpec.Cli.Projects;

/// <summary>
/// The electors a project generated from its own specs: built with <c>dotnet build</c>, loaded in a
/// <see cref="ProjectLoadContext"/> (unloaded on dispose), found by their generated <c>Definition</c>.
/// Reusable by any command that runs a project's electors.
/// </summary>
internal sealed class ProjectElectors : IDisposable
{
    private ProjectLoadContext? _context;

    private ProjectElectors(string project, string assemblyName, IReadOnlyList<ElectorDefinition> electors, ProjectLoadContext context)
    {
        Project = project;
        AssemblyName = assemblyName;
        Electors = electors;
        _context = context;
    }

    /// <summary>The project file that was built.</summary>
    public string Project { get; }

    /// <summary>The built assembly's name.</summary>
    public string AssemblyName { get; }

    /// <summary>The project's generated electors, in spec-name order (never empty).</summary>
    public IReadOnlyList<ElectorDefinition> Electors { get; }

    /// <summary>
    /// Finds the project <paramref name="projectOrFolder"/> names, builds it and loads its electors; null
    /// after writing one line to <paramref name="error"/> (and a build's output tail) when any step fails.
    /// </summary>
    public static ProjectElectors? Open(string projectOrFolder, TextWriter error)
    {
        if (FindProject(projectOrFolder, error) is not { } project) return null;
        if (ProjectBuild.Run(project, error) is not { } assemblyPath) return null;

        var context = new ProjectLoadContext(assemblyPath);
        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        try
        {
            var assembly = context.LoadMain(assemblyPath);
            WarnOnOtherKevySpec(assembly, error);
            var electors = Find(assembly);
            if (electors.Count == 0)
            {
                error.WriteLine($"kevyspec: {name} (built from {Path.GetFileName(project)}) holds no generated electors: add a *.spec.md to the project, which needs a PackageReference to KevySpec");
                context.Unload();
                return null;
            }
            return new ProjectElectors(project, name, electors, context);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException
                                      or TargetInvocationException or TypeInitializationException or MissingMemberException)
        {
            error.WriteLine($"kevyspec: cannot load the electors of {name}: {(e.InnerException ?? e).Message}");
            context.Unload();
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _context?.Unload();
        _context = null;
    }

    // The generated classes carry their own definition (the catalogue lists the same ones), so the catalogue's name is not needed.
    private static List<ElectorDefinition> Find(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }
        return [.. types
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(Elector)))
            .Select(t => t!.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(ElectorDefinition))
            .Select(p => (ElectorDefinition)p!.GetValue(null)!)
            .OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    private static void WarnOnOtherKevySpec(Assembly assembly, TextWriter error)
    {
        var tool = typeof(Elector).Assembly.GetName();
        var used = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == tool.Name);
        if (used?.Version is { } version && version != tool.Version)
            error.WriteLine($"kevyspec: note: {assembly.GetName().Name} was built against KevySpec {version}, this tool runs KevySpec {tool.Version}: use the tool of the package's version if loading fails");
    }

    private static string? FindProject(string projectOrFolder, TextWriter error)
    {
        if (File.Exists(projectOrFolder))
        {
            if (projectOrFolder.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) return Path.GetFullPath(projectOrFolder);
            error.WriteLine($"kevyspec: '{projectOrFolder}' is not a C# project file (*.csproj)");
            return null;
        }
        if (!Directory.Exists(projectOrFolder))
        {
            error.WriteLine($"kevyspec: no project at '{projectOrFolder}' (give a *.csproj, or a folder holding one)");
            return null;
        }
        var found = Directory.GetFiles(projectOrFolder, "*.csproj");
        if (found.Length == 1) return Path.GetFullPath(found[0]);
        error.WriteLine(found.Length == 0
            ? $"kevyspec: no *.csproj in '{projectOrFolder}'"
            : $"kevyspec: '{projectOrFolder}' holds {found.Length} projects ({string.Join(", ", found.Select(Path.GetFileName).Order(StringComparer.Ordinal))}): give one");
        return null;
    }
}
