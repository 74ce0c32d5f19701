using System.Globalization;

namespace KevySpec.Persistence;

/// <summary>
/// The text of <c>elect.meta</c>, as the reference writes it: an <c>epoch &lt;n&gt;</c> line and a
/// <c>voted &lt;id|-&gt;</c> line (<c>-</c>: no vote).
/// </summary>
public static class ElectMetaFormat
{
    /// <summary>The file's text for <paramref name="vote"/>.</summary>
    public static string Format(PersistedVote vote) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {vote.Epoch}\nvoted {vote.VotedFor ?? "-"}\n");

    /// <summary>Parses the file's text; null with <paramref name="problem"/> set (line number and reason) when it is not valid.</summary>
    public static PersistedVote? TryParse(string text, out string problem)
    {
        ulong? epoch = null;
        string? voted = null;
        var votedSeen = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var where = $"line {i + 1}";
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                problem = $"{where}: expected '<key> <value>', got '{line}'";
                return null;
            }
            switch (parts[0])
            {
                case "epoch":
                    if (epoch is not null)
                    {
                        problem = $"{where}: 'epoch' appears twice";
                        return null;
                    }
                    if (!IsDigits(parts[1]) || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        problem = $"{where}: epoch '{parts[1]}' is not a decimal number from 0 to the epoch ceiling {Epochs.Ceiling}";
                        return null;
                    }
                    epoch = value;
                    break;
                case "voted":
                    if (votedSeen)
                    {
                        problem = $"{where}: 'voted' appears twice";
                        return null;
                    }
                    votedSeen = true;
                    if (parts[1] != "-")
                    {
                        if (NodeIds.Problem(parts[1]) is { } idProblem)
                        {
                            problem = $"{where}: voted: {idProblem}";
                            return null;
                        }
                        voted = parts[1];
                    }
                    break;
                default:
                    problem = $"{where}: unknown key '{parts[0]}' (expected 'epoch' or 'voted')";
                    return null;
            }
        }
        if (epoch is null || !votedSeen)
        {
            problem = text.Trim().Length == 0
                ? "the file is empty (expected 'epoch <n>' and 'voted <id|->' lines)"
                : $"the '{(epoch is null ? "epoch" : "voted")}' line is missing";
            return null;
        }
        problem = "";
        return new PersistedVote(epoch.Value, voted);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
