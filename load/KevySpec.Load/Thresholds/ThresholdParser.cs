using System.Globalization;
using KevySpec.Generators.Analysis;
using KevySpec.Load.Metrics;

namespace KevySpec.Load.Thresholds;

/// <summary>
/// Parses <c>METRIC OP VALUE[UNIT]</c>: a metric of <see cref="MetricCatalog"/>, one of
/// <c>&lt;= &lt; &gt;= &gt; ==</c>, a decimal number, and for durations an optional unit
/// <c>us</c>, <c>ms</c> (the default) or <c>s</c>. Spaces are allowed around each part.
/// </summary>
public static class ThresholdParser
{
    private static readonly (string Suffix, double Millis)[] DurationUnits = [("us", 0.001), ("ms", 1), ("s", 1000)];

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a message that says exactly what is wrong.</summary>
    public static Threshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw Bad(text, "it is empty; expected METRIC OP VALUE, e.g. failover.p99<=700ms");

        var (at, op, opText) = FindOperator(text, trimmed);
        var name = trimmed[..at].Trim();
        var rest = trimmed[(at + opText.Length)..].Trim();
        if (name.Length == 0) throw Bad(text, $"no metric before '{opText}'");
        if (rest.Length == 0) throw Bad(text, $"no value after '{opText}'");
        if (rest.StartsWith('=') || rest.StartsWith('<') || rest.StartsWith('>'))
            throw Bad(text, $"'{opText}{rest[0]}' is not an operator; use one of <=, <, >=, >, ==");

        var metric = MetricCatalog.Find(name)
            ?? throw Bad(text, $"unknown metric '{name}'{Suggest(name)}; run 'kevyspec-load --help' or see docs/load.md for the names");
        var bound = ParseValue(text, metric, rest);
        return new Threshold(text, metric, op, bound);
    }

    private static (int At, ThresholdOperator Op, string Text) FindOperator(string original, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            foreach (var (spelling, op) in ThresholdOperators.Spellings)
                if (string.CompareOrdinal(text, i, spelling, 0, spelling.Length) == 0)
                    return (i, op, spelling);
            // A lone '=' (or '!=') is the common slip; say so rather than "no operator".
            if (text[i] is '=' or '!')
                throw Bad(original, $"'{text[i]}{(i + 1 < text.Length && text[i + 1] == '=' ? "=" : "")}' is not an operator; use one of <=, <, >=, >, ==");
        }
        throw Bad(original, "no comparison operator; use one of <=, <, >=, >, ==");
    }

    private static double ParseValue(string text, MetricDefinition metric, string value)
    {
        var number = value;
        var scale = 1.0;
        var unit = "";
        var unitStart = value.Length;
        while (unitStart > 0 && char.IsLetter(value[unitStart - 1])) unitStart--;
        if (unitStart == 0) throw Bad(text, $"'{value}' is not a number");
        if (unitStart < value.Length)
        {
            unit = value[unitStart..];
            number = value[..unitStart].Trim();
            if (metric.Kind != MetricKind.Duration)
                throw Bad(text, $"metric '{metric.Name}' is a {(metric.Kind == MetricKind.Count ? "count" : "plain number")} ({metric.Unit}); it takes no unit, got '{unit}'");
            var match = DurationUnits.FirstOrDefault(u => string.Equals(u.Suffix, unit, StringComparison.OrdinalIgnoreCase));
            if (match.Suffix is null) throw Bad(text, $"unknown unit '{unit}' for duration metric '{metric.Name}'; use us, ms or s");
            scale = match.Millis;
        }
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
            throw Bad(text, $"'{number}' is not a number");
        if (metric.Kind == MetricKind.Count && (parsed < 0 || parsed != Math.Floor(parsed)))
            throw Bad(text, $"metric '{metric.Name}' is a count; '{number}' is not a whole number ≥ 0");
        return parsed * scale;
    }

    private static string Suggest(string name)
    {
        var close = MetricCatalog.All
            .Select(m => (m.Name, Distance: EditDistance.Between(name.ToLowerInvariant(), m.Name)))
            .Where(x => x.Distance <= 3)
            .OrderBy(x => x.Distance)
            .Select(x => x.Name)
            .FirstOrDefault();
        return close is null ? "" : $" (did you mean '{close}'?)";
    }

    private static FormatException Bad(string text, string problem) => new($"bad threshold '{text}': {problem}");
}
