using ActorZk.Protocol.Records;

namespace ActorZk.Core.Watches;

/// <summary>
/// What the watch manager needs from a client connection. Watches are keyed by the watcher's reference
/// identity, so one connection object is one watcher.
/// </summary>
public interface IWatcher
{
    /// <summary>The connection's session id (for the wchc/wchp reports).</summary>
    long SessionId { get; }

    /// <summary>
    /// The connection's identities. An event about a node reaches the connection only if they grant READ on
    /// that node's ACL (the CVE-2024-23944 fix, which the Debian 3.8.0 packages carry).
    /// </summary>
    IReadOnlyList<Id> AuthInfo { get; }

    /// <summary>True once the connection is closed: ZooKeeper ignores new watches of a stale connection.</summary>
    bool IsStale { get; }

    /// <summary>Delivers one event. Called synchronously while a txn is applied; must only enqueue.</summary>
    void Process(in WatchedEvent watchedEvent);
}
