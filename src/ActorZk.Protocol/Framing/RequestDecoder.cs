using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Protocol.Framing;

/// <summary>Decodes the body that follows a <see cref="RequestHeader"/> according to its type.</summary>
public static class RequestDecoder
{
    /// <summary>
    /// Reads the request record for <paramref name="op"/>. Ping, closeSession and whoAmI have no body and yield
    /// <see cref="EmptyRecord.Instance"/>. Returns <see langword="null"/> for types a client may not send
    /// (unknown values, notification, createSession, error), which the server answers with
    /// <see cref="ErrorCode.Unimplemented"/>. A check on its own is decoded: ZooKeeper 3.8.0 accepts it as a txn.
    /// </summary>
    /// <remarks>Bytes after the record are ignored, as ZooKeeper does.</remarks>
    /// <exception cref="JuteException">The body is truncated or malformed.</exception>
    public static IJuteRecord? Decode(OpCode op, ref JuteReader reader) => op switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Deserialize(ref reader),
        OpCode.CreateTtl => CreateTTLRequest.Deserialize(ref reader),
        OpCode.Delete => DeleteRequest.Deserialize(ref reader),
        OpCode.DeleteContainer => DeleteContainerRequest.Deserialize(ref reader),
        OpCode.Exists => ExistsRequest.Deserialize(ref reader),
        OpCode.GetData => GetDataRequest.Deserialize(ref reader),
        OpCode.SetData => SetDataRequest.Deserialize(ref reader),
        OpCode.GetAcl => GetACLRequest.Deserialize(ref reader),
        OpCode.SetAcl => SetACLRequest.Deserialize(ref reader),
        OpCode.GetChildren => GetChildrenRequest.Deserialize(ref reader),
        OpCode.GetChildren2 => GetChildren2Request.Deserialize(ref reader),
        OpCode.GetAllChildrenNumber => GetAllChildrenNumberRequest.Deserialize(ref reader),
        OpCode.Sync => SyncRequest.Deserialize(ref reader),
        OpCode.Ping or OpCode.CloseSession or OpCode.WhoAmI => EmptyRecord.Instance,
        OpCode.Multi or OpCode.MultiRead => MultiRequest.Deserialize(ref reader),
        OpCode.Reconfig => ReconfigRequest.Deserialize(ref reader),
        OpCode.Check => CheckVersionRequest.Deserialize(ref reader),
        OpCode.CheckWatches => CheckWatchesRequest.Deserialize(ref reader),
        OpCode.RemoveWatches => RemoveWatchesRequest.Deserialize(ref reader),
        OpCode.AddWatch => AddWatchRequest.Deserialize(ref reader),
        OpCode.Auth => AuthPacket.Deserialize(ref reader),
        OpCode.Sasl => GetSASLRequest.Deserialize(ref reader),
        OpCode.SetWatches => SetWatches.Deserialize(ref reader),
        OpCode.SetWatches2 => SetWatches2.Deserialize(ref reader),
        OpCode.GetEphemerals => GetEphemeralsRequest.Deserialize(ref reader),
        _ => null,
    };
}
