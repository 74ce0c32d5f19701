/// The elector driven from F#: construction, ticks, messages, roles, stores and jitter sources.
module KevySpec.FSharp.Tests.ElectorTests

open System
open Xunit
open KevySpec
open KevySpec.FSharp.Tests.Cluster
open KevySpec.FSharp.Tests.Messages

let private three = [ "node-a"; "node-b"; "node-c" ]

let private verbs (batch: Outbound seq) = batch |> Seq.map (fun o -> verb o.Message) |> List.ofSeq

[<Fact>]
let ``a one-node cluster elects itself in the tick that ends the cold-start grace`` () =
    let config = ElectConfig.Default
    let solo = ReferenceElector("solo", [ "solo" ], "solo:7000")

    // The first tick starts the cold-start grace: no primary is known, so it waits down_after.
    let first = solo.Tick TimeSpan.Zero
    Assert.Empty first
    Assert.Equal(Role.Replica, solo.Role)

    // The grace is over: it stands and, being its own quorum, wins in that same tick.
    let won = solo.Tick config.DownAfter
    Assert.Equal<string list>([ "OFFER"; "ANNOUNCE" ], verbs won)
    Assert.True(won |> Seq.forall (fun o -> o.IsBroadcast))
    Assert.Equal(Role.Primary, solo.Role)
    Assert.Equal(2UL, solo.Epoch)
    Assert.Equal("solo", solo.CurrentPrimary)
    // Nothing a tick could change is left: NextTickAt has no instant.
    Assert.Equal(None, Option.ofNullable (solo.NextTickAt()))

[<Fact>]
let ``the bootstrap primary's heartbeats make the replicas follow it`` () =
    let cluster = create ReferenceElector.Definition ElectConfig.Default (Some "node-a") three |> tick (ms 0)

    let heartbeatsFromA =
        delivered cluster
        |> List.choose (fun e ->
            match e.Message with
            | :? Heartbeat as hb when e.From = "node-a" -> Some(e.To, hb.Role, hb.Epoch)
            | _ -> None)
    Assert.Equal<(string * Role * uint64) list>([ "node-b", Role.Primary, 1UL; "node-c", Role.Primary, 1UL ], heartbeatsFromA)
    for id in [ "node-b"; "node-c" ] do
        let e = elector id cluster
        Assert.Equal(Role.Replica, e.Role)
        Assert.Equal("node-a", e.CurrentPrimary)

[<Fact>]
let ``when the primary crashes the replica with the highest offset wins the next epoch`` () =
    let cluster = create ReferenceElector.Definition ElectConfig.Default (Some "node-a") three
    (elector "node-c" cluster).SetReplOffset 7UL
    let before = cluster |> run (ms 0) (ms 1000) (ms 200) |> crash "node-a"
    let after = before |> run (ms 1200) (ms 8000) (ms 200)

    match primaries after with
    | [ winner ] ->
        Assert.Equal("node-c", winner.Id)
        Assert.Equal(2UL, winner.Elector.Epoch)
        Assert.Equal("node-c", (elector "node-b" after).CurrentPrimary)
    | many -> Assert.Fail $"expected one primary, got %A{many |> List.map (fun n -> n.Id)}"

    // The election as the others saw it: one OFFER, node-b's ACCEPT, then the ANNOUNCE.
    let election =
        delivered after
        |> List.filter (fun e -> not (e.Message :? Heartbeat))
        |> List.map (fun e -> e.From, e.To, describe e.Message)
    Assert.Equal<(string * string * string) list>(
        [ "node-c", "node-b", "OFFER 2 node-c 7"
          "node-b", "node-c", "ACCEPT 2 node-b"
          "node-c", "node-b", "ANNOUNCE 2 node-c node-c:7000" ],
        election)

[<Fact>]
let ``candidacy, votes and announcements are saved to each node's store`` () =
    let cluster = create ReferenceElector.Definition ElectConfig.Default None three |> run (ms 0) (ms 5200) (ms 200)

    // node-a has the smallest id at equal offsets: it stands, so its first save is its own candidacy.
    let a = node "node-a" cluster
    Assert.Equal(Role.Primary, a.Elector.Role)
    Assert.Equal(PersistedVote(2UL, "node-a"), a.Store.History[0])
    // The voters saved their vote, then the announced primary.
    for id in [ "node-b"; "node-c" ] do
        let history = (node id cluster).Store.History |> List.ofSeq
        Assert.Equal<PersistedVote list>([ PersistedVote(2UL, "node-a"); PersistedVote(2UL, "node-a") ], history)

[<Fact>]
let ``roles and messages match exhaustively`` () =
    let describeRole role =
        match role with
        | Role.Replica -> "follows"
        | Role.Candidate -> "asks for votes"
        | Role.Primary -> "takes writes"
        | other -> invalidArg (nameof role) $"not a role: {other}"
    Assert.Equal<string list>(
        [ "follows"; "asks for votes"; "takes writes" ],
        [ Role.Replica; Role.Candidate; Role.Primary ] |> List.map describeRole)
    Assert.Equal("HB 3 node-b candidate 12", describe (Heartbeat(3UL, "node-b", Role.Candidate, 12UL)))
    Assert.Equal<string list>(
        [ "primary"; "replica"; "candidate" ],
        [ Role.Primary; Role.Replica; Role.Candidate ] |> List.map (fun r -> r.ToWire()))
    Assert.Equal(Nullable Role.Candidate, Roles.TryParse("CANDIDATE".AsSpan()))
    Assert.False((Roles.TryParse("leader".AsSpan())).HasValue)

[<Fact>]
let ``records compare by value and copy with F# syntax`` () =
    let hb = Heartbeat(1UL, "node-a", Role.Primary, 0UL)
    Assert.Equal<ElectionMessage>(Heartbeat(1UL, "node-a", Role.Primary, 0UL), hb)
    Assert.NotEqual<ElectionMessage>(Heartbeat(2UL, "node-a", Role.Primary, 0UL), hb)
    // Init-only properties are set in the constructor call; the rest keep the protocol's defaults.
    let fast = ElectConfig(HbInterval = ms 50, DownAfter = ms 500)
    Assert.Equal(ms 50, fast.HbInterval)
    Assert.Equal(ElectConfig.Default.ElectionTimeout, fast.ElectionTimeout)
    Assert.Equal(Outbound.Broadcast, Outbound("*", hb).To)
    Assert.True(Outbound("*", hb).IsBroadcast)

[<Fact>]
let ``a store and a jitter source can be F# object expressions`` () =
    let saves = ResizeArray<PersistedVote>()
    let store =
        { new IElectionStore with
            member _.Save vote = saves.Add vote
            member _.Load() = PersistedVote(5UL, "node-b") }
    let jitter = { new IJitterSource with member _.Next max = min max (ms 300) }
    let config = ElectConfig(ElectionTimeout = ms 1000, ElectionBackoff = ms 100, ElectionBackoffJitter = ms 400)
    let e = ReferenceElector("node-a", three, "a:7000", Role.Replica, config, jitter)

    // Restoring from the store: the epoch never goes back, and the recorded vote guards epoch 5.
    e.AttachStore store
    Assert.Equal(5UL, e.Epoch)
    Assert.Empty(e.OnMessage("node-b", Offer(5UL, "node-b", 0UL), ms 0))

    // A lone candidate times out and backs off for election_backoff plus the jitter (100 + 300 ms).
    e.Tick(ms 0) |> ignore
    let offer = e.Tick config.DownAfter
    Assert.Equal<string list>([ "OFFER" ], verbs (offer |> Seq.filter (fun o -> o.IsBroadcast)))
    Assert.Equal(Role.Candidate, e.Role)
    Assert.Equal<PersistedVote list>([ PersistedVote(6UL, "node-a") ], List.ofSeq saves)
    e.Tick(config.DownAfter + config.ElectionTimeout) |> ignore
    Assert.Equal(Role.Replica, e.Role)
    let backoffEnd = config.DownAfter + config.ElectionTimeout + ms 400
    e.Tick(backoffEnd - ms 1) |> ignore
    Assert.Equal(Role.Replica, e.Role)
    e.Tick backoffEnd |> ignore
    Assert.Equal(Role.Candidate, e.Role)
    Assert.Equal(7UL, e.Epoch)

[<Fact>]
let ``nullable members read as F# options`` () =
    let e = ReferenceElector("node-a", three, "a:7000")
    // CurrentPrimary is `string | null` under F# nullness checking: match on null, or make it an option.
    let describePrimary (elector: Elector) =
        match elector.CurrentPrimary with
        | null -> "no primary"
        | primary -> $"follows {primary}"
    Assert.Equal("no primary", describePrimary e)
    e.OnMessage("node-c", Heartbeat(1UL, "node-c", Role.Primary, 0UL), ms 0) |> ignore
    Assert.Equal("follows node-c", describePrimary e)
    Assert.Equal(Some "node-c", Option.ofObj e.CurrentPrimary)
    Assert.Equal(Some(ms 0), Option.ofNullable (e.NextTickAt()))

[<Fact>]
let ``the generated catalogue is usable from F#`` () =
    let names = KevySpecElectors.All |> Seq.map (fun d -> d.Name) |> List.ofSeq
    Assert.Contains("election", names)
    match KevySpecElectors.Find "election" with
    | null -> Assert.Fail "the reference spec is not in the catalogue"
    | definition ->
        Assert.Equal("ReferenceElector", definition.Table.Elector)
        let e = definition.Create.Invoke("x", [ "x" ], "x:1", Role.Primary, ElectConfig.Default, FixedJitter TimeSpan.Zero)
        Assert.IsType<ReferenceElector>(e) |> ignore
        Assert.Equal(Role.Primary, e.Role)
    Assert.Null(KevySpecElectors.Find "no-such-spec")

[<Fact>]
let ``invalid arguments are precise ArgumentExceptions`` () =
    let ex = Assert.Throws<ArgumentException>(fun () -> ReferenceElector("node-d", three, "d:7000") |> ignore)
    Assert.Contains("node-d", ex.Message)
    let bad = Assert.Throws<ArgumentException>(fun () -> ElectConfig(HbInterval = TimeSpan.Zero).Validate())
    Assert.Contains("HbInterval", bad.Message)
