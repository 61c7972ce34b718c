namespace ActorZk.Protocol;

/// <summary>Create flags as sent in <c>CreateRequest.flags</c>.</summary>
public enum CreateMode
{
    /// <summary>A persistent znode.</summary>
    Persistent = 0,
    /// <summary>Removed when the creating session ends.</summary>
    Ephemeral = 1,
    /// <summary>Persistent, with a sequence suffix.</summary>
    PersistentSequential = 2,
    /// <summary>Ephemeral, with a sequence suffix.</summary>
    EphemeralSequential = 3,
    /// <summary>Removed by the server once its last child is gone.</summary>
    Container = 4,
    /// <summary>Persistent, removed after the TTL once it has no children.</summary>
    PersistentWithTtl = 5,
    /// <summary>Persistent with TTL and a sequence suffix.</summary>
    PersistentSequentialWithTtl = 6,
}

/// <summary>Helpers to query a <see cref="CreateMode"/>.</summary>
public static class CreateModeExtensions
{
    /// <summary>True for the ephemeral modes.</summary>
    public static bool IsEphemeral(this CreateMode mode) => mode is CreateMode.Ephemeral or CreateMode.EphemeralSequential;

    /// <summary>True for the sequential modes.</summary>
    public static bool IsSequential(this CreateMode mode)
        => mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;

    /// <summary>True for the TTL modes.</summary>
    public static bool IsTtl(this CreateMode mode) => mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;

    /// <summary>True for a container.</summary>
    public static bool IsContainer(this CreateMode mode) => mode == CreateMode.Container;

    /// <summary>Parses a wire flag value, or returns false for an unknown one.</summary>
    public static bool TryFromFlag(int flag, out CreateMode mode)
    {
        mode = (CreateMode)flag;
        return flag is >= 0 and <= 6;
    }
}
