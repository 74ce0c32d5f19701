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
            var distance = Distance(name, candidate);
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

    // Levenshtein distance: insertions, deletions and substitutions, one row at a time.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
