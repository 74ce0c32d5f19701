/// Pattern matching over the closed message hierarchy, the F# way.
module KevySpec.FSharp.Tests.Messages

open KevySpec

/// The message's verb as the wire writes it.
let verb (message: ElectionMessage) =
    match message with
    | :? Heartbeat -> "HB"
    | :? Offer -> "OFFER"
    | :? Accept -> "ACCEPT"
    | :? Announce -> "ANNOUNCE"
    // The hierarchy is closed (a private protected constructor), but F# cannot know it.
    | other -> invalidArg (nameof message) $"not an election message: {other}"

/// A one-line rendering, e.g. "HB 1 node-a primary 0".
let describe (message: ElectionMessage) =
    match message with
    | :? Heartbeat as hb -> $"HB {hb.Epoch} {hb.NodeId} {hb.Role.ToWire()} {hb.ReplOffset}"
    | :? Offer as offer -> $"OFFER {offer.Epoch} {offer.CandidateId} {offer.ReplOffset}"
    | :? Accept as accept -> $"ACCEPT {accept.Epoch} {accept.VoterId}"
    | :? Announce as announce -> $"ANNOUNCE {announce.Epoch} {announce.PrimaryId} {announce.PrimaryAddr}"
    | other -> invalidArg (nameof message) $"not an election message: {other}"
