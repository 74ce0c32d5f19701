namespace KevySpec.Wire;

/// <summary>
/// Handles a <see cref="DecodeResult"/> or an <see cref="ArgvResult"/> with one function per outcome,
/// each given only what that outcome has (the message is never null in the Ok case). Meant for
/// callers, such as F#, that do not read C#'s <c>[MemberNotNullWhen]</c> flow annotations.
/// </summary>
public static class DecodeResultMatch
{
    /// <summary>
    /// <paramref name="ok"/> with the message and the frame length, <paramref name="skipped"/> with the
    /// empty frame's length, or <paramref name="error"/> with the kind, its description and the frame
    /// length when known (0 otherwise, always for <see cref="DecodeError.Truncated"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException">A function is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="result"/> is <c>default(DecodeResult)</c>, which is no result.</exception>
    public static T Match<T>(this DecodeResult result,
        Func<ElectionMessage, int, T> ok, Func<int, T> skipped, Func<DecodeError, string, int, T> error)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(skipped);
        ArgumentNullException.ThrowIfNull(error);
        if (result.IsOk) return ok(result.Message, result.BytesConsumed);
        if (result.IsSkipped) return skipped(result.BytesConsumed);
        if (result.IsError) return error(result.Error, result.ErrorMessage, result.BytesConsumed);
        throw new ArgumentException("default(DecodeResult) is not a decode result", nameof(result));
    }

    /// <summary><paramref name="ok"/> with the message, or <paramref name="error"/> with the kind and its description.</summary>
    /// <exception cref="ArgumentNullException">A function is null.</exception>
    public static T Match<T>(this ArgvResult result, Func<ElectionMessage, T> ok, Func<DecodeError, string, T> error)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(error);
        return result.IsOk ? ok(result.Message) : error(result.Error, result.ErrorMessage);
    }
}
