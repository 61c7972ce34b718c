namespace ActorZk.Linearizability;

/// <summary>
/// A sequential specification the checker searches against (Porcupine's <c>Model</c>): a deterministic state
/// machine whose steps either accept an operation with its observed output, yielding the next state, or reject it.
/// </summary>
/// <typeparam name="TState">The model state; immutable, compared with <see cref="StateComparer"/>.</typeparam>
/// <typeparam name="TInput">An operation's input (what the client asked for).</typeparam>
/// <typeparam name="TOutput">An operation's output (what the client got back). A <see langword="null"/> output
/// stands for an indeterminate operation whose result was never seen: the step must accept it.</typeparam>
public interface IModel<TState, TInput, TOutput>
    where TState : notnull
    where TOutput : class
{
    /// <summary>Compares states; the checker memoizes (linearized set, state) pairs with it.</summary>
    IEqualityComparer<TState> StateComparer { get; }

    /// <summary>The key of the independent sub-history an input belongs to (P-compositionality); a model
    /// without independent parts returns one constant.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The partition key.</returns>
    string PartitionKey(TInput input);

    /// <summary>The initial state of one partition.</summary>
    /// <returns>The state.</returns>
    TState Init();

    /// <summary>Applies an operation in <paramref name="state"/>.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="input">The input.</param>
    /// <param name="output">The observed output, or <see langword="null"/> when indeterminate (accept any).</param>
    /// <param name="next">The state after, when accepted.</param>
    /// <returns>True when the specification allows <paramref name="output"/> in <paramref name="state"/>.</returns>
    bool Step(TState state, TInput input, TOutput? output, out TState next);

    /// <summary>A one-line description of an operation, for explanations.</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The output, or null when indeterminate.</param>
    /// <returns>The text.</returns>
    string DescribeOperation(TInput input, TOutput? output);

    /// <summary>A one-line description of a state, for explanations.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The text.</returns>
    string DescribeState(TState state);
}
