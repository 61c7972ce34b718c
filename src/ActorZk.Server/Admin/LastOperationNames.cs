using ActorZk.Protocol;

namespace ActorZk.Server.Admin;

/// <summary>
/// The short operation names ZooKeeper's FinalRequestProcessor records as a connection's last operation,
/// which cons prints as <c>lop=</c>.
/// </summary>
public static class LastOperationNames
{
    /// <summary>What ZooKeeper prints before any request and after crst.</summary>
    public const string None = "NA";

    /// <summary>The name ZooKeeper records for a reply to <paramref name="op"/>; "NA" for ops it does not record (auth, sasl).</summary>
    public static string Of(OpCode op) => op switch
    {
        OpCode.Ping => "PING",
        OpCode.CreateSession => "SESS",
        OpCode.Multi => "MULT",
        OpCode.MultiRead => "MLTR",
        OpCode.Create or OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer => "CREA",
        OpCode.Delete or OpCode.DeleteContainer => "DELE",
        OpCode.SetData => "SETD",
        OpCode.Reconfig => "RECO",
        OpCode.SetAcl => "SETA",
        OpCode.CloseSession => "CLOS",
        OpCode.Sync => "SYNC",
        OpCode.Check => "CHEC",
        OpCode.Exists => "EXIS",
        OpCode.GetData => "GETD",
        OpCode.SetWatches => "SETW",
        OpCode.SetWatches2 => "STW2",
        OpCode.AddWatch => "ADDW",
        OpCode.GetAcl => "GETA",
        OpCode.GetChildren or OpCode.GetChildren2 => "GETC",
        OpCode.GetAllChildrenNumber => "GETACN",
        OpCode.CheckWatches => "CHKW",
        OpCode.RemoveWatches => "REMW",
        OpCode.WhoAmI => "HOMI",
        OpCode.GetEphemerals => "GETE",
        _ => None,
    };
}
