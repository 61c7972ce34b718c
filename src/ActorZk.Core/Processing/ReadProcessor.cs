using System.Runtime.CompilerServices;
using System.Text;
using ActorZk.Core.Acl;
using ActorZk.Core.Tree;
using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// Answers the requests that do not become txns (the read half of ZooKeeper's <c>FinalRequestProcessor</c>)
/// from the tree, with ZooKeeper's permission checks and watch registration.
/// </summary>
public sealed class ReadProcessor
{
    private readonly DataTree tree;
    private readonly bool skipAcl;

    // Per connection, the null-path watch ZooKeeper would hold (see NullPathWatch); weak, so it goes with the connection.
    private readonly ConditionalWeakTable<IWatcher, StrongBox<int>> nullPathWatches = new();

    /// <summary>Creates a processor over <paramref name="tree"/>.</summary>
    public ReadProcessor(DataTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        this.tree = tree;
        skipAcl = tree.Options.SkipAcl;
    }

    /// <summary>
    /// ZooKeeper 3.8.0's <c>Request.isValid</c>: request types a server accepts from clients. Anything else is
    /// answered with Unimplemented and the connection is closed. A top-level check is valid in 3.8.0 (later
    /// versions refuse it); see <see cref="ReplyBuilder.Build"/> for how it is answered.
    /// </summary>
    public static bool IsValidClientType(OpCode op) => op is OpCode.Check or OpCode.CloseSession or OpCode.Create or OpCode.Create2
        or OpCode.CreateTtl or OpCode.CreateContainer or OpCode.CreateSession or OpCode.Delete or OpCode.DeleteContainer
        or OpCode.Exists or OpCode.GetAcl or OpCode.GetChildren or OpCode.GetAllChildrenNumber or OpCode.GetChildren2
        or OpCode.GetData or OpCode.GetEphemerals or OpCode.Multi or OpCode.MultiRead or OpCode.Ping or OpCode.Reconfig
        or OpCode.SetAcl or OpCode.SetData or OpCode.SetWatches or OpCode.SetWatches2 or OpCode.Sync
        or OpCode.CheckWatches or OpCode.RemoveWatches or OpCode.AddWatch or OpCode.WhoAmI;

    /// <summary>True for the request types this processor answers.</summary>
    public static bool IsRead(OpCode op) => op is OpCode.Exists or OpCode.GetData or OpCode.GetChildren
        or OpCode.GetChildren2 or OpCode.GetAcl or OpCode.GetEphemerals or OpCode.GetAllChildrenNumber
        or OpCode.MultiRead or OpCode.CheckWatches or OpCode.RemoveWatches or OpCode.AddWatch
        or OpCode.SetWatches or OpCode.SetWatches2 or OpCode.WhoAmI or OpCode.Sync;

    /// <summary>
    /// Answers one read.
    /// </summary>
    /// <param name="sessionId">The session (getEphemerals lists its nodes).</param>
    /// <param name="op">The request type (see <see cref="IsRead"/>).</param>
    /// <param name="request">The decoded request record (nothing for whoAmI).</param>
    /// <param name="authInfo">The connection's identities.</param>
    /// <param name="watcher">The connection, for watch registration (needed by the watch requests).</param>
    /// <returns>The reply; a request of the wrong record type gives MarshallingError.</returns>
    public Reply Process(long sessionId, OpCode op, IJuteRecord? request, IReadOnlyList<Id> authInfo, IWatcher? watcher)
    {
        ArgumentNullException.ThrowIfNull(authInfo);
        if (request is IPathRequest { PathIsNull: true } && op is not (OpCode.Sync or OpCode.GetEphemerals))
        {
            return NullPath(op, request, watcher);
        }

        switch (op)
        {
            case OpCode.Exists when request is ExistsRequest exists:
                return Exists(exists, watcher);
            case OpCode.GetData when request is GetDataRequest getData:
                return GetData(getData.Path, getData.Watch ? watcher : null, authInfo, out _);
            case OpCode.GetChildren when request is GetChildrenRequest getChildren:
                return GetChildren(getChildren.Path, getChildren.Watch ? watcher : null, authInfo, withStat: false);
            case OpCode.GetChildren2 when request is GetChildren2Request getChildren2:
                return GetChildren(getChildren2.Path, getChildren2.Watch ? watcher : null, authInfo, withStat: true);
            case OpCode.GetAcl when request is GetACLRequest getAcl:
                return GetAcl(getAcl.Path, authInfo);
            case OpCode.GetAllChildrenNumber when request is GetAllChildrenNumberRequest getAll:
                return GetAllChildrenNumber(getAll.Path, authInfo);
            case OpCode.GetEphemerals when request is GetEphemeralsRequest getEphemerals:
                return GetEphemerals(sessionId, getEphemerals.PrefixPath);
            case OpCode.MultiRead when request is MultiRequest multi:
                return MultiRead(multi, authInfo);
            case OpCode.Sync when request is SyncRequest sync:
                return new Reply(ErrorCode.Ok, SyncResponse.Echo(sync));
            case OpCode.SetWatches when request is SetWatches setWatches && watcher is not null:
                tree.SetWatches(setWatches.RelativeZxid, setWatches.DataWatches, setWatches.ExistWatches, setWatches.ChildWatches, [], [], watcher);
                return Reply.Error(ErrorCode.Ok);
            case OpCode.SetWatches2 when request is SetWatches2 setWatches && watcher is not null:
                tree.SetWatches(
                    setWatches.RelativeZxid,
                    setWatches.DataWatches,
                    setWatches.ExistWatches,
                    setWatches.ChildWatches,
                    setWatches.PersistentWatches,
                    setWatches.PersistentRecursiveWatches,
                    watcher);
                return Reply.Error(ErrorCode.Ok);
            case OpCode.AddWatch when request is AddWatchRequest addWatch && watcher is not null:
                return AddWatch(addWatch, watcher);
            case OpCode.CheckWatches when request is CheckWatchesRequest check && watcher is not null:
                return WatchQuery(check.Path, check.Type, watcher, remove: false);
            case OpCode.RemoveWatches when request is RemoveWatchesRequest remove && watcher is not null:
                return WatchQuery(remove.Path, remove.Type, watcher, remove: true);
            case OpCode.WhoAmI:
                return WhoAmI(authInfo);
            default:
                return Reply.Error(ErrorCode.MarshallingError);
        }
    }

    /// <summary>
    /// getACL's view of an ACL for a caller without ADMIN: digest identities become "user:x" (everything from
    /// the first ':' to the end of the line replaced, as ZooKeeper's <c>replaceAll(":.*", ":x")</c>).
    /// </summary>
    public static IReadOnlyList<Acl> RedactDigests(IReadOnlyList<Acl> acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var result = new List<Acl>(acl.Count);
        foreach (var entry in acl)
        {
            result.Add(entry.Id.Scheme == DigestAuth.Scheme
                ? new Acl(entry.Perms, new Id(entry.Id.Scheme, RedactPassword(entry.Id.Identity)))
                : entry);
        }

        return result;
    }

    private static string RedactPassword(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return id;
        }

        // Java's '.' stops at line terminators, so each line's ":..." is replaced separately.
        var builder = new StringBuilder(id.Length);
        var i = 0;
        while (i < id.Length)
        {
            var c = id[i];
            if (c != ':')
            {
                builder.Append(c);
                i++;
                continue;
            }

            builder.Append(":x");
            i++;
            while (i < id.Length && !IsLineTerminator(id[i]))
            {
                i++;
            }
        }

        return builder.ToString();
    }

    private static bool IsLineTerminator(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    private bool CheckAcl(IReadOnlyList<Acl> acl, Perms perm, IReadOnlyList<Id> authInfo)
        => skipAcl || AclEvaluator.Check(acl, perm, authInfo);

    // 3.8.0's FinalRequestProcessor answers exists without any permission check: anyone gets the stat (and can
    // leave a watch) of a node it cannot read. A missing node still gets the watch, so it fires on creation.
    private Reply Exists(ExistsRequest request, IWatcher? watcher)
    {
        var path = request.Path;
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return Reply.Error(ErrorCode.BadArguments);
        }

        var err = tree.StatNode(path, request.Watch ? watcher : null, out var stat);
        return err == ErrorCode.Ok ? new Reply(ErrorCode.Ok, new ExistsResponse(stat)) : Reply.Error(err);
    }

    private Reply GetData(string path, IWatcher? watcher, IReadOnlyList<Id> authInfo, out GetDataResponse? response)
    {
        response = null;
        var node = tree.GetNode(path);
        if (node is null)
        {
            return Reply.Error(ErrorCode.NoNode);
        }

        if (!CheckAcl(node.Acl, Perms.Read, authInfo))
        {
            return Reply.Error(ErrorCode.NoAuth);
        }

        tree.GetData(path, watcher, out var data, out var stat);
        response = new GetDataResponse(data, stat);
        return new Reply(ErrorCode.Ok, response);
    }

    private Reply GetChildren(string path, IWatcher? watcher, IReadOnlyList<Id> authInfo, bool withStat)
    {
        var node = tree.GetNode(path);
        if (node is null)
        {
            return Reply.Error(ErrorCode.NoNode);
        }

        if (!CheckAcl(node.Acl, Perms.Read, authInfo))
        {
            return Reply.Error(ErrorCode.NoAuth);
        }

        tree.GetChildren(path, watcher, out var children, out var stat);
        return withStat
            ? new Reply(ErrorCode.Ok, new GetChildren2Response(children, stat))
            : new Reply(ErrorCode.Ok, new GetChildrenResponse(children));
    }

    private Reply GetAcl(string path, IReadOnlyList<Id> authInfo)
    {
        var node = tree.GetNode(path);
        if (node is null)
        {
            return Reply.Error(ErrorCode.NoNode);
        }

        // READ or ADMIN may read the ACL; without ADMIN the digest hashes are hidden (ZooKeeper 3.8+).
        if (!CheckAcl(node.Acl, Perms.Read | Perms.Admin, authInfo))
        {
            return Reply.Error(ErrorCode.NoAuth);
        }

        tree.GetAcl(path, out var acl, out var stat);
        var visible = CheckAcl(node.Acl, Perms.Admin, authInfo) ? acl : RedactDigests(acl);
        return new Reply(ErrorCode.Ok, new GetACLResponse(visible, stat));
    }

    private Reply GetAllChildrenNumber(string path, IReadOnlyList<Id> authInfo)
    {
        var node = tree.GetNode(path);
        if (node is null)
        {
            return Reply.Error(ErrorCode.NoNode);
        }

        if (!CheckAcl(node.Acl, Perms.Read, authInfo))
        {
            return Reply.Error(ErrorCode.NoAuth);
        }

        return new Reply(ErrorCode.Ok, new GetAllChildrenNumberResponse(tree.GetAllChildrenNumber(path)));
    }

    private Reply GetEphemerals(long sessionId, string? prefixPath)
    {
        var all = tree.GetEphemerals(sessionId);
        var result = new List<string>(all.Count);
        var trimmed = JavaTrim(prefixPath);
        if (trimmed is null || trimmed.Length == 0 || trimmed == "/")
        {
            result.AddRange(all);
        }
        else
        {
            // The untrimmed prefix is matched, as ZooKeeper does.
            foreach (var path in all)
            {
                if (path.StartsWith(prefixPath!, StringComparison.Ordinal))
                {
                    result.Add(path);
                }
            }
        }

        // In the order of the session's set, as ZooKeeper lists its HashSet.
        return new Reply(ErrorCode.Ok, new GetEphemeralsResponse(result));
    }

    private Reply MultiRead(MultiRequest multi, IReadOnlyList<Id> authInfo)
    {
        var results = new List<MultiResult>(multi.Ops.Count);
        foreach (var op in multi.Ops)
        {
            if (op.Request is IPathRequest { PathIsNull: true })
            {
                // ZooKeeper's lookup of a null path throws a NullPointerException, which ends the multiRead with
                // MarshallingError; the results so far go along.
                return new Reply(ErrorCode.MarshallingError, new MultiResponse(results));
            }

            // A multiRead never leaves watches: ZooKeeper drops the ops' watch flags.
            switch (op.Request)
            {
                case GetChildrenRequest getChildren when op.Type == OpCode.GetChildren:
                {
                    var reply = GetChildren(getChildren.Path, null, authInfo, withStat: false);
                    results.Add(reply.Err == ErrorCode.Ok
                        ? MultiResult.GetChildren((GetChildrenResponse)reply.Response!)
                        : MultiResult.Error(reply.Err));
                    break;
                }

                case GetDataRequest getData when op.Type == OpCode.GetData:
                {
                    var reply = GetData(getData.Path, null, authInfo, out var response);
                    results.Add(reply.Err == ErrorCode.Ok ? MultiResult.GetData(response!) : MultiResult.Error(reply.Err));
                    break;
                }

                default:
                    // A multiRead of write ops (check, create...) decodes, as long as all its ops are writes, then
                    // fails on its first op. ZooKeeper has its (empty) response record by then and sends it along
                    // with MarshallingError.
                    return new Reply(ErrorCode.MarshallingError, new MultiResponse(results));
            }
        }

        return new Reply(ErrorCode.Ok, new MultiResponse(results));
    }

    // A null path (length -1 on the wire) reaches 3.8.0's FinalRequestProcessor as a Java null: every read that
    // looks the path up (a node, '\0', checkWatches' path iterator) throws a NullPointerException, answered as
    // MarshallingError without a watch left. sync echoes it and getEphemerals takes it as "all" (both never come
    // here). addWatch and removeWatches keep it as a HashMap key, a watch no event ever reaches; see NullPathWatch.
    private Reply NullPath(OpCode op, IJuteRecord request, IWatcher? watcher)
    {
        if (watcher is null)
        {
            return Reply.Error(ErrorCode.MarshallingError);
        }

        switch (request)
        {
            case AddWatchRequest { Mode: (int)AddWatchMode.Persistent or (int)AddWatchMode.PersistentRecursive } add when op == OpCode.AddWatch:
                var reply = NullPathWatch(watcher, add: true, type: 0);
                if (reply.Err == ErrorCode.Ok && add.Mode == (int)AddWatchMode.PersistentRecursive)
                {
                    tree.DataWatches.CountUnreachableRecursiveWatch();
                    tree.ChildWatches.CountUnreachableRecursiveWatch();
                }

                return reply;
            case RemoveWatchesRequest { Type: >= 1 and <= 3 } remove when op == OpCode.RemoveWatches:
                return NullPathWatch(watcher, add: false, remove.Type);
            default:
                return Reply.Error(ErrorCode.MarshallingError);
        }
    }

    // 3.8.0's WatchManager (one for data, one for child watches) files a null path under its watcher's paths and its
    // WatcherModeManager under Key(watcher, null), whose equals throws on the null path: so a second addWatch on
    // it fails (MarshallingError) at the data manager, and removing it fails too, after taking it off the paths but
    // not off the modes (a later removeWatches of it finds nothing: NoWatcher). The state per connection and
    // manager: bit 0 "in the paths", bit 1 "in the modes" (data), bits 2 and 3 the same (child).
    private Reply NullPathWatch(IWatcher watcher, bool add, int type)
    {
        var state = nullPathWatches.GetOrCreateValue(watcher);
        if (add)
        {
            // data manager first, then child (DataTree.addWatch)
            foreach (var shift in (ReadOnlySpan<int>)[0, 2])
            {
                if ((state.Value & (2 << shift)) != 0)
                {
                    return Reply.Error(ErrorCode.MarshallingError);
                }

                state.Value |= 3 << shift;
            }

            return new Reply(ErrorCode.Ok, new ErrorResponse(ErrorCode.Ok));
        }

        // DataTree.removeWatch: Children (1) the child manager, Data (2) the data manager, Any (3) child then data
        var found = false;
        foreach (var shift in (ReadOnlySpan<int>)[2, 0])
        {
            if ((type & (shift == 2 ? 1 : 2)) == 0 || (state.Value & (1 << shift)) == 0)
            {
                continue;
            }

            state.Value &= ~(1 << shift);
            if ((state.Value & (2 << shift)) != 0)
            {
                return Reply.Error(ErrorCode.MarshallingError);
            }

            found = true;
        }

        return Reply.Error(found ? ErrorCode.Ok : ErrorCode.NoWatcher);
    }

    private Reply AddWatch(AddWatchRequest request, IWatcher watcher)
    {
        if (request.Mode is not ((int)AddWatchMode.Persistent or (int)AddWatchMode.PersistentRecursive))
        {
            return Reply.Error(ErrorCode.MarshallingError);
        }

        // No path or permission check here, as in ZooKeeper (and 3.8.0 delivers the events unfiltered).
        tree.AddWatch(request.Path, watcher, (AddWatchMode)request.Mode);
        return new Reply(ErrorCode.Ok, new ErrorResponse(ErrorCode.Ok));
    }

    // checkWatches / removeWatches. 3.8.0's WatcherType has Children (1), Data (2) and Any (3) only; another
    // value, like a path its PathParentIterator cannot walk, fails the request with MarshallingError.
    private Reply WatchQuery(string path, int type, IWatcher watcher, bool remove)
    {
        if (type is < 1 or > 3)
        {
            return Reply.Error(ErrorCode.MarshallingError);
        }

        bool found;
        try
        {
            found = remove ? tree.RemoveWatch(path, type, watcher) : tree.ContainsWatcher(path, type, watcher);
        }
        catch (ArgumentException)
        {
            return Reply.Error(ErrorCode.MarshallingError);
        }

        return Reply.Error(found ? ErrorCode.Ok : ErrorCode.NoWatcher);
    }

    private static Reply WhoAmI(IReadOnlyList<Id> authInfo)
    {
        var infos = new List<ClientInfo>(authInfo.Count);
        foreach (var id in authInfo)
        {
            infos.Add(new ClientInfo(id.Scheme, AclEvaluator.GetUserName(id)));
        }

        return new Reply(ErrorCode.Ok, new WhoAmIResponse(infos));
    }

    // Java's String.trim: strips chars up to U+0020 at both ends.
    private static string? JavaTrim(string? s)
    {
        if (s is null)
        {
            return null;
        }

        var start = 0;
        var end = s.Length;
        while (start < end && s[start] <= ' ')
        {
            start++;
        }

        while (end > start && s[end - 1] <= ' ')
        {
            end--;
        }

        return s[start..end];
    }
}
