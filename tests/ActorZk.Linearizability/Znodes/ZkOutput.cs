using ActorZk.Protocol;

namespace ActorZk.Linearizability.Znodes;

/// <summary>A ZooKeeper reply in a history.</summary>
/// <param name="Error">The reply's error code (<see cref="ErrorCode.Ok"/>, NoNode, NodeExists, BadVersion...).</param>
/// <param name="Data">The data a read returned, as text.</param>
/// <param name="Version">The znode version: read by a read, or set by a successful setData (the new version); -1
/// when the reply carries none.</param>
/// <param name="Zxid">The reply header's zxid (for a write, its transaction's zxid); 0 when unknown.</param>
/// <param name="Mzxid">The Stat's mzxid (reads, setData, create2); 0 when none.</param>
/// <param name="Czxid">The Stat's czxid (reads, setData, create2); 0 when none.</param>
public sealed record ZkOutput(ErrorCode Error, string? Data = null, int Version = -1, long Zxid = 0, long Mzxid = 0, long Czxid = 0)
{
    /// <summary>A plain success (create, delete).</summary>
    /// <param name="zxid">The reply zxid.</param>
    /// <returns>The output.</returns>
    public static ZkOutput Ok(long zxid = 0) => new(ErrorCode.Ok, Zxid: zxid);

    /// <summary>A successful setData.</summary>
    /// <param name="newVersion">The version after the write.</param>
    /// <param name="zxid">The write's zxid (reply header and Stat mzxid).</param>
    /// <returns>The output.</returns>
    public static ZkOutput Set(int newVersion, long zxid = 0) => new(ErrorCode.Ok, null, newVersion, zxid, zxid);

    /// <summary>A successful read.</summary>
    /// <param name="data">The data.</param>
    /// <param name="version">The version.</param>
    /// <param name="zxid">The reply header zxid.</param>
    /// <param name="mzxid">The Stat mzxid.</param>
    /// <returns>The output.</returns>
    public static ZkOutput Value(string? data, int version, long zxid = 0, long mzxid = 0) => new(ErrorCode.Ok, data, version, zxid, mzxid);

    /// <summary>An error reply.</summary>
    /// <param name="error">The error.</param>
    /// <param name="zxid">The reply zxid.</param>
    /// <returns>The output.</returns>
    public static ZkOutput Failed(ErrorCode error, long zxid = 0) => new(error, Zxid: zxid);
}
