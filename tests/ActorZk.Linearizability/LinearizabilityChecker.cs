using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorZk.Linearizability;

/// <summary>
/// Checks histories for linearizability against a sequential <see cref="IModel{TState, TInput, TOutput}"/>: the
/// Wing &amp; Gong search with Lowe's just-in-time linearization and memoization of (linearized set, state) pairs,
/// as in Porcupine, made iterative with an explicit stack. The history is split by
/// <see cref="IModel{TState, TInput, TOutput}.PartitionKey"/> and each part is checked on its own
/// (P-compositionality: a history is linearizable iff each independent part is).
/// </summary>
public static class LinearizabilityChecker
{
    /// <summary>Checks a history.</summary>
    /// <typeparam name="TState">The model state.</typeparam>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="model">The sequential specification.</param>
    /// <param name="operations">The history.</param>
    /// <param name="options">Budgets; defaults when null.</param>
    /// <param name="cancellationToken">Stops the search (the result is then <see cref="CheckOutcome.Unknown"/>).</param>
    /// <returns>The verdict, per partition and overall.</returns>
    public static LinearizabilityResult Check<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IEnumerable<Operation<TInput, TOutput>> operations,
        CheckOptions? options = null,
        CancellationToken cancellationToken = default)
        where TState : notnull
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(operations);
        options ??= new CheckOptions();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        var results = new List<PartitionResult>();
        foreach (var part in operations.GroupBy(o => model.PartitionKey(o.Input), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var search = new Search<TState, TInput, TOutput>(model, part.Key, [.. part], options, deadline, cancellationToken);
            results.Add(search.Run());
        }

        var outcome = results.Any(r => r.Outcome == CheckOutcome.NotLinearizable) ? CheckOutcome.NotLinearizable
            : results.Any(r => r.Outcome == CheckOutcome.Unknown) ? CheckOutcome.Unknown
            : CheckOutcome.Linearizable;
        return new LinearizabilityResult(outcome, results);
    }

    /// <summary>The search over one partition.</summary>
    private sealed class Search<TState, TInput, TOutput>
        where TState : notnull
        where TOutput : class
    {
        private readonly IModel<TState, TInput, TOutput> model;
        private readonly string partition;
        private readonly Operation<TInput, TOutput>[] ops;
        private readonly CheckOptions options;
        private readonly long deadline;
        private readonly CancellationToken cancellationToken;

        public Search(IModel<TState, TInput, TOutput> model, string partition, Operation<TInput, TOutput>[] ops, CheckOptions options, long deadline, CancellationToken cancellationToken)
        {
            this.model = model;
            this.partition = partition;
            this.ops = ops;
            this.options = options;
            this.deadline = deadline;
            this.cancellationToken = cancellationToken;
        }

        public PartitionResult Run()
        {
            var started = Stopwatch.GetTimestamp();
            var n = ops.Length;
            var head = BuildList();
            var linearized = new Bitset(n);
            var cache = new HashSet<CacheKey>(new CacheKeyComparer(model.StateComparer));
            var calls = new List<(Entry Call, TState Before)>();
            var state = model.Init();
            var best = Array.Empty<int>();
            var bestState = state;
            long steps = 0;
            var entry = head.Next;
            while (head.Next is not null)
            {
                if ((++steps & 0xFFF) == 0 && (Stopwatch.GetTimestamp() > deadline || cancellationToken.IsCancellationRequested))
                {
                    return Result(CheckOutcome.Unknown, steps, started, $"{partition}: time budget exhausted after {steps} steps ({calls.Count}/{n} operations linearized)");
                }

                if (steps > options.MaxStepsPerPartition)
                {
                    return Result(CheckOutcome.Unknown, steps, started, $"{partition}: step budget of {options.MaxStepsPerPartition} exhausted ({calls.Count}/{n} operations linearized)");
                }

                if (entry!.IsCall)
                {
                    var op = ops[entry.Op];
                    if (model.Step(state, op.Input, op.Output, out var next))
                    {
                        // Memoize: reaching the same state with the same set of operations linearized again
                        // cannot lead anywhere the first visit did not.
                        linearized.Set(entry.Op);
                        if (!cache.Contains(new CacheKey(linearized, next)))
                        {
                            // The live bitset changes with the search; the cache keeps a copy.
                            cache.Add(new CacheKey(linearized.Clone(), next));
                            calls.Add((entry, state));
                            state = next;
                            Lift(entry);

                            entry = head.Next;
                            continue;
                        }

                        linearized.Clear(entry.Op);
                    }

                    entry = entry.Next;
                }
                else
                {
                    // A return reached before its call was linearized: undo the last choice and try the next one.
                    if (calls.Count == 0)
                    {
                        return Result(CheckOutcome.NotLinearizable, steps, started, Explain(best, bestState));
                    }

                    // A prefix is only known to be a dead end when the search backs out of it: remember the longest
                    // one then (copying on every push instead would cost O(n^2) on a linearizable history).
                    if (calls.Count > best.Length)
                    {
                        best = [.. calls.Select(c => c.Call.Op)];
                        bestState = state;
                    }

                    var (call, before) = calls[^1];
                    calls.RemoveAt(calls.Count - 1);
                    state = before;
                    linearized.Clear(call.Op);
                    Unlift(call);
                    entry = call.Next;
                }
            }

            return Result(CheckOutcome.Linearizable, steps, started, null);
        }

        private PartitionResult Result(CheckOutcome outcome, long steps, long started, string? explanation)
            => new(partition, outcome, ops.Length, steps, Stopwatch.GetElapsedTime(started), explanation);

        /// <summary>The call and return entries sorted by time, calls first at equal times (so touching
        /// operations count as concurrent), indeterminate returns last.</summary>
        private Entry BuildList()
        {
            var entries = new List<Entry>(ops.Length * 2);
            for (var i = 0; i < ops.Length; i++)
            {
                var call = new Entry(i, true, ops[i].Call);
                var ret = new Entry(i, false, ops[i].Return ?? long.MaxValue);
                call.Match = ret;
                entries.Add(call);
                entries.Add(ret);
            }

            entries.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time)
                : a.IsCall != b.IsCall ? (a.IsCall ? -1 : 1)
                : a.Op.CompareTo(b.Op));
            var head = new Entry(-1, false, long.MinValue);
            var prev = head;
            foreach (var e in entries)
            {
                prev.Next = e;
                e.Prev = prev;
                prev = e;
            }

            return head;
        }

        private static void Lift(Entry call)
        {
            call.Prev!.Next = call.Next;
            call.Next!.Prev = call.Prev;
            var ret = call.Match!;
            ret.Prev!.Next = ret.Next;
            if (ret.Next is not null)
            {
                ret.Next.Prev = ret.Prev;
            }
        }

        private static void Unlift(Entry call)
        {
            var ret = call.Match!;
            ret.Prev!.Next = ret;
            if (ret.Next is not null)
            {
                ret.Next.Prev = ret;
            }

            call.Prev!.Next = call;
            call.Next!.Prev = call;
        }

        private string Explain(int[] prefix, TState state)
        {
            var text = new StringBuilder();
            var c = CultureInfo.InvariantCulture;
            text.AppendLine(c, $"{partition}: not linearizable ({ops.Length} operations).");
            text.AppendLine(c, $"Longest linearizable prefix: {prefix.Length} operations{(prefix.Length > options.ExplainPrefixLength ? $", the last {options.ExplainPrefixLength} shown" : string.Empty)}:");
            var replay = model.Init();
            for (var i = 0; i < prefix.Length; i++)
            {
                var op = ops[prefix[i]];
                model.Step(replay, op.Input, op.Output, out replay);
                if (i >= prefix.Length - options.ExplainPrefixLength)
                {
                    text.AppendLine(c, $"  {Describe(op)}  => {model.DescribeState(replay)}");
                }
            }

            // Any linearization extending the prefix must place next one of the operations invoked before the
            // earliest pending return; none of them fits the state, or the search would have gone further.
            var placed = new HashSet<int>(prefix);
            var pending = Enumerable.Range(0, ops.Length).Where(i => !placed.Contains(i)).ToList();
            var firstReturn = pending.Min(i => ops[i].Return ?? long.MaxValue);
            text.AppendLine(c, $"Then in state {model.DescribeState(state)} none of these could be placed next:");
            foreach (var i in pending.Where(i => ops[i].Call <= firstReturn).OrderBy(i => ops[i].Call))
            {
                var fits = model.Step(state, ops[i].Input, ops[i].Output, out _);
                text.AppendLine(c, $"  {Describe(ops[i])}{(fits ? "  (fits here, but leads to a dead end later)" : "  (does not fit)")}");
            }

            return text.ToString();
        }

        private string Describe(Operation<TInput, TOutput> op)
            => string.Create(CultureInfo.InvariantCulture, $"#{op.Id} client {op.ClientId} [{Ms(op.Call)} .. {(op.Return is { } r ? Ms(r) : "?")}] {model.DescribeOperation(op.Input, op.Output)}");

        private static string Ms(long ticks) => (ticks / (double)TimeSpan.TicksPerMillisecond).ToString("F3", CultureInfo.InvariantCulture) + "ms";

        private readonly record struct CacheKey(Bitset Linearized, TState State);

        private sealed class CacheKeyComparer(IEqualityComparer<TState> states) : IEqualityComparer<CacheKey>
        {
            public bool Equals(CacheKey x, CacheKey y) => x.Linearized.Equals(y.Linearized) && states.Equals(x.State, y.State);

            public int GetHashCode(CacheKey obj) => HashCode.Combine(obj.Linearized.GetHashCode(), states.GetHashCode(obj.State));
        }

        private sealed class Entry(int op, bool isCall, long time)
        {
            public int Op { get; } = op;

            public bool IsCall { get; } = isCall;

            public long Time { get; } = time;

            public Entry? Match { get; set; }

            public Entry? Prev { get; set; }

            public Entry? Next { get; set; }
        }
    }
}
