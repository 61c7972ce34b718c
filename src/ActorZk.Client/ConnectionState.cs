namespace ActorZk.Client;

/// <summary>The state of a <see cref="ZooKeeperClient"/>'s session and connection.</summary>
public enum ConnectionState
{
    /// <summary>Establishing the session for the first time.</summary>
    Connecting,

    /// <summary>Connected to a server that accepts writes.</summary>
    Connected,

    /// <summary>Connected to a read-only server (only when <see cref="ZooKeeperClientOptions.CanBeReadOnly"/> is set).</summary>
    ConnectedReadOnly,

    /// <summary>
    /// The connection was lost; the client is reconnecting to the servers of the connect string with the same session.
    /// Requests issued now are sent once it is connected again (or fail with a connection loss if an attempt fails).
    /// </summary>
    Disconnected,

    /// <summary>The session expired (said by the server on reconnection, or by the client after hearing nothing for
    /// 4/3 of the session timeout). Terminal: create a new client.</summary>
    Expired,

    /// <summary>The server refused an <c>AddAuthAsync</c> and closed the connection. Terminal.</summary>
    AuthFailed,

    /// <summary>Closed by <see cref="ZooKeeperClient.CloseAsync"/> or <see cref="ZooKeeperClient.DisposeAsync"/>. Terminal.</summary>
    Closed,
}
