namespace ActorZk.Server.Admin;

/// <summary>One command of the AdminServer, as ZooKeeper's CommandBase registers it.</summary>
/// <param name="Names">Every name it answers to, the primary one (used in listings and in "command") first.</param>
/// <param name="ServerRequired">Whether it fails with "not currently serving requests" while the server does not serve.</param>
public sealed record AdminCommand(IReadOnlyList<string> Names, bool ServerRequired = true)
{
    /// <summary>The name it is listed under and answers with.</summary>
    public string PrimaryName => Names[0];

    /// <summary>
    /// The four-letter word whose side effect it shares (srst, crst, stmk), applied by the peer actor exactly as for
    /// the word; null for commands that only read.
    /// </summary>
    public string? EffectWord { get; init; }

    /// <summary>Whether its answer includes the data directory sizes, which are counted only when asked for.</summary>
    public bool NeedsDirectorySizes { get; init; }
}
