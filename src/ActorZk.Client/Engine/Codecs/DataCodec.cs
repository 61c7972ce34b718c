using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine.Codecs;

/// <summary>getData: the data (null stays null) and the Stat.</summary>
internal readonly struct DataCodec : IReplyCodec<(byte[]? Data, Stat Stat)>
{
    /// <inheritdoc />
    public static bool DecodesErrors => false;

    /// <inheritdoc />
    public static (byte[]? Data, Stat Stat) Decode(in ReplyHeader header, ref JuteReader body, in ReplyContext context)
    {
        var data = body.ReadBuffer();
        return (data, Stat.Deserialize(ref body));
    }
}
