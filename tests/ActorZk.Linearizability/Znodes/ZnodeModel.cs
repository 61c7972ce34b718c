using System.Globalization;
using ActorZk.Protocol;

namespace ActorZk.Linearizability.Znodes;

/// <summary>
/// ZooKeeper znodes as independent registers keyed by path: each path is absent or holds (data, version).
/// <list type="bullet">
/// <item>create: absent → Ok, (data, 0); present → NodeExists.</item>
/// <item>setData(v): absent → NoNode; v ∉ {-1, version} → BadVersion; else Ok with the new version version+1, which
/// must equal the reply's version (so CAS-style writes are checked exactly).</item>
/// <item>delete(v): absent → NoNode; v ∉ {-1, version} → BadVersion; else Ok, absent.</item>
/// <item>read (sync + getData): absent → NoNode; present → Ok with exactly the data and version.</item>
/// </list>
/// Any other error code in a reply never matches. Zxids are ignored here (see <see cref="SessionChecker"/>).
/// <see cref="ZkOpKind.PlainRead"/> is not linearizable in ZooKeeper and is rejected: filter it out first, as
/// <see cref="ZooKeeperChecks.CheckLinearizability"/> does.
/// </summary>
public sealed class ZnodeModel : IModel<ZnodeState, ZkInput, ZkOutput>
{
    /// <summary>The shared instance (the model is stateless).</summary>
    public static ZnodeModel Instance { get; } = new();

    /// <inheritdoc />
    public IEqualityComparer<ZnodeState> StateComparer => EqualityComparer<ZnodeState>.Default;

    /// <inheritdoc />
    public string PartitionKey(ZkInput input) => input.Path;

    /// <inheritdoc />
    public ZnodeState Init() => ZnodeState.Absent;

    /// <inheritdoc />
    public bool Step(ZnodeState state, ZkInput input, ZkOutput? output, out ZnodeState next)
    {
        next = state;
        ErrorCode expected;
        switch (input.Kind)
        {
            case ZkOpKind.Create:
                expected = state.Exists ? ErrorCode.NodeExists : ErrorCode.Ok;
                if (expected == ErrorCode.Ok)
                {
                    next = new ZnodeState(true, input.Data, 0);
                }

                return output is null || (output.Error == expected && (expected != ErrorCode.Ok || output.Version is -1 or 0));
            case ZkOpKind.SetData:
                expected = !state.Exists ? ErrorCode.NoNode
                    : input.Version != -1 && input.Version != state.Version ? ErrorCode.BadVersion
                    : ErrorCode.Ok;
                if (expected == ErrorCode.Ok)
                {
                    next = new ZnodeState(true, input.Data, state.Version + 1);
                }

                return output is null || (output.Error == expected && (expected != ErrorCode.Ok || output.Version == state.Version + 1));
            case ZkOpKind.Delete:
                expected = !state.Exists ? ErrorCode.NoNode
                    : input.Version != -1 && input.Version != state.Version ? ErrorCode.BadVersion
                    : ErrorCode.Ok;
                if (expected == ErrorCode.Ok)
                {
                    next = ZnodeState.Absent;
                }

                return output is null || output.Error == expected;
            case ZkOpKind.Read:
                return output is null
                    || (state.Exists
                        ? output.Error == ErrorCode.Ok && output.Version == state.Version && string.Equals(output.Data, state.Data, StringComparison.Ordinal)
                        : output.Error == ErrorCode.NoNode);
            default:
                throw new ArgumentException($"{input.Kind} is not part of the linearizable model; filter it out", nameof(input));
        }
    }

    /// <inheritdoc />
    public string DescribeOperation(ZkInput input, ZkOutput? output)
    {
        var call = input.Kind switch
        {
            ZkOpKind.Create => $"create({input.Path}, \"{input.Data}\")",
            ZkOpKind.SetData => string.Create(CultureInfo.InvariantCulture, $"setData({input.Path}, \"{input.Data}\", v={input.Version})"),
            ZkOpKind.Delete => string.Create(CultureInfo.InvariantCulture, $"delete({input.Path}, v={input.Version})"),
            ZkOpKind.Read => $"read({input.Path})",
            _ => $"plainRead({input.Path})",
        };
        return $"{call} -> {DescribeOutput(input, output)}";
    }

    /// <inheritdoc />
    public string DescribeState(ZnodeState state)
        => state.Exists ? string.Create(CultureInfo.InvariantCulture, $"(\"{state.Data}\", v{state.Version})") : "absent";

    /// <summary>Describes a reply.</summary>
    /// <param name="input">The request.</param>
    /// <param name="output">The reply, or null when indeterminate.</param>
    /// <returns>The text.</returns>
    internal static string DescribeOutput(ZkInput input, ZkOutput? output)
    {
        if (output is null)
        {
            return "? (indeterminate)";
        }

        var zxid = output.Zxid != 0 ? string.Create(CultureInfo.InvariantCulture, $" zxid=0x{output.Zxid:x}") : string.Empty;
        var mzxid = output.Mzxid != 0 ? string.Create(CultureInfo.InvariantCulture, $" mzxid=0x{output.Mzxid:x}") : string.Empty;
        if (output.Error != ErrorCode.Ok)
        {
            return $"{output.Error}{zxid}";
        }

        return input.Kind switch
        {
            ZkOpKind.Read or ZkOpKind.PlainRead => string.Create(CultureInfo.InvariantCulture, $"(\"{output.Data}\", v{output.Version}){zxid}{mzxid}"),
            ZkOpKind.SetData => string.Create(CultureInfo.InvariantCulture, $"Ok v{output.Version}{zxid}"),
            _ => $"Ok{zxid}",
        };
    }
}
