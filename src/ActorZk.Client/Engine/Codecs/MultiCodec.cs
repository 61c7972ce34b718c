using ActorZk.Client.Exceptions;
using ActorZk.Client.Multi;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>
/// multi: the per-op results; when an op failed, throws the exception of its error code carrying every result,
/// as ZooKeeper's client does.
/// </summary>
internal readonly struct MultiCodec : IReplyCodec<IReadOnlyList<OpResult>>
{
    /// <inheritdoc />
    public static bool DecodesErrors => true;

    /// <inheritdoc />
    public static IReadOnlyList<OpResult> Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        IReadOnlyList<OpResult>? results = null;
        if (header.Err == ErrorCode.Ok || body.Remaining > 0)
        {
            try
            {
                results = Map(MultiResponse.Deserialize(ref body), context.Chroot);
            }
            catch (JuteException) when (header.Err != ErrorCode.Ok)
            {
                // Servers differ in whether a failed multi carries its results; the header's error is what counts.
            }
        }

        var ops = context.State as IReadOnlyList<Op>;
        var failed = -1;
        if (results is not null)
        {
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Error != ErrorCode.Ok)
                {
                    failed = i;
                    break;
                }
            }
        }

        if (header.Err == ErrorCode.Ok && failed < 0)
        {
            return results!;
        }

        var code = failed >= 0 ? results![failed].Error : header.Err;
        var path = failed >= 0 && ops is not null && failed < ops.Count ? ops[failed].Path : null;
        var exception = KeeperException.Create(code, path);
        exception.MultiResults = results;
        exception.FailedOpIndex = failed;
        throw exception;
    }

    /// <summary>Maps wire results to client results.</summary>
    /// <param name="response">The decoded response.</param>
    /// <param name="chroot">The chroot.</param>
    /// <returns>The results.</returns>
    internal static OpResult[] Map(MultiResponse response, Chroot chroot)
    {
        var results = new OpResult[response.Results.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = OpResult.FromProtocol(response.Results[i], chroot);
        }

        return results;
    }
}
