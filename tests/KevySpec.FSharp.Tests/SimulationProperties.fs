/// The hardened elector under random schedules: FsCheck writes the schedules (and shrinks a failing
/// one) or picks the simulator's seeds and fault settings; every invariant of the spec must hold.
module KevySpec.FSharp.Tests.SimulationProperties

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open KevySpec
open KevySpec.Simulation
open KevySpec.FSharp.Tests.Schedules

[<Literal>]
let private HardenedName = "election-hardened"

let private hardened () =
    match KevySpecElectors.Find HardenedName with
    | null -> failwith $"no generated elector named '{HardenedName}' (spec/{HardenedName}.spec.md)"
    | definition -> definition

let private reference () =
    match KevySpecElectors.Find "election" with
    | null -> failwith "no generated elector named 'election'"
    | definition -> definition

type ScheduleArbitraries =
    static member Schedule() = Schedules.arbitrary 300

let private describe (schedule: Schedule) (outcome: Outcome) =
    match outcome.Violation with
    | None -> "no violation"
    | Some violation ->
        let steps = outcome.Cluster.Steps |> Seq.length
        $"{violation} after op {outcome.OpsRun} of %A{schedule} ({steps} steps)"

[<Property(Arbitrary = [| typeof<ScheduleArbitraries> |], Replay = "(20261126,4111)", MaxTest = 500)>]
let ``any schedule of the hardened elector keeps every safety invariant`` (schedule: Schedule) =
    let outcome = run (hardened ()) schedule
    outcome.Violation.IsNone |> Prop.label (describe schedule outcome)

/// Simulator settings FsCheck may pick: the cluster size, how long faults last and how harsh they are.
type SimCase = { Seed: int64; Nodes: int; FaultSeconds: int; DropRate: float; LateRate: float }

type SimArbitraries =
    static member SimCase() =
        gen {
            let! seed = ArbMap.defaults |> ArbMap.generate<int64>
            let! nodes = Gen.choose (1, 5)
            let! faultSeconds = Gen.choose (0, 30)
            let! drop = Gen.choose (0, 20)
            let! late = Gen.choose (0, 10)
            return { Seed = seed; Nodes = nodes; FaultSeconds = faultSeconds; DropRate = float drop / 100.0; LateRate = float late / 100.0 }
        }
        |> Arb.fromGen

[<Property(Arbitrary = [| typeof<SimArbitraries> |], Replay = "(20261126,4111)", MaxTest = 40)>]
let ``any simulated run of the hardened elector keeps every invariant, liveness included`` (case: SimCase) =
    let options =
        SimOptions(
            Nodes = case.Nodes,
            FaultPhase = TimeSpan.FromSeconds(float case.FaultSeconds),
            MaxDropRate = case.DropRate,
            MaxLateRate = case.LateRate)
    let result = Simulator.Run(hardened (), options, case.Seed)
    isNull result.Violation
    |> Prop.label $"seed {case.Seed} %A{case}: {result.Violation}\n{result.Log()}"

[<Fact>]
let ``the same schedules find the reference elector's known hazards`` () =
    // The checker is not vacuous: schedules from the generator above break the reference elector
    // (PROTOCOL.md, "Known hazards"). Fixed seed, so the same schedules every run.
    let schedules = Gen.sampleWithSeed (Rnd 20261126UL) 100 400 (Schedules.schedule 300)
    let violations =
        schedules
        |> Seq.choose (fun s -> (run (reference ()) s).Violation)
        |> Seq.map (fun v -> v.Invariant)
        |> Set.ofSeq
    Assert.NotEmpty violations
    let claimed = (reference ()).Table.Invariants |> Seq.map (fun i -> i.Name) |> Set.ofSeq
    Assert.True(Set.isSubset violations claimed, $"%A{violations} are not all among the spec's invariants %A{claimed}")

[<Fact>]
let ``every generated elector makes a one-node cluster primary by the end of the cold-start grace, in one tick`` () =
    for definition in KevySpecElectors.All do
        let solo = definition.Create.Invoke("solo", [ "solo" ], "solo:7000", Role.Replica, ElectConfig.Default, FixedJitter TimeSpan.Zero)
        let first = solo.Tick TimeSpan.Zero
        let won =
            if solo.Role = Role.Primary then first
            else solo.Tick ElectConfig.Default.DownAfter
        Assert.True(Role.Primary = solo.Role, $"{definition.Name}: {solo.Role} after the cold-start grace")
        Assert.Equal(2UL, solo.Epoch)
        Assert.Equal<string list>([ "OFFER"; "ANNOUNCE" ], won |> Seq.map (fun o -> Messages.verb o.Message) |> List.ofSeq)
