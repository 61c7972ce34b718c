using ActorZk.Protocol;

namespace ActorZk.Client.Multi;

/// <summary>
/// A failed op. In a failed multi every result is one: <see cref="ErrorCode.Ok"/> for the ops before the failing
/// one, its error, then <see cref="ErrorCode.RuntimeInconsistency"/> for the rest. In a multiRead each op fails alone.
/// </summary>
/// <param name="Code">The op's error code.</param>
public sealed record ErrorResult(ErrorCode Code) : OpResult
{
    /// <inheritdoc />
    public override ErrorCode Error => Code;
}
