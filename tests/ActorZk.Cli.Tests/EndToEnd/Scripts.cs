namespace ActorZk.Cli.Tests.EndToEnd;

/// <summary>
/// Command scripts and what zkCli 3.8.0 prints for them (captured from zkCli.sh against Apache ZooKeeper 3.8.0, then
/// normalized: PORT, 0xZXID, 0xSESSION, DATE).
/// </summary>
internal static class Scripts
{
    /// <summary>The zkCli walkthrough of the ActorZk article.</summary>
    public const string Walkthrough = """
        create /test hello_world
        ls /
        get -s /test
        set /test "freebsd journal"
        get /test
        delete /test
        ls /
        """;

    /// <summary>What every piped session starts with.</summary>
    public const string Banner = """
        Connecting to 127.0.0.1:PORT
        Welcome to ZooKeeper!
        JLine support is disabled

        WATCHER::

        WatchedEvent state:SyncConnected type:None path:null

        """;

    /// <summary>Standard output of <see cref="Walkthrough"/> after the banner.</summary>
    public const string WalkthroughOut = """
        [test, zookeeper]
        hello_world
        cZxid = 0xZXID
        ctime = DATE
        mZxid = 0xZXID
        mtime = DATE
        pZxid = 0xZXID
        cversion = 0
        dataVersion = 0
        aclVersion = 0
        ephemeralOwner = 0x0
        dataLength = 11
        numChildren = 0
        freebsd journal
        [zookeeper]

        """;

    /// <summary>The failures zkCli words specially.</summary>
    public const string Errors = """
        create /e
        create /e
        create /e/child data
        delete /e
        set -v 5 /e/child x
        delete -v 5 /e/child
        create -e /e/eph
        create /e/eph/no
        create /e/locked x world:anyone:r
        set /e/locked y
        create /e/locked/child
        removewatches /e
        get /e/missing
        stat /e/missing
        getAllChildrenNumber /e/missing
        ls /e/missing
        create /e/missing/child
        setAcl /e/child bogus
        create /e/acl x auth::cdrwa
        deleteall /e/missing
        """;

    /// <summary>Standard error of <see cref="Errors"/>.</summary>
    public const string ErrorsErr = """
        Created /e
        Node already exists: /e
        Created /e/child
        Node not empty: /e
        version No is not valid : /e/child
        version No is not valid : /e/child
        Created /e/eph
        Ephemerals cannot have children: /e/eph/no
        Created /e/locked
        Insufficient permission : /e/locked
        Insufficient permission : /e/locked/child
        KeeperErrorCode = No such watcher for /e
        Node does not exist: /e/missing
        Node does not exist: /e/missing
        Node does not exist: /e/missing
        Node does not exist: /e/missing
        Node does not exist: /e/missing/child
        bogus does not have the form scheme:id:perm
        Acl is not valid : null
        KeeperErrorCode = InvalidACL for /e/acl
        Acl is not valid : /e/acl
        Node does not exist: /e/missing

        """;

    /// <summary>
    /// One-shot, persistent and recursive watches, their removal, printwatches, and quit's Closed event. zkCli prints
    /// events from another thread, so a request follows every change whose event must (not) be printed before the
    /// next command that sends nothing (printwatches).
    /// </summary>
    public const string Watches = """
        create /w
        get -w /w
        set /w changed
        ls -w /w
        create /w/c
        stat -w /w/later
        create /w/later
        get /w/later watch
        delete /w/later
        addWatch /w
        create /w/c/d
        set /w/c/d x
        addWatch -m PERSISTENT /w/c
        create /w/c/e
        removewatches /w
        removewatches /w/c -d
        removewatches /w/c
        printwatches off
        get -w /w
        set /w quiet
        get /w
        printwatches on
        quit
        """;

    /// <summary>Standard output of <see cref="Watches"/> after the banner.</summary>
    public const string WatchesOut = """
        null

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeDataChanged path:/w
        []

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeChildrenChanged path:/w

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeCreated path:/w/later
        null

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeDeleted path:/w/later

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeCreated path:/w/c/d

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeDataChanged path:/w/c/d

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeCreated path:/w/c/e

        WATCHER::

        WatchedEvent state:SyncConnected type:NodeChildrenChanged path:/w/c

        WATCHER::

        WatchedEvent state:SyncConnected type:PersistentWatchRemoved path:/w

        WATCHER::

        WatchedEvent state:SyncConnected type:PersistentWatchRemoved path:/w/c
        changed
        quiet

        WATCHER::

        WatchedEvent state:Closed type:None path:null

        """;

    /// <summary>Standard error of <see cref="Watches"/>.</summary>
    public const string WatchesErr = """
        Created /w
        Created /w/c
        Node does not exist: /w/later
        Created /w/later
        'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.
        Created /w/c/d
        Created /w/c/e
        KeeperErrorCode = No such watcher for /w/c

        """;

    /// <summary>Most other commands and options: node kinds, listings, stats, ACLs, auth, sync, config, deleteall.</summary>
    public const string Tour = """
        create /t
        create /t/a adata
        create /t/a/x
        create /t/b
        create -s /t/seq- one
        create -s /t/seq- two
        create -e /t/eph
        create -c /t/cont
        create /t/cont/child
        create -t 60000 /t/ttl
        ls /t
        ls -s /t
        ls -R /t
        getAllChildrenNumber /t
        getEphemerals /t
        get -s /t/eph
        get /t/a
        get /t/b
        getAcl -s /t/a
        setAcl -s /t/a world:anyone:cdrwa,ip:127.0.0.1:r
        getAcl /t/a
        setAcl -R /t/a world:anyone:cdrwa
        getAcl /t/a/x
        sync /t
        whoami
        addauth digest user:secret
        whoami
        create /t/mine x auth::cdrwa
        getAcl /t/mine
        set -s /t/b "two words"
        get /t/b
        stat /t/b
        config
        deleteall /t/a
        ls /t
        delete /t/mine
        """;

    /// <summary>Lines of <see cref="Tour"/>'s standard output that do not depend on zxids or times.</summary>
    public static readonly string[] TourOutSamples =
    [
        "[a, b, cont, eph, seq-0000000002, seq-0000000003, ttl]\n",
        "/t\n/t/a\n/t/b\n/t/cont\n/t/eph\n/t/seq-0000000002\n/t/seq-0000000003\n/t/ttl\n/t/a/x\n/t/cont/child\n9\n[/t/eph]\n",
        "ephemeralOwner = 0xSESSION\ndataLength = 0\nnumChildren = 0\nadata\nnull\n'world,'anyone\n: cdrwa\n",
        "'world,'anyone\n: cdrwa\n'ip,'127.0.0.1\n: r\n'world,'anyone\n: cdrwa\nSync is OK\n",
        "Auth scheme: User\nip: 127.0.0.1\nAuth scheme: User\nip: 127.0.0.1\ndigest: user\n'digest,'user:5w9W4eL3797Y4Wq8AcKUPPk8ha4=\n: cdrwa\n",
        "numChildren = 0\n\n[b, cont, eph, mine, seq-0000000002, seq-0000000003, ttl]\n",
    ];

    /// <summary>Standard error of <see cref="Tour"/>.</summary>
    public const string TourErr = """
        Created /t
        Created /t/a
        Created /t/a/x
        Created /t/b
        Created /t/seq-0000000002
        Created /t/seq-0000000003
        Created /t/eph
        Created /t/cont
        Created /t/cont/child
        Created /t/ttl
        Created /t/mine

        """;

    /// <summary>The text with LF line ends whatever this file's are, and the script with a final newline.</summary>
    public static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
