using System.Globalization;

namespace ActorZk.Server.Tests.Durability;

/// <summary>One request of the crash workload, its writes, and what its reply (if any) said.</summary>
internal sealed class CrashOp
{
    public CrashOp(int session, int index, CrashOpKind kind)
    {
        Session = session;
        Index = index;
        Kind = kind;
    }

    public int Session { get; }

    /// <summary>Position in the session's send order (the order the server proposes them in).</summary>
    public int Index { get; }

    public CrashOpKind Kind { get; }

    public List<CrashWrite> Writes { get; } = [];

    /// <summary>For multis: the session's multi counter value this multi sets (its number).</summary>
    public int MultiNumber { get; init; } = -1;

    public CrashOutcome Outcome { get; set; } = CrashOutcome.InFlight;

    /// <summary>The zxid of the reply (the txn's zxid for an acknowledged write).</summary>
    public long Zxid { get; set; }

    public CrashWrite Add(CrashWriteKind kind, string path, string data, int? versionAfter)
    {
        var write = new CrashWrite(this, kind, path, data, versionAfter);
        Writes.Add(write);
        return write;
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"session {Session} op #{Index} {Kind} {Outcome}{(Zxid != 0 ? $" zxid 0x{Zxid:x}" : string.Empty)}");
}
