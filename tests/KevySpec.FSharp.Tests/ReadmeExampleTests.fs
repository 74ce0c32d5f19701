/// The README's F# example is this project's ReadmeExample.fs, byte for byte, and it does what it says.
module KevySpec.FSharp.Tests.ReadmeExampleTests

open System
open System.IO
open Xunit
open KevySpec

let private StartMarker = "// [readme-example]"
let private EndMarker = "// [/readme-example]"

let private repoFile (relative: string) =
    Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "..", "..", relative))

/// The text strictly between the line holding `startLine` and the line starting with `endLine`.
let private between (text: string) (startLine: string) (endLine: string) (what: string) =
    let start = text.IndexOf(startLine + "\n", StringComparison.Ordinal)
    if start < 0 then failwith $"{what}: no line '{startLine}'"
    let bodyStart = start + startLine.Length + 1
    let stop = text.IndexOf("\n" + endLine, bodyStart - 1, StringComparison.Ordinal)
    if stop < 0 then failwith $"{what}: no line '{endLine}' after '{startLine}'"
    text.Substring(bodyStart, stop + 1 - bodyStart)

[<Fact>]
let ``the README's F# block is byte-identical to ReadmeExample.fs`` () =
    let source = File.ReadAllText(repoFile "tests/KevySpec.FSharp.Tests/ReadmeExample.fs")
    let doc = File.ReadAllText(repoFile "README.md")
    let example = between source StartMarker EndMarker "ReadmeExample.fs"
    // The README holds the same region inside a ```fsharp fence.
    let fenced = between doc "```fsharp" "```" "README.md"
    Assert.False(example.Contains '\r', "ReadmeExample.fs must use LF line ends")
    Assert.Equal(example, fenced)

[<Fact>]
let ``the example fails over to the replica with the most data`` () =
    let role, epoch, cFollows = ReadmeExample.failover ()
    Assert.Equal(Role.Primary, role)
    Assert.Equal(2UL, epoch)
    Assert.Equal("node-b", cFollows)
