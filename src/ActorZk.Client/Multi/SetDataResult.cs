using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>The result of a <see cref="SetDataOp"/>.</summary>
/// <param name="Stat">The node's Stat after the write.</param>
public sealed record SetDataResult(Stat Stat) : OpResult;
