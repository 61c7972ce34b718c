namespace ActorZk.Client.Multi;

/// <summary>The result of a <see cref="DeleteOp"/>.</summary>
public sealed record DeleteResult : OpResult;
