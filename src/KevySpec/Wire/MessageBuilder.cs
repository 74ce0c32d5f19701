namespace KevySpec.Wire;

/// <summary>
/// Turns the fields of a frame or argv into an <see cref="ElectionMessage"/>, checking in order:
/// the verb (case-insensitive), the field count, then each field left to right (empty → WrongShape,
/// number → BadNumeric, role → BadRole). The one rule set behind <see cref="MessageArgv.FromArgv"/> and
/// <see cref="RespCodec.Decode(ReadOnlySpan{byte})"/>.
/// </summary>
internal static class MessageBuilder
{
    /// <summary>Builds the message the fields of <paramref name="f"/> describe, or says precisely why not.</summary>
    public static ArgvResult Build<T>(scoped ref T f) where T : IFieldSource, allows ref struct
    {
        if (f.Count == 0) return ArgvResult.Fail(DecodeError.WrongShape, "missing verb: the frame has no fields");
        if (f.IsEmpty(0)) return ArgvResult.Fail(DecodeError.WrongShape, "missing verb: the first field is empty");
        if (f.EqualsIgnoreCase(0, "HB"u8)) return Heartbeat(ref f);
        if (f.EqualsIgnoreCase(0, "OFFER"u8)) return Offer(ref f);
        if (f.EqualsIgnoreCase(0, "ACCEPT"u8)) return Accept(ref f);
        if (f.EqualsIgnoreCase(0, "ANNOUNCE"u8)) return Announce(ref f);
        return ArgvResult.Fail(DecodeError.WrongShape, $"unknown verb '{f.Preview(0)}' (expected HB, OFFER, ACCEPT or ANNOUNCE)");
    }

    private static ArgvResult Heartbeat<T>(scoped ref T f) where T : IFieldSource, allows ref struct
    {
        if (!Arity(ref f, WireVerbs.Heartbeat, 4, out var error)) return error;
        if (!Epoch(ref f, 1, "epoch", out var epoch, out error)) return error;
        if (!Text(ref f, 2, "node_id", out var nodeId, out error)) return error;
        if (!RoleField(ref f, 3, out var role, out error)) return error;
        if (!Number(ref f, 4, "repl_offset", out var offset, out error)) return error;
        return ArgvResult.Ok(new Heartbeat(epoch, nodeId, role, offset));
    }

    private static ArgvResult Offer<T>(scoped ref T f) where T : IFieldSource, allows ref struct
    {
        if (!Arity(ref f, WireVerbs.Offer, 3, out var error)) return error;
        if (!Epoch(ref f, 1, "new_epoch", out var epoch, out error)) return error;
        if (!Text(ref f, 2, "candidate_id", out var candidate, out error)) return error;
        if (!Number(ref f, 3, "repl_offset", out var offset, out error)) return error;
        return ArgvResult.Ok(new Offer(epoch, candidate, offset));
    }

    private static ArgvResult Accept<T>(scoped ref T f) where T : IFieldSource, allows ref struct
    {
        if (!Arity(ref f, WireVerbs.Accept, 2, out var error)) return error;
        if (!Epoch(ref f, 1, "epoch", out var epoch, out error)) return error;
        if (!Text(ref f, 2, "accepter_id", out var voter, out error)) return error;
        return ArgvResult.Ok(new Accept(epoch, voter));
    }

    private static ArgvResult Announce<T>(scoped ref T f) where T : IFieldSource, allows ref struct
    {
        if (!Arity(ref f, WireVerbs.Announce, 3, out var error)) return error;
        if (!Epoch(ref f, 1, "epoch", out var epoch, out error)) return error;
        if (!Text(ref f, 2, "new_primary_id", out var primary, out error)) return error;
        if (!Text(ref f, 3, "new_primary_addr", out var addr, out error)) return error;
        return ArgvResult.Ok(new Announce(epoch, primary, addr));
    }

    private static bool Arity<T>(scoped ref T f, string verb, int fields, out ArgvResult error)
        where T : IFieldSource, allows ref struct
    {
        if (f.Count == fields + 1)
        {
            error = default;
            return true;
        }
        error = ArgvResult.Fail(DecodeError.WrongShape, $"{verb} needs {fields} fields after the verb, got {f.Count - 1}");
        return false;
    }

    private static bool NotEmpty<T>(scoped ref T f, int index, string name, out ArgvResult error)
        where T : IFieldSource, allows ref struct
    {
        if (!f.IsEmpty(index))
        {
            error = default;
            return true;
        }
        error = ArgvResult.Fail(DecodeError.WrongShape, $"{name} (field {index}) is empty");
        return false;
    }

    // An epoch is a number up to Epochs.Ceiling (u64 max): the one range the codec, the elector and elect.meta share.
    private static bool Epoch<T>(scoped ref T f, int index, string name, out ulong value, out ArgvResult error)
        where T : IFieldSource, allows ref struct =>
        Number(ref f, index, name, out value, out error, isEpoch: true);

    private static bool Number<T>(scoped ref T f, int index, string name, out ulong value, out ArgvResult error,
        bool isEpoch = false)
        where T : IFieldSource, allows ref struct
    {
        value = 0;
        if (!NotEmpty(ref f, index, name, out error)) return false;
        switch (f.ParseU64(index, out value))
        {
            case U64Parse.Ok:
                return true;
            case U64Parse.Overflow:
                error = ArgvResult.Fail(DecodeError.BadNumeric, $"{name} '{f.Preview(index)}' is not a decimal u64 ({(isEpoch ? $"above the epoch ceiling {Epochs.Ceiling}" : $"larger than {ulong.MaxValue}")})");
                return false;
            default:
                error = ArgvResult.Fail(DecodeError.BadNumeric, $"{name} '{f.Preview(index)}' is not a decimal u64");
                return false;
        }
    }

    private static bool Text<T>(scoped ref T f, int index, string name, out string value, out ArgvResult error)
        where T : IFieldSource, allows ref struct
    {
        if (!NotEmpty(ref f, index, name, out error))
        {
            value = string.Empty;
            return false;
        }
        value = f.GetString(index);
        return true;
    }

    private static bool RoleField<T>(scoped ref T f, int index, out Role role, out ArgvResult error)
        where T : IFieldSource, allows ref struct
    {
        role = default;
        if (!NotEmpty(ref f, index, "role", out error)) return false;
        if (f.ParseRole(index) is { } parsed)
        {
            role = parsed;
            return true;
        }
        error = ArgvResult.Fail(DecodeError.BadRole, $"role '{f.Preview(index)}' is not primary, replica or candidate");
        return false;
    }
}
