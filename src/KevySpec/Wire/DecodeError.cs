namespace KevySpec.Wire;

/// <summary>
/// Why a frame could not be decoded. On every error but <see cref="Truncated"/> the connection
/// is dropped (PROTOCOL.md, "Wire format"). The values start at 1 so that <c>default</c> is no error.
/// </summary>
public enum DecodeError
{
    /// <summary>The buffer holds only the start of a frame: read more bytes and retry (nothing was consumed).</summary>
    Truncated = 1,

    /// <summary>The bytes are not a RESP2 array of bulk strings nor an inline line, or they break a cap.</summary>
    Bad = 2,

    /// <summary>A well-formed frame with a missing or unknown verb, the wrong number of fields, or an empty field.</summary>
    WrongShape = 3,

    /// <summary>A number field is not a decimal u64 (only ASCII digits, no sign, no spaces, at most 18446744073709551615).</summary>
    BadNumeric = 4,

    /// <summary>A role field is not <c>primary</c>, <c>replica</c> or <c>candidate</c> (any case).</summary>
    BadRole = 5,
}
