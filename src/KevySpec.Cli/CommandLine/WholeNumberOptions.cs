using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace KevySpec.Cli.CommandLine;

/// <summary>
/// The one way whole-number options are validated, in both programs (kevyspec and kevyspec-load
/// compile this file): a value that is not a whole number, or is outside the option's range (its
/// type's range at least), is a parse error of one line naming the option and the range, e.g.
/// <c>--seeds must be a whole number from 1 to 2147483647 (got 'abc')</c> — never System.CommandLine's
/// message naming a .NET type, and never an exception from a validator reading an unparsed value.
/// </summary>
internal static class WholeNumberOptions
{
    /// <summary>Restricts <paramref name="option"/> to <paramref name="min"/>…<paramref name="max"/> (default: the type's range).</summary>
    public static Option<T> Within<T>(this Option<T> option, T? min = null, T? max = null)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var (low, high) = (min ?? T.MinValue, max ?? T.MaxValue);
        option.CustomParser = result => Parse(result, option.Name, low, high) ?? default;
        return option;
    }

    /// <summary>Restricts an optional <paramref name="option"/> (null when not given) to <paramref name="min"/>…<paramref name="max"/>.</summary>
    public static Option<T?> Within<T>(this Option<T?> option, T? min = null, T? max = null)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var (low, high) = (min ?? T.MinValue, max ?? T.MaxValue);
        option.CustomParser = result => Parse(result, option.Name, low, high);
        return option;
    }

    /// <summary>
    /// Gives every whole-number option of <paramref name="root"/> and its subcommands that has no range
    /// yet its type's range, so that no option falls back to System.CommandLine's own conversion.
    /// </summary>
    public static void CoverAll(Command root)
    {
        foreach (var option in root.Options)
        {
            switch (option)
            {
                case Option<int> { CustomParser: null } o: o.Within(); break;
                case Option<long> { CustomParser: null } o: o.Within(); break;
                case Option<int?> { CustomParser: null } o: o.Within<int>(); break;
                case Option<long?> { CustomParser: null } o: o.Within<long>(); break;
            }
        }
        foreach (var command in root.Subcommands) CoverAll(command);
    }

    private static T? Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (result.Tokens.Count == 0) return null; // a missing value is reported by the parser itself
        var text = result.Tokens[^1].Value;
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max} (got '{text}')"));
        return null;
    }
}
