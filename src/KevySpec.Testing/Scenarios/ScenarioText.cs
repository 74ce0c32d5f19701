using System.Globalization;
using KevySpec.Wire;

namespace KevySpec.Scenarios;

/// <summary>The text forms of a script: durations (<c>5s</c>, <c>200ms</c>, <c>1.5s</c>), messages, states.</summary>
internal static class ScenarioText
{
    /// <summary>Parses <c>0</c>, <c>250us</c>, <c>200ms</c>, <c>1.5s</c>; null when it is none of them.</summary>
    public static TimeSpan? Duration(string text)
    {
        if (text == "0") return TimeSpan.Zero;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1_000L)
            : text.EndsWith("us", StringComparison.Ordinal) ? (text[..^2], 1L)
            : text.EndsWith('s') ? (text[..^1], 1_000_000L)
            : (null, 0L);
        if (number is null || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
        var micros = value * unit;
        return micros == decimal.Truncate(micros) && micros <= long.MaxValue ? TimeSpan.FromMicroseconds((long)micros) : null;
    }

    /// <summary>An instant or duration as seconds: <c>3.2s</c>.</summary>
    public static string Time(TimeSpan at) => at.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) + "s";

    public static string Message(ElectionMessage message) => string.Join(' ', MessageArgv.ToArgv(message));

    public static string State(Elector? elector) => elector is null
        ? "down"
        : $"{elector.Role.ToWire()} epoch={elector.Epoch.ToString(CultureInfo.InvariantCulture)} primary={elector.CurrentPrimary ?? "-"}";

    public static string Save(PersistedVote vote) => $"({vote.Epoch.ToString(CultureInfo.InvariantCulture)}, {vote.VotedFor ?? "-"})";
}
