using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace KevySpec.Tests.Shared;

/// <summary>
/// Walks a System.CommandLine tree for every numeric option, and says what garbage each must refuse
/// with a one-line usage error (compiled into the test projects of both programs).
/// </summary>
internal static class NumericOptionProbe
{
    private static readonly Type[] WholeNumbers =
        [typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte), typeof(ushort), typeof(uint), typeof(ulong)];

    private static readonly Type[] Fractions = [typeof(double), typeof(float), typeof(decimal)];

    /// <summary>One numeric option: the subcommand words that reach it, and the placeholders its command needs to parse at all.</summary>
    internal sealed record Case(IReadOnlyList<string> CommandPath, Option Option, IReadOnlyList<string> Required)
    {
        /// <summary>The command line giving <paramref name="value"/> to the option.</summary>
        public string[] Args(string value) => [.. CommandPath, .. Required, Option.Name, value];

        /// <summary>E.g. <c>check --seeds</c>: the key of a theory row.</summary>
        public override string ToString() => string.Join(' ', [.. CommandPath, Option.Name]);
    }

    /// <summary>Every option of <paramref name="root"/> and its subcommands whose value is a number.</summary>
    public static IReadOnlyList<Case> Cases(Command root)
    {
        var cases = new List<Case>();
        Walk(root, [], cases);
        return cases;
    }

    /// <summary>
    /// Values no numeric option may take: not a number, a fraction or exponent for whole numbers, one past
    /// each end of the type's range. (Negatives are the caller's to try: some options take them.)
    /// </summary>
    public static IEnumerable<string> Garbage(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        yield return "abc";
        yield return "";
        if (Fractions.Contains(type)) yield break;
        yield return "1.5";
        yield return "1e3";
        yield return (Limit(type, "MaxValue") + 1).ToString(CultureInfo.InvariantCulture);
        yield return (Limit(type, "MinValue") - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs the command line of <paramref name="probe"/> with each <see cref="Garbage"/> value, and with -1
    /// where the parser refuses it (<paramref name="parseErrors"/> counts the errors of a command line; a
    /// negative the option takes is not run), asserting each is refused (<see cref="AssertRefused"/>).
    /// </summary>
    public static async Task AssertGarbageRefusedAsync(Case probe, Func<string[], int> parseErrors,
        Func<string[], Task<(int Code, string Output, string Error)>> run)
    {
        foreach (var value in Garbage(probe.Option).Append("-1"))
        {
            var args = probe.Args(value);
            if (value == "-1" && parseErrors(args) == 0) continue;
            var (code, output, error) = await run(args);
            AssertRefused(code, output, error, probe.Option.Name, value);
        }
    }

    /// <summary>Asserts a refusal: exit 2, nothing on stdout, one stderr line naming the option and the value, no stack trace nor .NET type.</summary>
    public static void AssertRefused(int code, string output, string error, string option, string value)
    {
        var context = $"{option} '{value}': exit {code}\nstdout: {output}\nstderr: {error}";
        Assert.True(code == 2, context);
        Assert.True(output.Length == 0, context);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, context);
        Assert.Contains(option, lines[0]);
        Assert.Contains($"'{value}'", lines[0]);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("System.", error);
    }

    private static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return WholeNumbers.Contains(t) || Fractions.Contains(t);
    }

    private static BigInteger Limit(Type type, string field) =>
        BigInteger.Parse(Convert.ToString(type.GetField(field)!.GetValue(null), CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);

    private static void Walk(Command command, IReadOnlyList<string> path, List<Case> cases)
    {
        foreach (var option in command.Options.Where(o => IsNumeric(o.ValueType)))
        {
            var required = command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0).Select(a => Placeholder(a.ValueType))
                .Concat(command.Options.Where(o => o.Required && o != option).SelectMany(o => new[] { o.Name, Placeholder(o.ValueType) }));
            cases.Add(new Case(path, option, [.. required]));
        }
        foreach (var sub in command.Subcommands) Walk(sub, [.. path, sub.Name], cases);
    }

    private static string Placeholder(Type type) => IsNumeric(type) ? "1" : "x";
}
