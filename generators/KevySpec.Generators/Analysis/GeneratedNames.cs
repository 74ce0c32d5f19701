using System.Collections.Generic;
using System.Linq;
using KevySpec.Generators.Parsing;

namespace KevySpec.Generators.Analysis;

/// <summary>
/// Names an elector class cannot take, because the generated code declares a member of that
/// name inside the class (C# forbids a member named like its class) or refers to a runtime type
/// by that name from the class's namespace, or because the assembly's catalogue takes it. Such a
/// spec is an error, never uncompilable output.
/// </summary>
internal static class GeneratedNames
{
    private static readonly HashSet<string> Members = new(System.StringComparer.Ordinal)
    {
        "Trigger", "Table", "Definition", "Spec", "GetInfo", "ConfigureMachine", "RunTickStages", "Dispatch", "Fire",
        "_machine", "_firingRow", "_hbTrigger", "_offerTrigger", "_acceptTrigger", "_announceTrigger",
    };

    private static readonly HashSet<string> Types = new(System.StringComparer.Ordinal)
    {
        "Role", "SpecTable", "SpecRow", "SpecInvariant", "ElectorDefinition", "ElectConfig", "IJitterSource",
        "ElectionMessage", "Heartbeat", "Offer", "Accept", "Announce",
    };

    /// <summary>Why <paramref name="className"/> cannot name the elector generated for these tick stages, or null.</summary>
    public static string? Clash(string className, IEnumerable<string> stages, string catalogName)
    {
        var triggerMethods = stages.Concat(Triggers.Messages.Select(m => m.Name)).Select(t => "On" + Names.Pascal(t));
        if (Members.Contains(className) || triggerMethods.Contains(className) || IsRowMethod(className))
            return $"the generated class declares a member named '{className}'";
        if (Types.Contains(className))
            return $"the generated code uses the type '{className}' by that name";
        if (className == catalogName)
            return "it is the name of this assembly's generated catalogue";
        return null;
    }

    private static bool IsRowMethod(string name) =>
        name.Length > 3 && name.StartsWith("Row", System.StringComparison.Ordinal) && name.Substring(3).All(c => c is >= '0' and <= '9');
}
