using ActorZk.Protocol;
using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Processing;

/// <summary>What to send back for a request: the reply-header error and the response record, if any.</summary>
/// <param name="Err">The reply header's err.</param>
/// <param name="Response">The body; <see langword="null"/> for a header-only reply.</param>
/// <param name="CloseConnection">
/// True when ZooKeeper would answer by closing the connection instead (a multi op failed with SessionMoved).
/// </param>
public readonly record struct Reply(ErrorCode Err, IJuteRecord? Response, bool CloseConnection = false)
{
    /// <summary>The reply of a request ZooKeeper 3.8.0 never answers (see <see cref="Silent"/>).</summary>
    public static Reply None { get; } = new(ErrorCode.Ok, null) { Silent = true };

    /// <summary>
    /// True when nothing at all must be sent back: ZooKeeper 3.8.0 fails to serialize the response (a
    /// successful top-level check has a null stat) and drops it, so the client never gets a reply for that xid.
    /// </summary>
    public bool Silent { get; init; }

    /// <summary>A header-only reply with <paramref name="err"/>.</summary>
    public static Reply Error(ErrorCode err) => new(err, null);
}
