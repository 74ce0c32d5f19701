using System.Text.Json.Nodes;

namespace KevySpec.Tests.TestSupport;

/// <summary>Deliberate corruptions of a real trace, to check that a replay notices them where they are.</summary>
internal static class TraceEdits
{
    /// <summary>
    /// The lines of <paramref name="traceFile"/> with the recorded <c>state.epoch</c> of the step in the
    /// middle of the file raised by 1000; <paramref name="line"/> is that step's 1-based line number.
    /// </summary>
    public static string[] WithWrongEpoch(string traceFile, out int line, out ulong wrongEpoch)
    {
        var lines = File.ReadAllLines(traceFile);
        var index = Math.Max(1, lines.Length / 2); // never the header
        var step = JsonNode.Parse(lines[index])!.AsObject();
        var state = step["state"]!.AsObject();
        wrongEpoch = state["epoch"]!.GetValue<ulong>() + 1000;
        state["epoch"] = wrongEpoch;
        lines[index] = step.ToJsonString();
        line = index + 1;
        return lines;
    }
}
