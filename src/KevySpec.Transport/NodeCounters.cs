namespace KevySpec.Transport;

/// <summary>Totals since a node started.</summary>
/// <param name="FramesIn">Election frames accepted from members and handed to the elector.</param>
/// <param name="FramesOut">Frames written to peer connections.</param>
/// <param name="FramesDropped">Frames the elector emitted that were never written: queue overflow (oldest first), a cut link or the drop-ratio fault.</param>
/// <param name="DecodeErrors">Inbound connections closed for a decode error or a frame larger than the read buffer.</param>
/// <param name="Reconnects">Outbound connections re-established after a link's first one.</param>
/// <param name="UnknownSenders">Inbound connections closed for a frame whose sender id is not another member.</param>
/// <param name="AuthFailures">Inbound connections closed for a missing or wrong authentication proof (or a frame from another id than the proven one).</param>
/// <param name="SaveFailures">Elector steps that threw (a failed save): their whole batch was withheld.</param>
public sealed record NodeCounters(
    long FramesIn,
    long FramesOut,
    long FramesDropped,
    long DecodeErrors,
    long Reconnects,
    long UnknownSenders,
    long AuthFailures,
    long SaveFailures);
