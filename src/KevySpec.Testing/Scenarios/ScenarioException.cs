namespace KevySpec.Scenarios;

/// <summary>A script that cannot run: a bad command, a bad argument, or a step the cluster refuses; names the file and line.</summary>
public sealed class ScenarioException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    /// <summary>The script's file name.</summary>
    public string File { get; } = file;

    /// <summary>The 1-based line of the command.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;
}
