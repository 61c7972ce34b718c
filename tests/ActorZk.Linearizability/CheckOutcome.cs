namespace ActorZk.Linearizability;

/// <summary>The verdict of a linearizability check.</summary>
public enum CheckOutcome
{
    /// <summary>A linearization was found.</summary>
    Linearizable,

    /// <summary>The search was exhaustive and found none.</summary>
    NotLinearizable,

    /// <summary>The step or time budget ran out first.</summary>
    Unknown,
}
