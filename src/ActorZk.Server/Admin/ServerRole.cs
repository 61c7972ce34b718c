namespace ActorZk.Server.Admin;

/// <summary>The role a <see cref="ServerSnapshot"/> describes, which decides what the admin answers contain.</summary>
internal enum ServerRole
{
    Standalone,
    Leader,
    Follower,
    Observer,
    ReadOnly,
}
