using ActorZk.Protocol.Jute;

namespace ActorZk.Core.Txns;

/// <summary>
/// A record of ZooKeeper's <c>org.apache.zookeeper.txn</c> jute module: the body of a logged and replicated
/// write, interpreted according to the <see cref="TxnHeader.Type"/> it travels with.
/// </summary>
public interface ITxn : IJuteRecord
{
}
