using System.Text;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Core.Exceptions;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;

namespace KevySpec.Tests.Graph;

/// <summary>
/// Approval snapshots: the text is written to <c>&lt;Class&gt;.&lt;Test&gt;.ForScenario.&lt;spec&gt;.received.&lt;ext&gt;</c>
/// beside the test source and compared with the matching <c>.approved.</c> file. Files are UTF-8
/// without BOM, <c>\n</c> only, byte for byte what <c>kevyspec graph</c> prints. A mismatch never
/// launches a diff tool (the reporter is passed explicitly, so neither a CI reporter nor a
/// clipboard one is looked up); it fails with the commands that accept the change.
/// </summary>
internal static class Snapshot
{
    public const string AcceptScript = "scripts/accept-snapshots.sh";

    /// <summary>Verifies <paramref name="text"/> against the approved snapshot of the calling test for <paramref name="scenario"/>.</summary>
    /// <param name="text">What the test produced.</param>
    /// <param name="extension">The file extension with its dot, e.g. <c>.dot</c>.</param>
    /// <param name="scenario">Distinguishes the cases of one test (the spec name).</param>
    public static void Verify(string text, string extension, string scenario)
    {
        var writer = new Utf8Writer(text, extension);
        try
        {
            // The namer reads the scenario when it names the file, inside Verify: keep both in the scope.
            using (ApprovalResults.ForScenario(scenario))
                Approvals.Verify(writer, Approvals.GetDefaultNamer(), QuietReporter.INSTANCE);
        }
        catch (ApprovalException e)
        {
            throw new Xunit.Sdk.XunitException(Explain(e));
        }
    }

    private static string Explain(ApprovalException e)
    {
        var received = RepoFiles.Relative(e.Received);
        var approved = RepoFiles.Relative(e.Approved);
        var isNew = e is ApprovalMissingException;
        var (what, review) = isNew
            ? ($"No approved snapshot {approved} yet; this run wrote {received}.", $"cat {received}")
            : ($"Snapshot changed: {received} differs from {approved}; {FirstDifference(e.Approved, e.Received)}", $"diff -u {approved} {received}");
        // git diff shows a new file only once git knows of it: the script prints that command too.
        var commit = isNew ? "git add the new approved file and commit it" : "commit the approved file";
        return $"""
            {what}
            Review it ({review}), then accept every changed snapshot with
              {AcceptScript}
            or this one with
              mv {received} {approved}
            and {commit} with the spec change.
            """.ReplaceLineEndings("\n");
    }

    private static string FirstDifference(string approvedPath, string receivedPath)
    {
        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n").Split('\n');
        var received = File.ReadAllText(receivedPath).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < Math.Max(approved.Length, received.Length); i++)
        {
            var a = i < approved.Length ? approved[i] : "<end of file>";
            var r = i < received.Length ? received[i] : "<end of file>";
            if (a != r) return $"first difference at line {i + 1}:\n  approved: {a}\n  received: {r}";
        }
        return "they differ in line endings or encoding only.";
    }

    /// <summary>Writes the received file as UTF-8 without BOM, so an accepted file equals the tool's output byte for byte.</summary>
    private sealed class Utf8Writer(string text, string extension) : IApprovalWriter
    {
        public string GetApprovalFilename(string basename) => basename + ".approved" + extension;

        public string GetReceivedFilename(string basename) => basename + ".received" + extension;

        public string WriteReceivedFile(string received)
        {
            File.WriteAllText(received, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return received;
        }
    }
}
