namespace ActorZk.Cli.Session;

/// <summary>How the shell opens sessions: zkCli's <c>-timeout</c> and <c>-r</c>.</summary>
/// <param name="SessionTimeoutMs">The session timeout to ask for, in milliseconds.</param>
/// <param name="ReadOnly">Whether a read-only server is acceptable.</param>
internal sealed record SessionSettings(int SessionTimeoutMs, bool ReadOnly);
