namespace ActorZk.Protocol;

/// <summary>ACL permission bits (ZooKeeper's <c>ZooDefs.Perms</c>).</summary>
[Flags]
public enum Perms
{
    /// <summary>No permission.</summary>
    None = 0,
    /// <summary>Read data and list children.</summary>
    Read = 1,
    /// <summary>Set data.</summary>
    Write = 2,
    /// <summary>Create children.</summary>
    Create = 4,
    /// <summary>Delete children.</summary>
    Delete = 8,
    /// <summary>Set the ACL.</summary>
    Admin = 16,
    /// <summary>All of the above.</summary>
    All = Read | Write | Create | Delete | Admin,
}
