namespace KevySpec.Conformance;

/// <summary>A trace file that does not follow <c>kevy-elect-trace/1</c>; the message names the file, line and problem.</summary>
public sealed class TraceFormatException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    /// <summary>The trace file.</summary>
    public string File { get; } = file;

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
