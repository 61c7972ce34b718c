namespace ActorZk.Client.Multi;

/// <summary>The result of a <see cref="GetChildrenOp"/>.</summary>
/// <param name="Children">The children's names.</param>
public sealed record GetChildrenResult(IReadOnlyList<string> Children) : OpResult;
