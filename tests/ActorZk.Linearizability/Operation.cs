namespace ActorZk.Linearizability;

/// <summary>One operation of a history: its invocation and, unless indeterminate, its completion.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
/// <param name="Id">The operation's index in its history (unique).</param>
/// <param name="ClientId">The client or session that issued it; a client's operations are sequential.</param>
/// <param name="Input">What was asked.</param>
/// <param name="Call">When it was invoked (monotonic, in 100 ns ticks from the recording's start).</param>
/// <param name="Output">What came back, or <see langword="null"/> when indeterminate.</param>
/// <param name="Return">When it completed, or <see langword="null"/> when indeterminate (it may have taken effect
/// at any time after <paramref name="Call"/>, or never: Porcupine's return at +infinity).</param>
public sealed record Operation<TInput, TOutput>(int Id, long ClientId, TInput Input, long Call, TOutput? Output, long? Return)
    where TOutput : class
{
    /// <summary>Whether the outcome is unknown (timeout, connection loss).</summary>
    public bool IsIndeterminate => Return is null;
}
