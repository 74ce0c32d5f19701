namespace KevySpec.Checking;

/// <summary>The checkers, as <c>kevyspec check --mode</c> spells the first three; a property says which of them can decide it.</summary>
[Flags]
public enum CheckMode
{
    /// <summary>No checker.</summary>
    None = 0,

    /// <summary>The deterministic simulator over many seeds (<c>--mode sim</c>): real (virtual) time, faults, then a quiet phase.</summary>
    Sim = 1,

    /// <summary>Many short walks, each with its own fault mix (<c>--mode swarm</c>): safety while faults go on.</summary>
    Swarm = 2,

    /// <summary>The bounded exhaustive model checker (<c>--mode exhaustive</c>): abstract time, and a quiet continuation.</summary>
    Exhaustive = 4,

    /// <summary>The online checker of a running TCP cluster (load runs, the nemesis).</summary>
    Online = 8,
}

/// <summary>The command-line spelling of a <see cref="CheckMode"/>.</summary>
public static class CheckModes
{
    /// <summary>The modes <c>--mode</c> accepts, in the order <c>check</c> runs them by default (sim, then swarm).</summary>
    public static IReadOnlyList<CheckMode> Command { get; } = [CheckMode.Sim, CheckMode.Swarm, CheckMode.Exhaustive];

    /// <summary><c>sim</c>, <c>swarm</c>, <c>exhaustive</c> or <c>online</c>.</summary>
    public static string Spelling(this CheckMode mode) => mode switch
    {
        CheckMode.Sim => "sim",
        CheckMode.Swarm => "swarm",
        CheckMode.Exhaustive => "exhaustive",
        CheckMode.Online => "online",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a single check mode"),
    };

    /// <summary>The mode spelled <paramref name="text"/> (one of <see cref="Command"/>), or null.</summary>
    public static CheckMode? Parse(string? text) => Command.FirstOrDefault(m => m.Spelling() == text) is var mode && mode != CheckMode.None ? mode : null;
}
