namespace ActorZk.Linearizability.Models;

/// <summary>The result of a <see cref="RegisterModel"/> operation.</summary>
/// <param name="Value">The value a read returned.</param>
/// <param name="Ok">Whether a cas succeeded (true for reads and writes).</param>
public sealed record RegisterOutput(int Value = 0, bool Ok = true)
{
    /// <summary>The output of any write.</summary>
    public static RegisterOutput Written { get; } = new();
}
