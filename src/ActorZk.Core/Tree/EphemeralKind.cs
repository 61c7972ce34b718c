namespace ActorZk.Core.Tree;

/// <summary>What a znode's <c>ephemeralOwner</c> field encodes (ZooKeeper's <c>EphemeralType</c>).</summary>
public enum EphemeralKind
{
    /// <summary>Owner 0: a plain persistent node.</summary>
    Void,
    /// <summary>A session id: an ephemeral node.</summary>
    Normal,
    /// <summary>The container marker (<see cref="long.MinValue"/>).</summary>
    Container,
    /// <summary>A TTL node: the owner carries the TTL in milliseconds.</summary>
    Ttl,
}
