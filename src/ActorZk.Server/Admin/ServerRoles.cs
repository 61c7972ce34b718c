namespace ActorZk.Server.Admin;

/// <summary>Reads the role and mode name of a <see cref="ServerSnapshot"/>, for the four-letter words and the AdminServer alike.</summary>
internal static class ServerRoles
{
    public static ServerRole Of(ServerSnapshot snapshot) => snapshot.IsReadOnly
        ? ServerRole.ReadOnly
        : snapshot.Mode switch
        {
            "leader" => ServerRole.Leader,
            "follower" => ServerRole.Follower,
            "observer" => ServerRole.Observer,
            "read-only" => ServerRole.ReadOnly,
            _ => ServerRole.Standalone,
        };

    /// <summary>srvr's "Mode:", mntr's zk_server_state and the AdminServer's server_state.</summary>
    public static string ModeText(ServerSnapshot snapshot) => Of(snapshot) == ServerRole.ReadOnly ? "read-only" : snapshot.Mode;

    public static bool IsQuorum(ServerRole role) => role is ServerRole.Leader or ServerRole.Follower or ServerRole.Observer;
}
