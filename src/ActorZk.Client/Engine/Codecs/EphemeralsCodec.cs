using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>getEphemerals: the session's ephemeral paths under the prefix, mapped into the chroot.</summary>
internal readonly struct EphemeralsCodec : IReplyCodec<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static IReadOnlyList<string> Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        var paths = body.ReadStringVector() ?? [];
        if (context.Chroot.Root is null)
        {
            return paths;
        }

        // The server matches the prefix as a string, so with a chroot it can list paths beside it ("/app" matches
        // "/apple/x"); keep only those inside the chroot, as client paths.
        var result = new List<string>(paths.Count);
        foreach (var path in paths)
        {
            if (context.Chroot.Contains(path))
            {
                result.Add(context.Chroot.Strip(path));
            }
        }

        return result;
    }
}
