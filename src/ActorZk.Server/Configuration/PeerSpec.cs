namespace ActorZk.Server.Configuration;

/// <summary>One <c>server.N=host:quorumPort:electionPort[:role][;[clientAddress:]clientPort]</c> line.</summary>
public sealed record PeerSpec(
    int Id,
    string Host,
    int QuorumPort,
    int ElectionPort,
    bool IsObserver,
    string? ClientAddress,
    int? ClientPort)
{
    /// <summary>The zoo.cfg line the server was declared on (for messages); 0 when built in code.</summary>
    public int Line { get; init; }
}
