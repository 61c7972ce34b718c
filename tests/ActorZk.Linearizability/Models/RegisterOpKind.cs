namespace ActorZk.Linearizability.Models;

/// <summary>The operations of <see cref="RegisterModel"/>.</summary>
public enum RegisterOpKind
{
    /// <summary>Returns the value.</summary>
    Read,

    /// <summary>Sets the value.</summary>
    Write,

    /// <summary>Sets the value if it equals the expected one; returns whether it did.</summary>
    Cas,
}
