using System.CommandLine;

namespace KevySpec.Cli.Commands;

/// <summary>The <c>--spec NAME</c> option shared by commands that run a generated elector.</summary>
internal static class SpecOption
{
    public const string Default = "election";

    public static Option<string> Create() => new("--spec")
    {
        Description = $"The elector to run, by spec name ({string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}).",
        DefaultValueFactory = _ => Default,
    };

    /// <summary>The elector a spec name or path names, or null after writing a one-line error that lists the known ones.</summary>
    public static ElectorDefinition? Resolve(string nameOrPath, TextWriter error)
    {
        var found = SpecLookup.Find(nameOrPath);
        if (found.Error is not null) error.WriteLine($"kevyspec: {found.Error}");
        return found.Elector;
    }
}
