using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace KevySpec.Generators.Parsing;

/// <summary>Spec names (kebab-case) and the C# names they become (PascalCase).</summary>
internal static class Names
{
    private static readonly Regex Kebab = new(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    public static bool IsKebab(string name) => Kebab.IsMatch(name);

    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && name.All(c => c < 128);

    /// <summary><c>primary-known</c> ⇒ <c>PrimaryKnown</c>.</summary>
    public static string Pascal(string kebab)
    {
        var builder = new StringBuilder(kebab.Length);
        foreach (var part in kebab.Split('-'))
        {
            if (part.Length == 0) continue;
            builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }
        return builder.ToString();
    }

    /// <summary><c>primary-known</c> ⇒ <c>primaryKnown</c>.</summary>
    public static string Camel(string kebab)
    {
        var pascal = Pascal(kebab);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
    }
}
