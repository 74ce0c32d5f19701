namespace KevySpec.Load.Thresholds;

/// <summary>How a threshold compares a metric with its bound.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&lt;=</c></summary>
    AtMost,
    /// <summary><c>&lt;</c></summary>
    Below,
    /// <summary><c>&gt;=</c></summary>
    AtLeast,
    /// <summary><c>&gt;</c></summary>
    Above,
    /// <summary><c>==</c></summary>
    Equal,
}

/// <summary>Spelling and meaning of <see cref="ThresholdOperator"/>.</summary>
public static class ThresholdOperators
{
    /// <summary>The operators as written, longest first so <c>&lt;=</c> is found before <c>&lt;</c>.</summary>
    public static IReadOnlyList<(string Text, ThresholdOperator Operator)> Spellings { get; } =
    [
        ("<=", ThresholdOperator.AtMost),
        (">=", ThresholdOperator.AtLeast),
        ("==", ThresholdOperator.Equal),
        ("<", ThresholdOperator.Below),
        (">", ThresholdOperator.Above),
    ];

    /// <summary>The operator as written.</summary>
    public static string ToText(this ThresholdOperator op) => Spellings.First(s => s.Operator == op).Text;

    /// <summary>True when <paramref name="actual"/> satisfies <c>actual op bound</c>.</summary>
    public static bool Holds(this ThresholdOperator op, double actual, double bound) => op switch
    {
        ThresholdOperator.AtMost => actual <= bound,
        ThresholdOperator.Below => actual < bound,
        ThresholdOperator.AtLeast => actual >= bound,
        ThresholdOperator.Above => actual > bound,
        ThresholdOperator.Equal => actual == bound,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an operator"),
    };
}
