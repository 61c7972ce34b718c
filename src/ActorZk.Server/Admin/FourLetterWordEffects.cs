namespace ActorZk.Server.Admin;

/// <summary>
/// What the caller must change on the server when it runs a four-letter word; the responder only formats text.
/// </summary>
[Flags]
public enum FourLetterWordEffects
{
    None = 0,

    /// <summary>
    /// srst: clear the server's latency min/avg/max, packets received/sent, client response sizes, every mntr
    /// counter and summary (ZooKeeper's ServerMetrics.resetAll) and, on a leader, the proposal sizes.
    /// </summary>
    ResetServerStats = 1,

    /// <summary>
    /// crst: on every connection clear packets received/sent and latencies, and set last operation to "NA",
    /// last cxid and last zxid to -1, last response time and last latency to 0.
    /// </summary>
    ResetConnectionStats = 2,

    /// <summary>
    /// stmk: the 8 bytes after the word are a big-endian trace mask to store; the reply echoes it. ActorZk keeps the
    /// value for gtmk but has no trace log for it to filter.
    /// </summary>
    SetTraceMask = 4,
}
