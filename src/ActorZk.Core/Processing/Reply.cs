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
    /// <summary>A header-only reply with <paramref name="err"/>.</summary>
    public static Reply Error(ErrorCode err) => new(err, null);
}
