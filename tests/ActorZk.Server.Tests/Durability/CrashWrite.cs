namespace ActorZk.Server.Tests.Durability;

/// <summary>One write on one node, part of a <see cref="CrashOp"/> (a multi has several).</summary>
internal sealed class CrashWrite
{
    public CrashWrite(CrashOp op, CrashWriteKind kind, string path, string data, int? versionAfter)
    {
        Op = op;
        Kind = kind;
        Path = path;
        Data = data;
        VersionAfter = versionAfter;
    }

    public CrashOp Op { get; }

    public CrashWriteKind Kind { get; }

    /// <summary>The node; for a sequential create the prefix until the reply names the node.</summary>
    public string Path { get; set; }

    /// <summary>Unique data of this write (empty for deletes).</summary>
    public string Data { get; }

    /// <summary>The node's version after this write: known in advance for own nodes, from the reply for shared ones.</summary>
    public int? VersionAfter { get; set; }

    public override string ToString() => $"{Kind} {Path} '{Data}' v{VersionAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} ({Op})";
}
