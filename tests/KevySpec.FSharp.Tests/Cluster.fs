/// A small in-process cluster on virtual time: a list of nodes, and a `deliver` that folds over
/// outbound batches (and the replies they cause) until nothing is left in flight.
module KevySpec.FSharp.Tests.Cluster

open System
open System.Collections.Generic
open KevySpec

/// One member: its elector and its durable store.
type Node = { Id: string; Elector: Elector; Store: InMemoryElectionStore }

/// A message on its way from one member to another.
type Envelope = { From: string; To: string; Message: ElectionMessage }

/// The members, which of them are down, and every message delivered so far (newest first).
/// The electors themselves are objects that change as they step; the record says who is reachable.
type Cluster = { Nodes: Node list; Down: Set<string>; Delivered: Envelope list }

/// A cluster of `ids` built from `definition` (e.g. `ReferenceElector.Definition`); `primary`, when
/// given, is the operator's bootstrap primary. Every node gets an in-memory store and no jitter.
let create (definition: ElectorDefinition) (config: ElectConfig) (primary: string option) (ids: string list) =
    let node id =
        let startRole = if primary = Some id then Role.Primary else Role.Replica
        let elector = definition.Create.Invoke(id, ids, $"{id}:7000", startRole, config, FixedJitter TimeSpan.Zero)
        let store = InMemoryElectionStore()
        elector.AttachStore store
        { Id = id; Elector = elector; Store = store }
    { Nodes = List.map node ids; Down = Set.empty; Delivered = [] }

/// The node called `id`.
let node id cluster = cluster.Nodes |> List.find (fun n -> n.Id = id)

/// The elector of the node called `id`.
let elector id cluster = (node id cluster).Elector

let private isUp cluster id = not (cluster.Down.Contains id)

/// One sender's batch as envelopes: a broadcast goes to every member but the sender.
let envelopes cluster (from: string, batch: IReadOnlyList<Outbound>) =
    [ for out in batch do
        if out.IsBroadcast then
            for n in cluster.Nodes do
                if n.Id <> from then { From = from; To = n.Id; Message = out.Message }
        else
            { From = from; To = out.To; Message = out.Message } ]

/// Delivers the batches at `now`, in order, each reply right after the message that caused it,
/// until nothing is in flight. What a down node sends or should receive is lost.
let rec deliver now cluster (batches: (string * IReadOnlyList<Outbound>) list) =
    batches
    |> List.collect (envelopes cluster)
    |> List.fold
        (fun c envelope ->
            if isUp c envelope.From && isUp c envelope.To then
                let replies = (elector envelope.To c).OnMessage(envelope.From, envelope.Message, now)
                deliver now { c with Delivered = envelope :: c.Delivered } [ envelope.To, replies ]
            else
                c)
        cluster

/// Every live node ticks at `now`, in member order; what each sends is delivered before the next ticks.
let tick now cluster =
    cluster.Nodes
    |> List.filter (fun n -> isUp cluster n.Id)
    |> List.fold (fun c n -> deliver now c [ n.Id, n.Elector.Tick now ]) cluster

/// Ticks the cluster every `step` from `start` to `stop` (both included).
let run (start: TimeSpan) (stop: TimeSpan) (step: TimeSpan) cluster =
    Seq.unfold (fun (t: TimeSpan) -> if t <= stop then Some(t, t + step) else None) start
    |> Seq.fold (fun c now -> tick now c) cluster

/// Takes `id` off the network (a crash, as far as the others can tell).
let crash id cluster = { cluster with Down = cluster.Down.Add id }

/// The live nodes that consider themselves primary.
let primaries cluster =
    cluster.Nodes |> List.filter (fun n -> isUp cluster n.Id && n.Elector.Role = Role.Primary)

/// The messages delivered so far, oldest first.
let delivered cluster = List.rev cluster.Delivered

/// Milliseconds as a TimeSpan.
let ms (n: int) = TimeSpan.FromMilliseconds(float n)
