namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>One transition row as the spec file shows it, found by a plain scan of the text.</summary>
internal sealed record ScannedRow(int Line, string From, string On, string When, string To, string Do);

/// <summary>
/// A deliberately simple reading of a spec's transition rows (independent of the generator's
/// parser): every table line under <c>## Transitions</c> after the header and separator.
/// </summary>
internal static class SpecRows
{
    public static IReadOnlyList<ScannedRow> Scan(string text)
    {
        var rows = new List<ScannedRow>();
        var lines = text.Split('\n');
        var inTransitions = false;
        var tableLines = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inTransitions = line == "## Transitions";
                tableLines = 0;
                continue;
            }
            if (!inTransitions || !line.StartsWith('|')) continue;
            if (++tableLines <= 2) continue; // header and separator
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            rows.Add(new ScannedRow(i + 1, cells[0], cells[1], cells[2], cells[3], cells[4]));
        }
        return rows;
    }
}
