using System.Globalization;
using KevySpec.Wire;

namespace KevySpec.Tests.TestSupport;

/// <summary>The text forms scenarios compare: <c>b: HB 1 a primary 0</c>, <c>(2, a)</c>, <c>replica epoch=1 primary=-</c>.</summary>
internal static class Render
{
    public static string Outbound(Outbound item) => $"{item.To}: {Message(item.Message)}";

    public static string Message(ElectionMessage message) => string.Join(' ', MessageArgv.ToArgv(message));

    public static string Save(PersistedVote vote) =>
        $"({vote.Epoch.ToString(CultureInfo.InvariantCulture)}, {vote.VotedFor ?? "-"})";

    public static string State(KevySpec.Elector elector) =>
        $"{elector.Role.ToWire()} epoch={elector.Epoch.ToString(CultureInfo.InvariantCulture)} primary={elector.CurrentPrimary ?? "-"}";

    /// <summary>Parses <c>HB 2 b primary 0</c> (space-separated argv) into a message; a typo fails the test with the decoder's reason.</summary>
    public static ElectionMessage Parse(string text)
    {
        var result = MessageArgv.FromArgv(text.Split(' '));
        return result.Message ?? throw new ArgumentException($"'{text}' is not a message: {result.ErrorMessage}", nameof(text));
    }

    /// <summary>Items one per line, so a failing comparison shows the whole batch.</summary>
    public static string Lines(IEnumerable<string> items) => string.Join("\n", items);
}
