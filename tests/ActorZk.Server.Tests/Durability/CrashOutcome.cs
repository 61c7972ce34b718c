namespace ActorZk.Server.Tests.Durability;

/// <summary>What the client learned about a request it sent.</summary>
internal enum CrashOutcome
{
    /// <summary>Sent, no answer yet.</summary>
    InFlight,

    /// <summary>A success reply arrived: the write must survive any crash.</summary>
    Acked,

    /// <summary>An error reply arrived: the write must never show.</summary>
    Refused,

    /// <summary>The connection died first: the write may or may not have happened.</summary>
    Unknown,
}
