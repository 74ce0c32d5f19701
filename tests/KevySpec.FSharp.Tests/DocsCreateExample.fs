/// The F# example of docs/fsharp-and-packages.md ("Creating an elector of a kind"). The doc's ```fsharp
/// block must be byte-identical to the region between the markers below (DocsCreateExampleTests checks it).
module KevySpec.FSharp.Tests.DocsCreateExample

// [docs-create-example]
open System
open KevySpec

/// An elector of the hardened kind, built through its definition with all six arguments.
let createHardened () : Elector =
    let definition: ElectorDefinition = HardenedElector.Definition
    definition.Create.Invoke(
        "node-a",                                                   // nodeId
        [| "node-a"; "node-b"; "node-c" |],                         // peerIds: every member, itself included
        "node-a:7000",                                              // advertisedAddr
        Role.Replica,                                               // startRole
        ElectConfig(HbInterval = TimeSpan.FromMilliseconds 100.0),  // config
        SeededJitter 42)                                            // jitter
// [/docs-create-example]
