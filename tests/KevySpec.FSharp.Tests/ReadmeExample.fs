/// The F# example of docs/fsharp-and-packages.md. The doc's fenced block must be byte-identical to the
/// region between the markers below (ReadmeExampleTests checks it), so the doc cannot drift.
module KevySpec.FSharp.Tests.ReadmeExample

// [readme-example]
open System
open System.Collections.Generic
open KevySpec

/// Three nodes on virtual time: node-a is the bootstrap primary; it crashes, and the replica
/// that replicated the most takes over. Returns node-b's role and epoch, and whom node-c follows.
let failover () =
    let members = [ "node-a"; "node-b"; "node-c" ]
    let nodes =
        members
        |> List.map (fun id ->
            let role = if id = "node-a" then Role.Primary else Role.Replica
            id, ReferenceElector(id, members, $"{id}:7000", role))
        |> Map.ofList
    nodes["node-b"].SetReplOffset 42UL
    let crashed = HashSet<string>()

    // Hands each message to its recipients (a broadcast goes to every member but the sender),
    // then their replies, until nothing is left in flight. A crashed node hears nothing.
    let rec deliver now (from: string) (batch: IReadOnlyList<Outbound>) =
        for out in batch do
            match out.Message with
            | :? Announce as announce -> printfn $"{from} announces itself primary of epoch {announce.Epoch}"
            | _ -> ()
            let recipients = if out.IsBroadcast then List.except [ from ] members else [ out.To ]
            for recipient in recipients do
                if not (crashed.Contains recipient) then
                    deliver now recipient (nodes[recipient].OnMessage(from, out.Message, now))

    let tickEvery (step: int) (first: int) (last: int) =
        for t in first..step..last do
            let now = TimeSpan.FromMilliseconds(float t)
            for id in members do
                if not (crashed.Contains id) then deliver now id (nodes[id].Tick now)

    tickEvery 200 0 1000 // node-a heartbeats; node-b and node-c follow it
    crashed.Add "node-a" |> ignore
    tickEvery 200 1200 8000 // after down_after (5 s) of silence, node-b stands and wins

    let b = nodes["node-b"]
    b.Role, b.Epoch, nodes["node-c"].CurrentPrimary
// [/readme-example]
