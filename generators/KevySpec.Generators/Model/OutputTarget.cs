using System.Text;

namespace KevySpec.Generators.Model;

/// <summary>
/// Where the generated code goes: the namespace of the electors and their catalogue, and the
/// catalogue's class name, derived from the assembly name (<c>KevySpec</c> ⇒ <c>KevySpecElectors</c>,
/// <c>My.Service-Api</c> ⇒ <c>MyServiceApiElectors</c>). Assembly names are unique in a process, so
/// two catalogues never share a name and <c>using Consumer; using KevySpec;</c> stays unambiguous.
/// </summary>
internal sealed record OutputTarget(string Namespace, string CatalogName)
{
    /// <summary>The namespace when the project declares no <c>RootNamespace</c>.</summary>
    public const string DefaultNamespace = "KevySpec.Generated";

    public static OutputTarget From(string? rootNamespace, string? assemblyName) =>
        new(string.IsNullOrEmpty(rootNamespace) ? DefaultNamespace : rootNamespace!, CatalogNameFor(assemblyName));

    /// <summary>The assembly name's ASCII letters and digits, each run capitalised, then <c>Electors</c>.</summary>
    public static string CatalogNameFor(string? assemblyName)
    {
        var name = new StringBuilder();
        var startOfRun = true;
        foreach (var c in assemblyName ?? "")
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                name.Append(startOfRun ? char.ToUpperInvariant(c) : c);
                startOfRun = false;
            }
            else startOfRun = true;
        }
        if (name.Length == 0 || char.IsDigit(name[0])) name.Insert(0, "Spec");
        return name.Append("Electors").ToString();
    }
}
