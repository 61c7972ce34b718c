namespace ActorZk.Client.Multi;

/// <summary>The result of a <see cref="CheckOp"/>.</summary>
public sealed record CheckResult : OpResult;
