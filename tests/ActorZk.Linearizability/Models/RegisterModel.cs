using System.Globalization;

namespace ActorZk.Linearizability.Models;

/// <summary>Integer registers, initially 0, with read, write and compare-and-set; each key is a partition.</summary>
public sealed class RegisterModel : IModel<int, RegisterInput, RegisterOutput>
{
    /// <summary>The shared instance (the model is stateless).</summary>
    public static RegisterModel Instance { get; } = new();

    /// <inheritdoc />
    public IEqualityComparer<int> StateComparer => EqualityComparer<int>.Default;

    /// <inheritdoc />
    public string PartitionKey(RegisterInput input) => input.Key;

    /// <inheritdoc />
    public int Init() => 0;

    /// <inheritdoc />
    public bool Step(int state, RegisterInput input, RegisterOutput? output, out int next)
    {
        switch (input.Kind)
        {
            case RegisterOpKind.Read:
                next = state;
                return output is null || output.Value == state;
            case RegisterOpKind.Write:
                next = input.Value;
                return true;
            default:
                var swapped = state == input.Expected;
                next = swapped ? input.Value : state;
                return output is null || output.Ok == swapped;
        }
    }

    /// <inheritdoc />
    public string DescribeOperation(RegisterInput input, RegisterOutput? output) => input.Kind switch
    {
        RegisterOpKind.Read => string.Create(CultureInfo.InvariantCulture, $"read({input.Key}) -> {(output is null ? "?" : output.Value.ToString(CultureInfo.InvariantCulture))}"),
        RegisterOpKind.Write => string.Create(CultureInfo.InvariantCulture, $"write({input.Key}, {input.Value}){(output is null ? " -> ?" : string.Empty)}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"cas({input.Key}, {input.Expected} -> {input.Value}) -> {(output is null ? "?" : output.Ok ? "ok" : "failed")}"),
    };

    /// <inheritdoc />
    public string DescribeState(int state) => state.ToString(CultureInfo.InvariantCulture);
}
