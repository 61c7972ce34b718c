using ActorZk.Linearizability.Znodes;
using ActorZk.Protocol;
using CsCheck;

namespace ActorZk.Linearizability.Tests;

/// <summary>One generated operation: what it does and how its invocation window sits around its true
/// linearization point.</summary>
/// <param name="Kind">0-14 create, 15-49 setData, 50-59 delete, else read.</param>
/// <param name="Path">The path index.</param>
/// <param name="Version">Expected version of setData/delete (-1 any).</param>
/// <param name="Before">How long before its linearization point it is invoked.</param>
/// <param name="After">How long after it returns.</param>
/// <param name="Fate">0: indeterminate, took effect; 1: indeterminate, never took effect; else definite.</param>
internal sealed record OpSpec(int Kind, int Path, int Version, int Before, int After, int Fate);

/// <summary>
/// Histories made by running operations one at a time against an independent sequential implementation of znodes
/// (a dictionary), then giving each an invocation window that contains its true linearization point. Such
/// histories are linearizable by construction.
/// </summary>
internal static class GeneratedHistory
{
    /// <summary>Linearization points are this far apart; windows reach up to <see cref="OpSpec.Before"/> and
    /// <see cref="OpSpec.After"/> on each side, so overlapping several neighbours.</summary>
    private const int Gap = 10;

    public static Gen<OpSpec> Spec(int paths, int spread)
        => Gen.Select(Gen.Int[0, 99], Gen.Int[0, paths - 1], Gen.Int[-1, 3], Gen.Int[0, spread * Gap], Gen.Int[0, spread * Gap], Gen.Int[0, 19])
            .Select(t => new OpSpec(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6));

    public static IReadOnlyList<OpSpec> RandomSpecs(int seed, int count, int paths, int spread)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new OpSpec(
            random.Next(100), random.Next(paths), random.Next(-1, 4), random.Next(spread * Gap + 1), random.Next(spread * Gap + 1), random.Next(50)))];
    }

    public static History<ZkInput, ZkOutput> Build(IReadOnlyList<OpSpec> specs, int clients)
    {
        var nodes = new Dictionary<string, (string Data, int Version)>(StringComparer.Ordinal);
        var ops = new List<Operation<ZkInput, ZkOutput>>();
        for (var i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            var path = $"/k{s.Path}";
            var data = $"d{i}";
            var input = s.Kind switch
            {
                < 15 => ZkInput.Create(path, data),
                < 50 => ZkInput.SetData(path, data, s.Version),
                < 60 => ZkInput.Delete(path, s.Version),
                _ => ZkInput.Read(path),
            };
            var indeterminate = s.Fate <= 1;
            var output = indeterminate && s.Fate == 1 ? null : Apply(nodes, input);
            var point = (long)(i + 1) * Gap * 100;
            ops.Add(new Operation<ZkInput, ZkOutput>(i, i % clients, input, point - s.Before, indeterminate ? null : output, indeterminate ? null : point + s.After));
        }

        // Invocation order, as a recorder would produce it.
        return new History<ZkInput, ZkOutput>([.. ops.OrderBy(o => o.Call).Select((o, id) => o with { Id = id })]);
    }

    private static ZkOutput Apply(Dictionary<string, (string Data, int Version)> nodes, ZkInput input)
    {
        var exists = nodes.TryGetValue(input.Path, out var node);
        switch (input.Kind)
        {
            case ZkOpKind.Create:
                if (exists)
                {
                    return ZkOutput.Failed(ErrorCode.NodeExists);
                }

                nodes[input.Path] = (input.Data!, 0);
                return ZkOutput.Ok();
            case ZkOpKind.SetData:
                if (!exists)
                {
                    return ZkOutput.Failed(ErrorCode.NoNode);
                }

                if (input.Version != -1 && input.Version != node.Version)
                {
                    return ZkOutput.Failed(ErrorCode.BadVersion);
                }

                nodes[input.Path] = (input.Data!, node.Version + 1);
                return ZkOutput.Set(node.Version + 1);
            case ZkOpKind.Delete:
                if (!exists)
                {
                    return ZkOutput.Failed(ErrorCode.NoNode);
                }

                if (input.Version != -1 && input.Version != node.Version)
                {
                    return ZkOutput.Failed(ErrorCode.BadVersion);
                }

                nodes.Remove(input.Path);
                return ZkOutput.Ok();
            default:
                return exists ? ZkOutput.Value(node.Data, node.Version) : ZkOutput.Failed(ErrorCode.NoNode);
        }
    }
}
