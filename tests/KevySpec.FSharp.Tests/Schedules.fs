/// Schedules that FsCheck writes (and shrinks): which node ticks, which message in flight is delivered,
/// dropped or duplicated, crashes, restarts, offset moves and how virtual time advances. Run on the
/// checked cluster of KevySpec.Simulation, which checks the spec's safety invariants after every step.
module KevySpec.FSharp.Tests.Schedules

open System
open FsCheck
open FsCheck.FSharp
open KevySpec
open KevySpec.Checking

type CheckedCluster = KevySpec.Simulation.SteppedCluster

/// One thing that happens. Node numbers and picks are taken modulo what exists at that moment.
type Op =
    | Advance of milliseconds: int
    | Tick of node: int
    | TickAll
    | Deliver of pick: int
    | DeliverAll
    | Drop of pick: int
    | Duplicate of pick: int
    | Crash of node: int
    | Restart of node: int
    | SetOffset of node: int * offset: uint64

/// A cluster size, whether the first member starts as the bootstrap primary, and what happens.
type Schedule = { Nodes: int; BootstrapPrimary: bool; Ops: Op list }

/// A message in flight.
type private InFlight = { From: string; To: string; Message: ElectionMessage }

/// How a schedule ended: the checked cluster, and the violation if one happened.
type Outcome = { Cluster: CheckedCluster; Violation: Violation option; OpsRun: int }

let private memberIds n = [ for i in 0 .. n - 1 -> string (char (int 'a' + i)) ]

/// Runs `schedule` on a checked cluster of `definition`; stops at the first violation.
let run (definition: ElectorDefinition) (schedule: Schedule) =
    let members = memberIds schedule.Nodes
    let cluster = CheckedCluster(definition, members, ElectConfig.Default, InvariantSet.ForSpec definition.Table)
    members
    |> List.iteri (fun i id ->
        let role = if schedule.BootstrapPrimary && i = 0 then Role.Primary else Role.Replica
        cluster.New(id, role, TimeSpan.Zero) |> ignore)

    let index (n: int) length = ((n % length) + length) % length
    let nodeAt (n: int) = members[index n members.Length]
    let sent (from: string) (out: Collections.Generic.IReadOnlyList<Outbound> | null) =
        match out with
        | null -> []
        | out ->
            [ for o in out do
                if o.IsBroadcast then
                    for m in members do
                        if m <> from then { From = from; To = m; Message = o.Message }
                else
                    { From = from; To = o.To; Message = o.Message } ]
    // A message reaches a live recipient (what it sends back is in flight), or is lost.
    let deliver now (m: InFlight) =
        if cluster.IsAlive m.To then sent m.To (cluster.Deliver(m.From, m.To, m.Message, now).Out) else []
    let take pick (inFlight: InFlight list) =
        let i = index pick inFlight.Length
        inFlight[i], List.removeAt i inFlight

    let step (now: TimeSpan, inFlight: InFlight list) op =
        match op with
        | Advance ms -> now + TimeSpan.FromMilliseconds(float (max 0 ms)), inFlight
        | Tick n when cluster.IsAlive(nodeAt n) ->
            let id = nodeAt n
            now, inFlight @ sent id (cluster.Tick(id, now).Out)
        | TickAll ->
            let ticked = [ for id in members do if cluster.IsAlive id then yield! sent id (cluster.Tick(id, now).Out) ]
            now, inFlight @ ticked
        | Deliver pick when not inFlight.IsEmpty ->
            let m, rest = take pick inFlight
            now, rest @ deliver now m
        | DeliverAll ->
            // What is in flight now, in order; replies join the end and wait for a later op.
            now, inFlight |> List.collect (deliver now)
        | Drop pick when not inFlight.IsEmpty -> now, snd (take pick inFlight)
        | Duplicate pick when not inFlight.IsEmpty -> now, inFlight @ [ fst (take pick inFlight) ]
        | Crash n when cluster.IsAlive(nodeAt n) ->
            cluster.Crash(nodeAt n) |> ignore
            now, inFlight
        | Restart n ->
            // A host restarts on its store and re-applies its data's offset.
            let id = nodeAt n
            cluster.Restart(id, Role.Replica, TimeSpan.Zero) |> ignore
            cluster.SetOffset(id, cluster.DataOffsetOf id) |> ignore
            now, inFlight
        | SetOffset(n, offset) when cluster.IsAlive(nodeAt n) ->
            cluster.SetOffset(nodeAt n, offset) |> ignore
            now, inFlight
        | _ -> now, inFlight // nothing to act on: a no-op

    let rec go state ops count =
        match ops with
        | op :: rest when isNull cluster.Violation -> go (step state op) rest (count + 1)
        | _ -> count
    let opsRun = go (TimeSpan.Zero, []) schedule.Ops 0
    { Cluster = cluster; Violation = Option.ofObj cluster.Violation; OpsRun = opsRun }

/// Ops weighted so that elections happen: mostly ticks and deliveries, time in heartbeat-sized
/// steps with the odd jump past down_after or the election timeout, and some faults.
let op nodes =
    let node = Gen.choose (0, nodes - 1)
    let pick = Gen.choose (0, 1000)
    Gen.frequency [
        20, node |> Gen.map Tick
        6, Gen.constant TickAll
        30, pick |> Gen.map Deliver
        5, Gen.constant DeliverAll
        10, Gen.choose (1, 250) |> Gen.map Advance
        3, Gen.choose (1000, 6000) |> Gen.map Advance
        4, pick |> Gen.map Drop
        3, pick |> Gen.map Duplicate
        2, node |> Gen.map Crash
        3, node |> Gen.map Restart
        4, Gen.zip node (Gen.choose (0, 5) |> Gen.map uint64) |> Gen.map SetOffset ]

/// A schedule of 1 to 5 nodes and up to `maxOps` ops.
let schedule maxOps =
    gen {
        let! nodes = Gen.choose (1, 5)
        let! bootstrap = Gen.elements [ true; false ]
        let! length = Gen.choose (0, maxOps)
        let! ops = Gen.listOfLength length (op nodes)
        return { Nodes = nodes; BootstrapPrimary = bootstrap; Ops = ops }
    }

/// Schedules with shrinking: fewer ops first, then simpler ops (the node count stays).
let arbitrary maxOps =
    let shrink (s: Schedule) =
        ArbMap.defaults |> ArbMap.arbitrary<Op list> |> Arb.toShrink
        |> fun shrinkOps -> shrinkOps s.Ops |> Seq.map (fun ops -> { s with Ops = ops })
    Arb.fromGenShrink (schedule maxOps, shrink)
