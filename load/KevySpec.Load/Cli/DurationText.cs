using System.Globalization;

namespace KevySpec.Load.Cli;

/// <summary>Reads and writes durations as the command line spells them: <c>500ms</c>, <c>2s</c>, <c>1.5m</c>, <c>250us</c>.</summary>
public static class DurationText
{
    private static readonly (string Suffix, double TicksPerUnit)[] Units =
    [
        ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>The unit suffixes accepted, for error messages.</summary>
    public static string AcceptedUnits => "us, ms, s, m, h";

    /// <summary>
    /// Parses <paramref name="text"/> (a non-negative decimal number followed by one of the units,
    /// e.g. <c>60s</c>); returns the duration, or null with <paramref name="problem"/> saying why.
    /// </summary>
    public static TimeSpan? TryParse(string text, out string problem)
    {
        problem = "";
        var trimmed = text.Trim();
        foreach (var (suffix, ticks) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            var number = trimmed[..^suffix.Length].Trim();
            // "5ms" also ends with "s": only accept the match whose remainder is a number.
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) continue;
            var total = value * ticks;
            if (total > TimeSpan.MaxValue.Ticks) { problem = $"'{text}' is too long"; return null; }
            return TimeSpan.FromTicks((long)Math.Round(total));
        }
        problem = $"'{text}' is not a duration (a number followed by one of {AcceptedUnits}, e.g. 500ms or 60s)";
        return null;
    }

    /// <summary>A short human form: <c>12.6ms</c>, <c>60s</c>, <c>5m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        if (value.Ticks % TimeSpan.TicksPerMinute == 0 && value >= TimeSpan.FromMinutes(1)) return $"{value.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m";
        if (value.Ticks % TimeSpan.TicksPerSecond == 0) return $"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        if (value >= TimeSpan.FromSeconds(1)) return $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
        if (value >= TimeSpan.FromMilliseconds(1) || value <= TimeSpan.FromMilliseconds(-1)) return $"{value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        return $"{(value.Ticks / 10.0).ToString("0.#", CultureInfo.InvariantCulture)}us";
    }
}
