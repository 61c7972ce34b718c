namespace ActorZk.Linearizability.Znodes;

/// <summary>A ZooKeeper request in a history.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="Path">The znode path (the partition).</param>
/// <param name="Data">The data written (create, setData), as text.</param>
/// <param name="Version">The expected version of setData and delete; -1 for any.</param>
public sealed record ZkInput(ZkOpKind Kind, string Path, string? Data = null, int Version = -1)
{
    /// <summary>create(path, data).</summary>
    /// <param name="path">The path.</param>
    /// <param name="data">The data.</param>
    /// <returns>The input.</returns>
    public static ZkInput Create(string path, string data) => new(ZkOpKind.Create, path, data);

    /// <summary>setData(path, data, version).</summary>
    /// <param name="path">The path.</param>
    /// <param name="data">The data.</param>
    /// <param name="version">The expected version, -1 for any.</param>
    /// <returns>The input.</returns>
    public static ZkInput SetData(string path, string data, int version = -1) => new(ZkOpKind.SetData, path, data, version);

    /// <summary>delete(path, version).</summary>
    /// <param name="path">The path.</param>
    /// <param name="version">The expected version, -1 for any.</param>
    /// <returns>The input.</returns>
    public static ZkInput Delete(string path, int version = -1) => new(ZkOpKind.Delete, path, null, version);

    /// <summary>sync + getData(path).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The input.</returns>
    public static ZkInput Read(string path) => new(ZkOpKind.Read, path);

    /// <summary>getData(path) without sync.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The input.</returns>
    public static ZkInput PlainRead(string path) => new(ZkOpKind.PlainRead, path);
}
