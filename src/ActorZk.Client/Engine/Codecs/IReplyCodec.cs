using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>
/// Turns a reply into the result of a client call. Implemented by empty structs and used as a generic argument,
/// so decoding is bound at compile time without a delegate per request.
/// </summary>
/// <typeparam name="TResult">The call's result type.</typeparam>
internal interface IReplyCodec<TResult>
{
    /// <summary>When true, <see cref="Decode"/> also sees error replies; otherwise they become <see cref="Exceptions.KeeperException"/>s.</summary>
    static abstract bool DecodesErrors { get; }

    /// <summary>Decodes the reply body.</summary>
    /// <param name="header">The reply header.</param>
    /// <param name="body">The body.</param>
    /// <param name="context">The chroot and the request's path.</param>
    /// <returns>The result.</returns>
    /// <exception cref="Exceptions.KeeperException">The reply means failure (for codecs that decode errors).</exception>
    /// <exception cref="JuteException">The body is malformed.</exception>
    static abstract TResult Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context);
}
