namespace ActorZk.Client;

/// <summary>Data of <see cref="ZooKeeperClient.StateChanged"/>.</summary>
public sealed class ConnectionStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="oldState">The state before the change.</param>
    /// <param name="newState">The state after the change.</param>
    public ConnectionStateChangedEventArgs(ConnectionState oldState, ConnectionState newState)
    {
        OldState = oldState;
        NewState = newState;
    }

    /// <summary>The state before the change.</summary>
    public ConnectionState OldState { get; }

    /// <summary>The state after the change.</summary>
    public ConnectionState NewState { get; }

    /// <inheritdoc />
    public override string ToString() => $"{OldState} -> {NewState}";
}
