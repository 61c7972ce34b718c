using ActorZk.Linearizability.Znodes;

namespace ActorZk.Linearizability.Tests;

/// <summary>Builds hand-written histories: times are plain integers, an operation without return is indeterminate.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
internal sealed class HistoryBuilder<TInput, TOutput>
    where TOutput : class
{
    private readonly List<Operation<TInput, TOutput>> ops = [];

    public HistoryBuilder<TInput, TOutput> Add(long client, TInput input, long call, long ret, TOutput output)
    {
        ops.Add(new Operation<TInput, TOutput>(ops.Count, client, input, call, output, ret));
        return this;
    }

    public HistoryBuilder<TInput, TOutput> Indeterminate(long client, TInput input, long call)
    {
        ops.Add(new Operation<TInput, TOutput>(ops.Count, client, input, call, null, null));
        return this;
    }

    public IReadOnlyList<Operation<TInput, TOutput>> Operations => ops;

    public History<TInput, TOutput> Build() => new([.. ops]);
}

/// <summary>Shorthands.</summary>
internal static class Histories
{
    public static HistoryBuilder<ZkInput, ZkOutput> Zk() => new();

    public static HistoryBuilder<Models.RegisterInput, Models.RegisterOutput> Register() => new();
}
