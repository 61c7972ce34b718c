namespace ActorZk.Linearizability.Znodes;

/// <summary>One znode as the model sees it: absent, or present with data and version.</summary>
/// <param name="Exists">Whether the node exists.</param>
/// <param name="Data">Its data (null when absent).</param>
/// <param name="Version">Its data version (-1 when absent; 0 after create, +1 per setData).</param>
public readonly record struct ZnodeState(bool Exists, string? Data, int Version)
{
    /// <summary>The node does not exist.</summary>
    public static ZnodeState Absent { get; } = new(false, null, -1);
}
