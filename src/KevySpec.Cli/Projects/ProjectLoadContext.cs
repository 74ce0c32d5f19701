using System.Reflection;
using System.Runtime.Loader;

namespace KevySpec.Cli.Projects;

/// <summary>
/// A collectible load context for a built project's assembly. Every assembly the tool itself ships
/// (KevySpec, Stateless, …) comes from the tool, so the project's <see cref="ElectorDefinition"/> is the
/// tool's type; the project's other dependencies load from its output folder. Collectible, so a command
/// that rebuilds and reloads a project (a mutation run) does not pile up copies.
/// </summary>
internal sealed class ProjectLoadContext : AssemblyLoadContext
{
    private static readonly string ToolFolder = AppContext.BaseDirectory;
    private readonly AssemblyDependencyResolver _resolver;

    public ProjectLoadContext(string mainAssembly)
        : base($"kevyspec: {Path.GetFileName(mainAssembly)}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssembly);
    }

    /// <summary>Loads the project's own assembly from its bytes, so the file stays free for the next build.</summary>
    public Assembly LoadMain(string path)
    {
        using var image = new MemoryStream(File.ReadAllBytes(path));
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        using var symbols = File.Exists(pdbPath) ? new MemoryStream(File.ReadAllBytes(pdbPath)) : null;
        return LoadFromStream(image, symbols);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && File.Exists(Path.Combine(ToolFolder, name + ".dll"))) return null;
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
