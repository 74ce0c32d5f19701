namespace KevySpec.Scenarios;

/// <summary>A line diff of expected and actual output, for a failing script.</summary>
internal static class ScenarioDiff
{
    /// <summary>Both outputs, line by line: <c>  </c> same, <c>- </c> expected only, <c>+ </c> actual only (longest common subsequence).</summary>
    public static string Lines(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var common = new int[expected.Count + 1, actual.Count + 1];
        for (var i = expected.Count - 1; i >= 0; i--)
            for (var j = actual.Count - 1; j >= 0; j--)
                common[i, j] = expected[i] == actual[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        var lines = new List<string>();
        int e = 0, a = 0;
        while (e < expected.Count || a < actual.Count)
        {
            if (e < expected.Count && a < actual.Count && expected[e] == actual[a])
            {
                lines.Add("  " + expected[e++]);
                a++;
            }
            else if (e < expected.Count && (a == actual.Count || common[e + 1, a] >= common[e, a + 1])) lines.Add("- " + expected[e++]);
            else lines.Add("+ " + actual[a++]);
        }
        return string.Join('\n', lines);
    }
}
