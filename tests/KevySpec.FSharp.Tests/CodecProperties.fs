/// Property tests of the RESP2 codec and the argv form: every valid message round-trips, and
/// broken frames come back as decode errors of the right kind, never as exceptions.
module KevySpec.FSharp.Tests.CodecProperties

open System
open System.Buffers
open System.Text
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open KevySpec
open KevySpec.Wire
open KevySpec.FSharp.Tests.Generators

// Fixed seeds: every run checks the same cases; a failure prints what to paste into Replay.
[<Literal>]
let private Seed = "(20261126,4111)"

/// A RESP2 array of bulk strings, written independently of the codec under test.
let frameOf (fields: string seq) =
    let sb = StringBuilder()
    let fields = List.ofSeq fields
    sb.Append($"*{fields.Length}\r\n") |> ignore
    for field in fields do
        sb.Append($"${Encoding.UTF8.GetByteCount field}\r\n{field}\r\n") |> ignore
    Encoding.UTF8.GetBytes(sb.ToString())

/// Decodes without letting an exception escape: an exception is a property failure that says so.
let decode (bytes: byte[]) =
    try
        RespCodec.Decode(ReadOnlySpan bytes)
    with ex ->
        failwith $"Decode threw {ex.GetType().Name}: {ex.Message} on %A{Encoding.ASCII.GetString bytes}"

/// The error a decode reported, or a failure naming what came back instead.
let errorOf (result: DecodeResult) =
    if result.IsError then result.Error
    else failwith $"expected a decode error, got {result.Status} %A{result.Message}"

/// Where each field's text starts in a frame written by `frameOf` (ASCII fields).
let fieldStarts (argv: string[]) =
    let mutable pos = $"*{argv.Length}\r\n".Length
    [ for field in argv do
        pos <- pos + $"${field.Length}\r\n".Length
        yield pos
        pos <- pos + field.Length + 2 ]

/// The argv indices of a message's number fields.
let numberFields (message: ElectionMessage) =
    match message with
    | :? Heartbeat -> [ 1; 4 ]
    | :? Offer -> [ 1; 3 ]
    | :? Accept
    | :? Announce -> [ 1 ]
    | other -> invalidArg (nameof message) $"not an election message: {other}"

[<Properties(Arbitrary = [| typeof<Arbitraries> |], Replay = Seed, MaxTest = 300)>]
module RoundTrip =

    [<Property>]
    let ``RESP encoding decodes to the same message and consumes the whole frame`` (message: ElectionMessage) =
        let frame = RespCodec.Encode message
        let result = decode frame
        result.Status = DecodeStatus.Ok
        && result.Message = message
        && result.BytesConsumed = frame.Length
        && RespCodec.GetEncodedLength message = frame.Length

    [<Property>]
    let ``the codec writes exactly the frame of the message's argv`` (message: ElectionMessage) =
        RespCodec.Encode message = frameOf (MessageArgv.ToArgv message)

    [<Property>]
    let ``argv round-trips`` (message: ElectionMessage) =
        let result = MessageArgv.FromArgv(MessageArgv.ToArgv message)
        result.IsOk && result.Message = message

    [<Property>]
    let ``the span, buffer-writer and try forms write the same bytes`` (message: ElectionMessage) =
        let expected = RespCodec.Encode message
        let writer = ArrayBufferWriter<byte>()
        let written = RespCodec.Encode(message, writer)
        let exact = Array.zeroCreate<byte> expected.Length
        let fits, count = RespCodec.TryEncode(message, Span exact)
        let short = Array.zeroCreate<byte> (expected.Length - 1)
        let fitsShort, countShort = RespCodec.TryEncode(message, Span short)
        written = expected.Length
        && writer.WrittenSpan.ToArray() = expected
        && fits && count = expected.Length && exact = expected
        && not fitsShort && countShort = 0

    [<Property>]
    let ``back-to-back frames decode one after another`` (messages: ElectionMessage list) =
        let stream = messages |> List.map RespCodec.Encode |> Array.concat
        let rec readAll (offset: int) acc =
            if offset = stream.Length then List.rev acc
            else
                let result = decode stream[offset..]
                match result.TryGetMessage() with
                | true, message -> readAll (offset + result.BytesConsumed) (message :: acc)
                | false, _ -> failwith $"frame at {offset}: {result.Status} {result.ErrorMessage}"
        readAll 0 [] = messages

    [<Property>]
    let ``verbs and roles decode in any case`` (message: ElectionMessage) (upper: bool) =
        let argv = MessageArgv.ToArgv message
        let recase (s: string) = if upper then s.ToUpperInvariant() else s.ToLowerInvariant()
        argv[0] <- recase argv[0]
        match message with
        | :? Heartbeat -> argv[3] <- recase argv[3]
        | _ -> ()
        (decode (frameOf argv)).Message = message

[<Properties(Arbitrary = [| typeof<Arbitraries> |], Replay = Seed, MaxTest = 200)>]
module Mutations =

    [<Property>]
    let ``every strict prefix of a frame is Truncated and consumes nothing`` (message: ElectionMessage) =
        let frame = RespCodec.Encode message
        [ 0 .. frame.Length - 1 ]
        |> List.forall (fun n ->
            let result = decode frame[.. n - 1]
            errorOf result = DecodeError.Truncated && result.BytesConsumed = 0)

    [<Property>]
    let ``a non-digit in a number field is BadNumeric`` (message: ElectionMessage) =
        let argv = MessageArgv.ToArgv message
        let starts = fieldStarts argv
        Prop.forAll (Arb.fromGen (Gen.elements (numberFields message))) (fun index ->
            Prop.forAll (Arb.fromGen (Gen.elements [ 'x'; '-'; '+'; ' '; '.'; '/'; ':' ])) (fun junk ->
                let frame = frameOf argv
                frame[starts[index]] <- byte junk
                let result = decode frame
                errorOf result = DecodeError.BadNumeric && result.BytesConsumed = frame.Length))

    [<Property>]
    let ``a number over u64, signed or empty is rejected`` (message: ElectionMessage) =
        let index = List.head (numberFields message)
        [ "18446744073709551616", DecodeError.BadNumeric
          "99999999999999999999999", DecodeError.BadNumeric
          "-1", DecodeError.BadNumeric
          "+1", DecodeError.BadNumeric
          "0x10", DecodeError.BadNumeric
          "", DecodeError.WrongShape ]
        |> List.forall (fun (text, expected) ->
            let argv = MessageArgv.ToArgv message
            argv[index] <- text
            errorOf (decode (frameOf argv)) = expected
            && (MessageArgv.FromArgv argv).Error = expected)

    [<Property>]
    let ``a heartbeat role that is no role is BadRole`` (epoch: uint64) (junk: NonEmptyString) =
        let word = junk.Get |> String.filter (fun c -> c > ' ' && c < '\127')
        let isRole = Roles.TryParse(word.AsSpan()).HasValue
        (word <> "" && not isRole) ==> lazy (
            let argv = MessageArgv.ToArgv(Heartbeat(epoch, "node-a", Role.Primary, 0UL))
            argv[3] <- word
            errorOf (decode (frameOf argv)) = DecodeError.BadRole)

    [<Property>]
    let ``an unknown verb or a wrong field count is WrongShape`` (message: ElectionMessage) =
        let argv = MessageArgv.ToArgv message
        let unknownVerb = Array.append [| argv[0] + "X" |] argv[1..]
        let missingField = argv[.. argv.Length - 2]
        let extraField = Array.append argv [| "7" |]
        [ unknownVerb; missingField; extraField ]
        |> List.forall (fun broken ->
            let result = decode (frameOf broken)
            errorOf result = DecodeError.WrongShape && result.BytesConsumed = (frameOf broken).Length)

    [<Property>]
    let ``a frame that is not an array of bulk strings is Bad`` (message: ElectionMessage) =
        let frame = RespCodec.Encode message
        let withByte index (b: char) =
            let copy = Array.copy frame
            copy[index] <- byte b
            copy
        let argv = MessageArgv.ToArgv message
        let firstBulk = $"*{argv.Length}\r\n".Length
        let afterVerb = List.head (fieldStarts argv) + argv[0].Length
        [ withByte 0 '$' // a bulk string where the array was expected
          withByte 0 '+'
          withByte firstBulk ':' // an integer where a bulk string was expected
          withByte afterVerb 'X' // the bulk string is not followed by CRLF
          withByte (afterVerb + 1) 'X'
          Array.append "*-0\r\n"B frame[4..] // a negative count is a null array, but -0 is not one
          Array.append "*99\r\n"B frame ] // over the array-count cap
        |> List.forall (fun broken -> errorOf (decode broken) = DecodeError.Bad)

    [<Property>]
    let ``a null array before a frame is skipped and the frame decodes after it`` (message: ElectionMessage) =
        let stream = Array.append "*-1\r\n"B (RespCodec.Encode message)
        let skipped = decode stream
        skipped.IsSkipped && skipped.BytesConsumed = 5 && (decode stream[5..]).Message = message

    [<Property>]
    let ``any byte changed, dropped or inserted decodes to a result, never an exception``
        (message: ElectionMessage) (position: NonNegativeInt) (value: byte) (kind: int) =
        let frame = RespCodec.Encode message
        let at = position.Get % frame.Length
        let mutated =
            match abs kind % 3 with
            | 0 -> Array.updateAt at value frame
            | 1 -> Array.removeAt at frame
            | _ -> Array.insertAt at value frame
        let result = decode mutated
        match result.Status with
        | DecodeStatus.Ok ->
            // Whatever it decoded is a message the codec can write and read back.
            match result.Message with
            | null -> false
            | decoded ->
                result.BytesConsumed > 0 && result.BytesConsumed <= mutated.Length
                && (decode (RespCodec.Encode decoded)).Message = decoded
        | DecodeStatus.Skipped -> result.BytesConsumed > 0 && result.BytesConsumed <= mutated.Length
        | DecodeStatus.Error ->
            Enum.IsDefined result.Error
            && not (String.IsNullOrEmpty result.ErrorMessage)
            && result.BytesConsumed <= mutated.Length
            && (result.Error <> DecodeError.Truncated || result.BytesConsumed = 0)
        | other -> failwith $"unknown status {other}"

[<Fact>]
let ``the protocol's example frame decodes`` () =
    let frame = "*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$9\r\nreplica-2\r\n"B
    let result = RespCodec.Decode(ReadOnlySpan frame)
    Assert.Equal(DecodeStatus.Ok, result.Status)
    Assert.Equal<ElectionMessage | null>(Accept(7UL, "replica-2"), result.Message)
    Assert.Equal(frame.Length, result.BytesConsumed)
    Assert.Equal<byte[]>(frame, RespCodec.Encode(Accept(7UL, "replica-2")))

[<Fact>]
let ``an inline line decodes too, and an empty line is skipped`` () =
    let result = RespCodec.Decode(ReadOnlySpan "hb 1 node-a PRIMARY 0\r\n"B)
    Assert.Equal<ElectionMessage | null>(Heartbeat(1UL, "node-a", Role.Primary, 0UL), result.Message)
    let empty = RespCodec.Decode(ReadOnlySpan "\r\n"B)
    Assert.True(empty.IsSkipped)
    Assert.Equal(2, empty.BytesConsumed)
