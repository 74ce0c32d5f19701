/// FsCheck generators for the protocol's values: ids, u64 numbers, roles, messages.
module KevySpec.FSharp.Tests.Generators

open System
open FsCheck
open FsCheck.FSharp
open KevySpec

/// Printable ASCII: space (0x20) to tilde (0x7E).
let printableChar = Gen.choose (0x20, 0x7E) |> Gen.map char

/// A node id as the protocol allows it: non-empty printable ASCII, at most 32 characters.
let nodeId =
    gen {
        let! length = Gen.choose (1, 32)
        let! chars = Gen.arrayOfLength length printableChar
        return String chars
    }

/// An advertised address: non-empty printable ASCII (no length cap in the protocol; 64 is plenty).
let address =
    gen {
        let! length = Gen.choose (1, 64)
        let! chars = Gen.arrayOfLength length printableChar
        return String chars
    }

/// A u64 over the whole range, with the edges (0, 1, max) and small values well represented.
let u64 =
    let anyBits =
        Gen.arrayOfLength 8 (Gen.choose (0, 255) |> Gen.map byte)
        |> Gen.map (fun bytes -> BitConverter.ToUInt64(bytes, 0))
    Gen.frequency [
        1, Gen.elements [ 0UL; 1UL; UInt64.MaxValue; UInt64.MaxValue - 1UL ]
        2, Gen.choose (0, 1000) |> Gen.map uint64
        3, anyBits ]

/// Every role.
let role = Gen.elements [ Role.Replica; Role.Candidate; Role.Primary ]

/// Any of the four election messages, every field drawn from its whole valid range.
let message: Gen<ElectionMessage> =
    Gen.oneof [
        gen {
            let! epoch = u64
            let! id = nodeId
            let! r = role
            let! offset = u64
            return Heartbeat(epoch, id, r, offset) :> ElectionMessage }
        gen {
            let! epoch = u64
            let! id = nodeId
            let! offset = u64
            return Offer(epoch, id, offset) :> ElectionMessage }
        gen {
            let! epoch = u64
            let! id = nodeId
            return Accept(epoch, id) :> ElectionMessage }
        gen {
            let! epoch = u64
            let! id = nodeId
            let! addr = address
            return Announce(epoch, id, addr) :> ElectionMessage } ]

/// The arbitraries the properties in this project use (shrinking is not needed: failures print the message).
type Arbitraries =
    static member Message() = Arb.fromGen message
    static member Role() = Arb.fromGen role
