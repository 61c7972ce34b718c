using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>The result of a <see cref="GetDataOp"/>.</summary>
/// <param name="Data">The data (null when the node was created with null data).</param>
/// <param name="Stat">The node's Stat.</param>
public sealed record GetDataResult(byte[]? Data, Stat Stat) : OpResult;
