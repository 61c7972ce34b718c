namespace ActorZk.Protocol;

/// <summary>Request types (ZooKeeper's <c>ZooDefs.OpCode</c>) as they appear in <c>RequestHeader.type</c>.</summary>
public enum OpCode
{
    /// <summary>Server-internal notification, never sent by clients.</summary>
    Notification = 0,
    /// <summary>Create a znode.</summary>
    Create = 1,
    /// <summary>Delete a znode.</summary>
    Delete = 2,
    /// <summary>Check whether a znode exists.</summary>
    Exists = 3,
    /// <summary>Read a znode's data.</summary>
    GetData = 4,
    /// <summary>Write a znode's data.</summary>
    SetData = 5,
    /// <summary>Read a znode's ACL.</summary>
    GetAcl = 6,
    /// <summary>Write a znode's ACL.</summary>
    SetAcl = 7,
    /// <summary>List a znode's children.</summary>
    GetChildren = 8,
    /// <summary>Catch the server up with the leader.</summary>
    Sync = 9,
    /// <summary>Keep the session alive.</summary>
    Ping = 11,
    /// <summary>List children and return the parent's Stat.</summary>
    GetChildren2 = 12,
    /// <summary>Check a znode's version (multi only).</summary>
    Check = 13,
    /// <summary>An atomic multi-operation.</summary>
    Multi = 14,
    /// <summary>Create a znode and return its Stat.</summary>
    Create2 = 15,
    /// <summary>Dynamic reconfiguration.</summary>
    Reconfig = 16,
    /// <summary>Check that a watch exists.</summary>
    CheckWatches = 17,
    /// <summary>Remove watches.</summary>
    RemoveWatches = 18,
    /// <summary>Create a container znode.</summary>
    CreateContainer = 19,
    /// <summary>Delete a container znode (server-internal).</summary>
    DeleteContainer = 20,
    /// <summary>Create a znode with a time-to-live.</summary>
    CreateTtl = 21,
    /// <summary>A multi-operation of reads.</summary>
    MultiRead = 22,
    /// <summary>Add authentication.</summary>
    Auth = 100,
    /// <summary>Re-register watches after a reconnect.</summary>
    SetWatches = 101,
    /// <summary>SASL authentication.</summary>
    Sasl = 102,
    /// <summary>List the session's ephemeral znodes.</summary>
    GetEphemerals = 103,
    /// <summary>Count all descendants of a znode.</summary>
    GetAllChildrenNumber = 104,
    /// <summary>Re-register watches including persistent ones.</summary>
    SetWatches2 = 105,
    /// <summary>Add a persistent or persistent-recursive watch.</summary>
    AddWatch = 106,
    /// <summary>Ask which identities the session is authenticated as.</summary>
    WhoAmI = 107,
    /// <summary>Create a session (server-internal txn type).</summary>
    CreateSession = -10,
    /// <summary>Close the session.</summary>
    CloseSession = -11,
    /// <summary>A failed txn (server-internal).</summary>
    Error = -1,
}
