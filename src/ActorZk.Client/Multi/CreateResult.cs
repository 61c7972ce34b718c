using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>The result of a <see cref="CreateOp"/>.</summary>
/// <param name="Path">The created path (with the sequence suffix for sequential modes), relative to the chroot.</param>
/// <param name="Stat">The new node's Stat for container and TTL creates, which the server answers as create2; otherwise null.</param>
public sealed record CreateResult(string Path, Stat? Stat) : OpResult;
