/// The Func-based Match helpers: exhaustive handling without a wildcard case or a null check.
module KevySpec.FSharp.Tests.MatchTests

open System
open Xunit
open FsCheck.Xunit
open KevySpec
open KevySpec.Wire
open KevySpec.FSharp.Tests.Generators
open KevySpec.FSharp.Tests.Messages

/// `describe` written with Match: one function per message, no `| other ->` case.
let describeWithMatch (message: ElectionMessage) =
    message.Match(
        (fun hb -> $"HB {hb.Epoch} {hb.NodeId} {hb.Role.ToWire()} {hb.ReplOffset}"),
        (fun offer -> $"OFFER {offer.Epoch} {offer.CandidateId} {offer.ReplOffset}"),
        (fun accept -> $"ACCEPT {accept.Epoch} {accept.VoterId}"),
        (fun announce -> $"ANNOUNCE {announce.Epoch} {announce.PrimaryId} {announce.PrimaryAddr}"))

[<Property(Arbitrary = [| typeof<Arbitraries> |], Replay = "(20261126,4111)", MaxTest = 200)>]
let ``Match picks the same case as a type test`` (message: ElectionMessage) =
    describeWithMatch message = describe message

/// What a decode found, as an F# union: the shape callers usually want.
type Decoded =
    | Message of ElectionMessage * consumed: int
    | Skipped of consumed: int
    | Failed of DecodeError * reason: string * consumed: int

let private decoded (bytes: byte[]) =
    RespCodec.Decode(ReadOnlySpan bytes).Match((fun m n -> Message(m, n)), (fun n -> Skipped n), (fun e why n -> Failed(e, why, n)))

[<Fact>]
let ``a decode result matches into an F# union`` () =
    Assert.Equal(Message(Accept(7UL, "replica-2"), 20), decoded "ACCEPT 7 replica-2\r\n"B)
    Assert.Equal(Skipped 2, decoded "\r\n"B)
    match decoded "HB 1 node-a leader 0\r\n"B with
    | Failed(DecodeError.BadRole, why, consumed) ->
        Assert.Contains("leader", why)
        Assert.Equal(22, consumed)
    | other -> Assert.Fail $"expected BadRole, got %A{other}"
    match decoded "*2\r\n$2\r\nHB"B with
    | Failed(DecodeError.Truncated, _, 0) -> ()
    | other -> Assert.Fail $"expected Truncated, got %A{other}"

[<Fact>]
let ``default DecodeResult is refused, not mistaken for a result`` () =
    let ex = Assert.Throws<ArgumentException>(fun () -> DecodeResult().Match((fun _ _ -> 1), (fun _ -> 2), (fun _ _ _ -> 3)) |> ignore)
    Assert.Contains("default(DecodeResult)", ex.Message)

[<Fact>]
let ``an argv result matches too`` () =
    let parse argv = MessageArgv.FromArgv(argv).Match((fun m -> Ok m), (fun e why -> Error(e, why)))
    Assert.Equal(Ok(Offer(3UL, "node-c", 9UL) :> ElectionMessage), parse [| "offer"; "3"; "node-c"; "9" |])
    match parse [| "OFFER"; "3"; "node-c" |] with
    | Error(DecodeError.WrongShape, why) -> Assert.Contains("OFFER needs 3 fields", why)
    | other -> Assert.Fail $"expected WrongShape, got %A{other}"
