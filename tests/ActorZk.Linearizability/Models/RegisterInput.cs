namespace ActorZk.Linearizability.Models;

/// <summary>An operation on one register of <see cref="RegisterModel"/>.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="Key">The register (its partition).</param>
/// <param name="Value">The value written (write, cas).</param>
/// <param name="Expected">The value a cas expects.</param>
public sealed record RegisterInput(RegisterOpKind Kind, string Key = "x", int Value = 0, int Expected = 0)
{
    /// <summary>A read.</summary>
    /// <param name="key">The register.</param>
    /// <returns>The input.</returns>
    public static RegisterInput Read(string key = "x") => new(RegisterOpKind.Read, key);

    /// <summary>A write.</summary>
    /// <param name="value">The value.</param>
    /// <param name="key">The register.</param>
    /// <returns>The input.</returns>
    public static RegisterInput Write(int value, string key = "x") => new(RegisterOpKind.Write, key, value);

    /// <summary>A compare-and-set.</summary>
    /// <param name="expected">The value expected.</param>
    /// <param name="value">The new value.</param>
    /// <param name="key">The register.</param>
    /// <returns>The input.</returns>
    public static RegisterInput Cas(int expected, int value, string key = "x") => new(RegisterOpKind.Cas, key, value, expected);
}
