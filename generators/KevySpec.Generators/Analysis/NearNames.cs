using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using KevySpec.Generators.Parsing;

namespace KevySpec.Generators.Analysis;

/// <summary>
/// The spec name a misspelt guard or action was most likely meant to be: the closest, by edit distance,
/// of the names that would bind where it stands, when it is close enough to be a typo.
/// </summary>
internal static class NearNames
{
    /// <summary>
    /// The kebab-case name of the method in <paramref name="methods"/> nearest to <paramref name="name"/>, or null when
    /// none is within max(2, length / 4) edits (ties: the ordinally first).
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> methods)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in methods.Select(Kebab).Where(k => k is not null).Select(k => k!).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            if (candidate == name) continue;
            var distance = EditDistance.Between(name, candidate);
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    /// <summary><c>QuorumReached</c> ⇒ <c>quorum-reached</c>; null for a method no spec name maps to (e.g. <c>HasHB</c>).</summary>
    private static string? Kebab(string method)
    {
        var kebab = new StringBuilder(method.Length + 4);
        foreach (var c in method)
        {
            if (char.IsUpper(c) && kebab.Length > 0) kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(c));
        }
        var text = kebab.ToString();
        return Names.IsKebab(text) && Names.Pascal(text) == method ? text : null;
    }
}
