namespace ActorZk.Protocol;

/// <summary>Reserved request and reply xids.</summary>
public static class Xids
{
    /// <summary>Watch notifications are sent with this xid.</summary>
    public const int Notification = -1;

    /// <summary>Pings use this xid.</summary>
    public const int Ping = -2;

    /// <summary>Auth packets use this xid.</summary>
    public const int Auth = -4;

    /// <summary>SetWatches requests use this xid.</summary>
    public const int SetWatches = -8;
}
