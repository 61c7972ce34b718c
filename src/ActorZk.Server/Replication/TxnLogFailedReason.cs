using Akka.Actor;

namespace ActorZk.Server.Replication;

/// <summary>The shutdown reason when the txn log fails; the process then exits non-zero.</summary>
public sealed class TxnLogFailedReason : CoordinatedShutdown.Reason
{
    public static readonly TxnLogFailedReason Instance = new();

    private TxnLogFailedReason()
    {
    }

    public override int ExitCode => 4;
}
