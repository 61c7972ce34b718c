using ActorZk.Client;

namespace ActorZk.Cli.Session;

/// <summary>
/// The names of the Java client's <c>ZooKeeper.States</c>, which zkCli shows in its prompt, and the mapping from the
/// .NET client's states: reconnecting is CONNECTING there, an expired session is CLOSED.
/// </summary>
internal static class SessionStates
{
    /// <summary>Connecting or reconnecting.</summary>
    public const string Connecting = "CONNECTING";

    /// <summary>Connected to a server that accepts writes.</summary>
    public const string Connected = "CONNECTED";

    /// <summary>Connected to a read-only server.</summary>
    public const string ConnectedReadOnly = "CONNECTEDREADONLY";

    /// <summary>Closed by the user or expired.</summary>
    public const string Closed = "CLOSED";

    /// <summary>The server refused the credentials of <c>addauth</c>.</summary>
    public const string AuthFailed = "AUTH_FAILED";

    /// <summary>The Java state name for a .NET client state.</summary>
    /// <param name="state">The client's state.</param>
    /// <returns>The name.</returns>
    public static string Name(ConnectionState state) => state switch
    {
        ConnectionState.Connected => Connected,
        ConnectionState.ConnectedReadOnly => ConnectedReadOnly,
        ConnectionState.Expired or ConnectionState.Closed => Closed,
        ConnectionState.AuthFailed => AuthFailed,
        _ => Connecting,
    };

    /// <summary>Java's <c>States.isAlive()</c>: every state but CLOSED and AUTH_FAILED.</summary>
    /// <param name="name">A state name.</param>
    /// <returns>True when commands may be sent.</returns>
    public static bool IsAlive(string name) => name is not (Closed or AuthFailed);
}
