/// docs/fsharp-and-packages.md's F# example is this project's DocsCreateExample.fs, byte for byte, and it builds what it says.
module KevySpec.FSharp.Tests.DocsCreateExampleTests

open System
open System.IO
open Xunit
open KevySpec

let private docFile = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "..", "..", "docs", "fsharp-and-packages.md"))

let private region (text: string) (startLine: string) (endLine: string) =
    let start = text.IndexOf(startLine + "\n", StringComparison.Ordinal)
    Assert.True(start >= 0, $"no line '{startLine}'")
    let bodyStart = start + startLine.Length + 1
    let stop = text.IndexOf("\n" + endLine, bodyStart - 1, StringComparison.Ordinal)
    Assert.True(stop >= 0, $"no line '{endLine}' after '{startLine}'")
    text.Substring(bodyStart, stop + 1 - bodyStart)

[<Fact>]
let ``the doc's F# block is byte-identical to DocsCreateExample.fs`` () =
    let source = File.ReadAllText(Path.Combine(__SOURCE_DIRECTORY__, "DocsCreateExample.fs"))
    let example = region source "// [docs-create-example]" "// [/docs-create-example]"
    Assert.Equal(example, region (File.ReadAllText docFile) "```fsharp" "```")

[<Fact>]
let ``the example builds a hardened replica with the given settings`` () =
    let elector = DocsCreateExample.createHardened ()
    Assert.Equal("HardenedElector", elector.Spec.Elector)
    Assert.Equal(("node-a", Role.Replica), (elector.NodeId, elector.Role))
    Assert.Equal(TimeSpan.FromMilliseconds 100.0, elector.Config.HbInterval)
