using System.Text;
using KevySpec.Conformance;

namespace KevySpec.Checking;

/// <summary>
/// Writes a counterexample as two files: <c>NAME.jsonl</c>, a <c>kevy-elect-trace/1</c> trace that
/// <c>kevyspec conform</c> replays, and <c>NAME.md</c>, the steps in plain words and a Mermaid
/// sequence diagram.
/// </summary>
public static class CounterexampleWriter
{
    /// <summary>Events shown in the Markdown of a long (simulated) counterexample; the trace keeps them all.</summary>
    public const int MaxShownEvents = 120;

    /// <summary>Writes both files into <paramref name="directory"/> (created if needed); returns their paths (trace first).</summary>
    /// <param name="directory">Where to write.</param>
    /// <param name="counterexample">What to write.</param>
    /// <param name="cli">How the reader runs the CLI, for the replay hint (e.g. <c>dotnet run --project src/KevySpec.Cli --</c>).</param>
    public static IReadOnlyList<string> Write(string directory, Counterexample counterexample, string cli = "kevyspec")
    {
        ArgumentNullException.ThrowIfNull(counterexample);
        Directory.CreateDirectory(directory);
        var trace = Path.Combine(directory, counterexample.Name + ".jsonl");
        TraceWriter.WriteFile(trace, counterexample.Name, counterexample.Seed, counterexample.Members.Count, counterexample.Steps);
        var markdown = Path.Combine(directory, counterexample.Name + ".md");
        File.WriteAllText(markdown, Markdown(counterexample, cli), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return [trace, markdown];
    }

    /// <summary>The Markdown report: violation, replay hint, numbered steps, diagram.</summary>
    /// <param name="counterexample">What to describe.</param>
    /// <param name="cli">How the reader runs the CLI, for the replay hint.</param>
    public static string Markdown(Counterexample counterexample, string cli = "kevyspec")
    {
        ArgumentNullException.ThrowIfNull(counterexample);
        var text = new StringBuilder();
        text.Append($"# {counterexample.Name}\n\n");
        text.Append($"Spec `{counterexample.Spec}`, members {string.Join(", ", counterexample.Members)}");
        text.Append(counterexample.Seed != 0 ? $", simulator seed {counterexample.Seed}" : "").Append(".\n\n");
        text.Append($"**Violated:** `{counterexample.Violation.Invariant}` — {counterexample.Violation.Detail}.\n\n");
        text.Append($"Replay: `{cli} conform <this folder> --spec {counterexample.Spec}` (trace `{counterexample.Name}.jsonl`).\n\n");
        text.Append("## Steps\n\n");
        foreach (var line in StepNarrator.Describe(counterexample, MaxShownEvents)) text.Append(line).Append('\n');
        text.Append("\n## Sequence\n\n```mermaid\n");
        text.Append(MermaidSequence.Render(counterexample, MaxShownEvents));
        text.Append("```\n");
        return text.ToString();
    }
}
