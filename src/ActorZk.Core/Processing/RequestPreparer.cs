using System.Globalization;
using ActorZk.Core.Acl;
using ActorZk.Core.Sessions;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// Turns write requests into txns (ZooKeeper's <c>PrepRequestProcessor</c>): validates them against the tree
/// plus the changes of txns prepared but not yet applied, so several writes can be in flight, and records
/// each accepted change for the requests that follow. Not thread-safe: the leader's peer actor owns it.
/// </summary>
/// <remarks>
/// The checks and their order are ZooKeeper's, since the order decides which error a client sees: e.g. a
/// create checks the mode, the TTL, the session, the path, the ACL, the parent's existence, CREATE permission,
/// the full path, NodeExists and only then NoChildrenForEphemerals.
/// </remarks>
public sealed class RequestPreparer
{
    private readonly DataTree tree;
    private readonly SessionTracker? sessionTracker;
    private readonly LinkedList<ChangeRecord> outstanding = new();
    private readonly Dictionary<string, ChangeRecord> outstandingForPath = new(StringComparer.Ordinal);
    private readonly bool skipAcl;
    private readonly bool extendedTypes;
    private readonly int maxDataLength;
    private readonly bool digestEnabled;

    /// <summary>Creates a preparer over <paramref name="tree"/>, with the tree's <see cref="CoreOptions"/>.</summary>
    /// <param name="tree">The tree txns will be applied to.</param>
    /// <param name="sessionTracker">
    /// When given, requests of unknown sessions fail with UnknownSession (SessionExpired for ephemeral
    /// creates) and of closing sessions with SessionExpired, and closeSession marks the session closing, as
    /// ZooKeeper's leader does. The server must track a new session before preparing its createSession.
    /// </param>
    public RequestPreparer(DataTree tree, SessionTracker? sessionTracker = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        this.tree = tree;
        this.sessionTracker = sessionTracker;
        skipAcl = tree.Options.SkipAcl;
        extendedTypes = tree.Options.ExtendedTypesEnabled;
        maxDataLength = tree.Options.MaxDataLength;
        digestEnabled = tree.Options.DigestEnabled;
    }

    /// <summary>Number of change records of txns prepared but not yet applied.</summary>
    public int OutstandingChangeCount => outstanding.Count;

    /// <summary>True for the request types that become txns.</summary>
    public static bool IsWrite(OpCode op) => op is OpCode.Create or OpCode.Create2 or OpCode.CreateTtl
        or OpCode.CreateContainer or OpCode.DeleteContainer or OpCode.Delete or OpCode.SetData or OpCode.SetAcl
        or OpCode.Check or OpCode.Multi or OpCode.Reconfig or OpCode.CreateSession or OpCode.CloseSession;

    /// <summary>
    /// Prepares one write. Never throws for a bad request: the result is then an error txn (or a multi whose
    /// entries carry the failure) that still uses <paramref name="zxid"/>.
    /// </summary>
    /// <param name="sessionId">The requesting session (0 for server-internal requests such as deleteContainer).</param>
    /// <param name="cxid">The request's xid.</param>
    /// <param name="op">The request type; must satisfy <see cref="IsWrite"/>.</param>
    /// <param name="request">
    /// The decoded request: CreateRequest (create, create2, createContainer), CreateTTLRequest, DeleteRequest,
    /// DeleteContainerRequest, SetDataRequest, SetACLRequest, CheckVersionRequest, MultiRequest, ReconfigRequest,
    /// <see cref="CreateSessionTxn"/> for createSession, nothing for closeSession. A mismatch gives MarshallingError.
    /// </param>
    /// <param name="authInfo">The session's identities.</param>
    /// <param name="zxid">The zxid to give the txn.</param>
    /// <param name="timeMs">The wall-clock time to stamp (ctime/mtime).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="op"/> is not a write.</exception>
    public PreparedTxn Prepare(long sessionId, int cxid, OpCode op, IJuteRecord? request, IReadOnlyList<Id> authInfo, long zxid, long timeMs)
    {
        if (!IsWrite(op))
        {
            throw new ArgumentOutOfRangeException(nameof(op), op, "Not a write request");
        }

        ArgumentNullException.ThrowIfNull(authInfo);
        var header = new TxnHeader(sessionId, cxid, zxid, timeMs, op);
        if (op == OpCode.Multi)
        {
            return PrepareMulti(header, request as MultiRequest, authInfo);
        }

        var err = PrepareOp(op, header, request, authInfo, out var txn);
        return err == ErrorCode.Ok
            ? new PreparedTxn(header, txn!)
            : new PreparedTxn(header with { Type = OpCode.Error }, new ErrorTxn(err));
    }

    /// <summary>
    /// Forgets the change records of txns up to <paramref name="zxid"/>, which are now applied to the tree
    /// (ZooKeeper does this as each txn is applied).
    /// </summary>
    public void Applied(long zxid)
    {
        while (outstanding.First is { } first && first.Value.Zxid <= zxid)
        {
            var record = first.Value;
            outstanding.RemoveFirst();
            if (outstandingForPath.TryGetValue(record.Path, out var current) && ReferenceEquals(current, record))
            {
                outstandingForPath.Remove(record.Path);
            }
        }
    }

    /// <summary>Drops every outstanding change (e.g. when leadership is lost and prepared txns are abandoned).</summary>
    public void Clear()
    {
        outstanding.Clear();
        outstandingForPath.Clear();
    }

    /// <summary>
    /// The sequence suffix ZooKeeper appends: the parent's stored cversion formatted with Java's <c>%010d</c>
    /// (a negative value keeps its '-' within the ten characters).
    /// </summary>
    public static string FormatSequence(int cversion)
    {
        if (cversion >= 0)
        {
            return cversion.ToString("D10", CultureInfo.InvariantCulture);
        }

        var digits = (-(long)cversion).ToString(CultureInfo.InvariantCulture);
        return "-" + digits.PadLeft(9, '0');
    }

    private PreparedTxn PrepareMulti(TxnHeader header, MultiRequest? multi, IReadOnlyList<Id> authInfo)
    {
        if (multi is null || HasNullPath(multi) || !AllWrites(multi))
        {
            // A null path: see HasNullPath. Only a leader of an ensemble gets here with one (its learners expect
            // zxids without gaps), so the zxid stays used, by an error txn.
            return new PreparedTxn(header with { Type = OpCode.Error }, new ErrorTxn(ErrorCode.MarshallingError));
        }

        var pending = GetPendingChanges(multi);
        var txns = new List<Txn>(multi.Ops.Count);
        var failed = false;
        foreach (var op in multi.Ops)
        {
            if (failed)
            {
                txns.Add(new Txn(OpCode.Error, new ErrorTxn(ErrorCode.RuntimeInconsistency)));
                continue;
            }

            var (type, request) = EffectiveOp(op);
            if (type == OpCode.CreateTtl && request is CreateRequest)
            {
                // 3.8.0 casts the op's CreateRequest to CreateTTLRequest and fails with a ClassCastException,
                // which turns the whole multi into a MarshallingError (without rolling back the change records
                // of the ops before; they go when this zxid is applied).
                return new PreparedTxn(header with { Type = OpCode.Error }, new ErrorTxn(ErrorCode.MarshallingError));
            }

            var err = PrepareOp(type, header, request, authInfo, out var txn);
            if (err == ErrorCode.MarshallingError)
            {
                // An op's NullPointerException (a null ACL scheme or id) is no KeeperException: it leaves the op
                // loop, and the whole multi becomes an error txn (change records as with the ClassCastException).
                return new PreparedTxn(header with { Type = OpCode.Error }, new ErrorTxn(ErrorCode.MarshallingError));
            }

            if (err == ErrorCode.Ok)
            {
                txns.Add(new Txn(type, txn!));
            }
            else
            {
                failed = true;
                txns.Add(new Txn(OpCode.Error, new ErrorTxn(err)));
                RollbackPendingChanges(header.Zxid, pending);
            }
        }

        return new PreparedTxn(header, new MultiTxn(txns));
    }

    // 3.8.0's MultiOperationRecord rebuilds each create op with Op.create(path, data, acl, flags[, ttl]), whose
    // type follows the flags, not the op code on the wire: createTTL for the TTL modes, createContainer for
    // CONTAINER, create for anything else (unknown flags included, which then fail as BadArguments). So a
    // create2 op answers like a create (no stat), a createContainer op with flags 0 makes a plain node, and a
    // createTTL op with a non-TTL mode loses its TTL.
    private static (OpCode Type, IJuteRecord Request) EffectiveOp(MultiOp op)
    {
        switch (op.Request)
        {
            case CreateRequest create when op.Type is OpCode.Create or OpCode.Create2 or OpCode.CreateContainer:
                return (TypeForFlags(create.Flags), create);
            case CreateTTLRequest create when op.Type == OpCode.CreateTtl:
            {
                var type = TypeForFlags(create.Flags);
                return type == OpCode.CreateTtl ? (type, create) : (type, new CreateRequest(create.Path, create.Data, create.Acl, create.Flags));
            }

            default:
                return (op.Type, op.Request);
        }
    }

    // Op.Create.getOpcode(CreateMode.fromFlag(flags, PERSISTENT)).
    private static OpCode TypeForFlags(int flags)
    {
        if (!CreateModeExtensions.TryFromFlag(flags, out var mode))
        {
            return OpCode.Create;
        }

        if (mode.IsTtl())
        {
            return OpCode.CreateTtl;
        }

        return mode.IsContainer() ? OpCode.CreateContainer : OpCode.Create;
    }

    /// <summary>
    /// True for a multi with a null path in any op. 3.8.0 takes the multi's zxid, then, looking up the ops' pending
    /// changes before the txn header exists, throws a NullPointerException: the client gets MarshallingError with
    /// an empty multi response, no txn is logged and the zxid is never used (the next txn's is one further). A
    /// standalone server does the same; see <see cref="PrepareMulti"/> for an ensemble's leader.
    /// </summary>
    public static bool HasNullPath(MultiRequest multi)
    {
        ArgumentNullException.ThrowIfNull(multi);
        foreach (var op in multi.Ops)
        {
            if (op.Request is IPathRequest { PathIsNull: true })
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllWrites(MultiRequest multi)
    {
        foreach (var op in multi.Ops)
        {
            if (op.Type is not (OpCode.Create or OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer
                or OpCode.Delete or OpCode.SetData or OpCode.Check))
            {
                return false;
            }
        }

        return true;
    }

    private ErrorCode PrepareOp(OpCode op, in TxnHeader header, IJuteRecord? request, IReadOnlyList<Id> authInfo, out ITxn? txn)
    {
        txn = null;
        switch (op)
        {
            case OpCode.Create or OpCode.Create2 or OpCode.CreateContainer when request is CreateRequest create:
                return PrepareCreate(op, header, create.Path, create.PathIsNull, create.Data, create.Acl, create.Flags, -1, authInfo, out txn);
            case OpCode.CreateTtl when request is CreateTTLRequest create:
                return PrepareCreate(op, header, create.Path, create.PathIsNull, create.Data, create.Acl, create.Flags, create.Ttl, authInfo, out txn);
            case OpCode.DeleteContainer when request is DeleteContainerRequest delete:
                // 3.8.0 reads the path of a deleteContainer as the whole request buffer in UTF-8. For its own
                // container sweep (session 0) that buffer is just the path; for a client's request it is the
                // packet's backing array, request header (with NUL bytes) included, so the path is refused.
                return header.ClientId == 0 ? PrepareDeleteContainer(header, delete.Path, out txn) : ErrorCode.BadArguments;
            case OpCode.Delete when request is DeleteRequest delete:
                return PrepareDelete(header, delete, authInfo, out txn);
            case OpCode.SetData when request is SetDataRequest setData:
                return PrepareSetData(header, setData, authInfo, out txn);
            case OpCode.SetAcl when request is SetACLRequest setAcl:
                return PrepareSetAcl(header, setAcl, authInfo, out txn);
            case OpCode.Check when request is CheckVersionRequest check:
                return PrepareCheck(header, check, authInfo, out txn);
            case OpCode.CreateSession when request is CreateSessionTxn createSession:
                txn = createSession;
                return ErrorCode.Ok;
            case OpCode.CloseSession:
                txn = PrepareCloseSession(header);
                return ErrorCode.Ok;
            case OpCode.Reconfig:
                // Dynamic reconfiguration is not supported, as with ZooKeeper's default reconfigEnabled=false.
                return ErrorCode.ReconfigDisabled;
            default:
                return ErrorCode.MarshallingError;
        }
    }

    private ErrorCode PrepareCreate(
        OpCode op, in TxnHeader header, string path, bool pathIsNull, byte[]? data, IReadOnlyList<Acl> requestAcl, int flags, long ttl,
        IReadOnlyList<Id> authInfo, out ITxn? txn)
    {
        txn = null;
        if (!CreateModeExtensions.TryFromFlag(flags, out var mode))
        {
            return ErrorCode.BadArguments;
        }

        // validateCreateRequest
        if (mode.IsTtl() && !extendedTypes)
        {
            return ErrorCode.Unimplemented;
        }

        if (!EphemeralOwner.IsValidTtlForMode(mode, ttl))
        {
            return ErrorCode.BadArguments;
        }

        // ZooKeeper would accept createTTL with a non-TTL mode and a negative TTL, then fail to apply the txn
        // (and stop); refuse it here instead.
        if (op == OpCode.CreateTtl && !mode.IsTtl())
        {
            return ErrorCode.BadArguments;
        }

        var sessionErr = mode.IsEphemeral() ? CheckGlobalSession(header.ClientId) : CheckSession(header.ClientId);
        if (sessionErr != ErrorCode.Ok)
        {
            return sessionErr;
        }

        if (maxDataLength >= 0 && data is not null && data.Length > maxDataLength)
        {
            return ErrorCode.BadArguments;
        }

        // validatePathForCreate: on a null path 3.8.0 throws a NullPointerException here (an error txn with
        // MarshallingError).
        if (pathIsNull)
        {
            return ErrorCode.MarshallingError;
        }

        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return ErrorCode.BadArguments;
        }

        var parentPath = path[..lastSlash];
        var aclErr = AclFixup.Fixup(requestAcl, authInfo, out var acl);
        if (aclErr != ErrorCode.Ok)
        {
            return aclErr;
        }

        if (!TryGetRecord(parentPath, out var parentRecord))
        {
            return ErrorCode.NoNode;
        }

        if (!CheckAcl(parentRecord.Acl, Perms.Create, authInfo))
        {
            return ErrorCode.NoAuth;
        }

        var parentStat = parentRecord.Stat!.Value;
        if (mode.IsSequential())
        {
            path += FormatSequence(parentStat.Cversion);
        }

        if (PathUtils.GetError(path) is not null)
        {
            return ErrorCode.BadArguments;
        }

        if (Exists(path))
        {
            return ErrorCode.NodeExists;
        }

        if (EphemeralOwner.GetKind(parentStat.EphemeralOwner, extendedTypes) == EphemeralKind.Normal)
        {
            return ErrorCode.NoChildrenForEphemerals;
        }

        var newCversion = parentStat.Cversion + 1;
        txn = op switch
        {
            OpCode.CreateContainer => new CreateContainerTxn(path, data, acl, newCversion),
            OpCode.CreateTtl => new CreateTTLTxn(path, data, acl, newCversion, ttl),
            _ => new CreateTxn(path, data, acl, mode.IsEphemeral(), newCversion),
        };

        long ephemeralOwner = 0;
        if (mode.IsContainer())
        {
            ephemeralOwner = EphemeralOwner.Container;
        }
        else if (mode.IsTtl())
        {
            ephemeralOwner = EphemeralOwner.ForTtl(ttl);
        }
        else if (mode.IsEphemeral())
        {
            ephemeralOwner = header.ClientId;
        }

        var zxid = header.Zxid;
        parentRecord = parentRecord.Duplicate(zxid);
        parentRecord.ChildCount++;
        parentRecord.Stat = parentStat with { Cversion = newCversion, Pzxid = zxid };
        AddChangeRecord(parentRecord);
        AddChangeRecord(new ChangeRecord(zxid, path, StatPersisted.ForCreate(zxid, header.Time, ephemeralOwner), 0, acl) { Data = data });
        return ErrorCode.Ok;
    }

    private ErrorCode PrepareDeleteContainer(in TxnHeader header, string path, out ITxn? txn)
    {
        txn = null;
        if (!TryGetParentPath(path, out var parentPath))
        {
            return ErrorCode.BadArguments;
        }

        if (!TryGetRecord(path, out var nodeRecord))
        {
            return ErrorCode.NoNode;
        }

        if (nodeRecord.ChildCount > 0)
        {
            return ErrorCode.NotEmpty;
        }

        // ZooKeeper only refuses real ephemerals here: a plain persistent node is deleted too.
        if (EphemeralOwner.GetKind(nodeRecord.Stat!.Value.EphemeralOwner, extendedTypes) == EphemeralKind.Normal)
        {
            return ErrorCode.BadVersion;
        }

        if (!TryGetRecord(parentPath, out var parentRecord))
        {
            return ErrorCode.NoNode;
        }

        txn = new DeleteTxn(path);
        RecordDelete(header.Zxid, path, parentRecord);
        return ErrorCode.Ok;
    }

    private ErrorCode PrepareDelete(in TxnHeader header, DeleteRequest request, IReadOnlyList<Id> authInfo, out ITxn? txn)
    {
        txn = null;
        var sessionErr = CheckSession(header.ClientId);
        if (sessionErr != ErrorCode.Ok)
        {
            return sessionErr;
        }

        if (request.PathIsNull)
        {
            // getParentPathAndValidate throws a NullPointerException on it: an error txn with MarshallingError.
            return ErrorCode.MarshallingError;
        }

        var path = request.Path;
        if (!TryGetParentPath(path, out var parentPath))
        {
            return ErrorCode.BadArguments;
        }

        if (!TryGetRecord(parentPath, out var parentRecord))
        {
            return ErrorCode.NoNode;
        }

        if (!CheckAcl(parentRecord.Acl, Perms.Delete, authInfo))
        {
            return ErrorCode.NoAuth;
        }

        if (!TryGetRecord(path, out var nodeRecord))
        {
            return ErrorCode.NoNode;
        }

        if (!CheckAndIncVersion(nodeRecord.Stat!.Value.Version, request.Version, out _))
        {
            return ErrorCode.BadVersion;
        }

        if (nodeRecord.ChildCount > 0)
        {
            return ErrorCode.NotEmpty;
        }

        txn = new DeleteTxn(path);
        RecordDelete(header.Zxid, path, parentRecord);
        return ErrorCode.Ok;
    }

    private ErrorCode PrepareSetData(in TxnHeader header, SetDataRequest request, IReadOnlyList<Id> authInfo, out ITxn? txn)
    {
        txn = null;
        var sessionErr = CheckSession(header.ClientId);
        if (sessionErr != ErrorCode.Ok)
        {
            return sessionErr;
        }

        var path = request.Path;
        if (PathUtils.GetError(path) is not null)
        {
            return ErrorCode.BadArguments;
        }

        if (maxDataLength >= 0 && request.Data is not null && request.Data.Length > maxDataLength)
        {
            return ErrorCode.BadArguments;
        }

        if (!TryGetRecord(path, out var nodeRecord))
        {
            return ErrorCode.NoNode;
        }

        if (!CheckAcl(nodeRecord.Acl, Perms.Write, authInfo))
        {
            return ErrorCode.NoAuth;
        }

        var stat = nodeRecord.Stat!.Value;
        if (!CheckAndIncVersion(stat.Version, request.Version, out var newVersion))
        {
            return ErrorCode.BadVersion;
        }

        txn = new SetDataTxn(path, request.Data, newVersion);
        nodeRecord = nodeRecord.Duplicate(header.Zxid);
        nodeRecord.Stat = stat with { Version = newVersion, Mtime = header.Time, Mzxid = header.Zxid };
        nodeRecord.Data = request.Data;
        AddChangeRecord(nodeRecord);
        return ErrorCode.Ok;
    }

    private ErrorCode PrepareSetAcl(in TxnHeader header, SetACLRequest request, IReadOnlyList<Id> authInfo, out ITxn? txn)
    {
        txn = null;
        var sessionErr = CheckSession(header.ClientId);
        if (sessionErr != ErrorCode.Ok)
        {
            return sessionErr;
        }

        var path = request.Path;
        if (PathUtils.GetError(path) is not null)
        {
            return ErrorCode.BadArguments;
        }

        var aclErr = AclFixup.Fixup(request.Acl, authInfo, out var acl);
        if (aclErr != ErrorCode.Ok)
        {
            return aclErr;
        }

        if (!TryGetRecord(path, out var nodeRecord))
        {
            return ErrorCode.NoNode;
        }

        if (!CheckAcl(nodeRecord.Acl, Perms.Admin, authInfo))
        {
            return ErrorCode.NoAuth;
        }

        var stat = nodeRecord.Stat!.Value;
        if (!CheckAndIncVersion(stat.Aversion, request.Version, out var newVersion))
        {
            return ErrorCode.BadVersion;
        }

        txn = new SetACLTxn(path, acl, newVersion);

        // As ZooKeeper, the change record keeps the old ACL: requests prepared before this txn is applied
        // are still checked against it.
        nodeRecord = nodeRecord.Duplicate(header.Zxid);
        nodeRecord.Stat = stat with { Aversion = newVersion };
        AddChangeRecord(nodeRecord);
        return ErrorCode.Ok;
    }

    private ErrorCode PrepareCheck(in TxnHeader header, CheckVersionRequest request, IReadOnlyList<Id> authInfo, out ITxn? txn)
    {
        txn = null;
        var sessionErr = CheckSession(header.ClientId);
        if (sessionErr != ErrorCode.Ok)
        {
            return sessionErr;
        }

        var path = request.Path;
        if (PathUtils.GetError(path) is not null)
        {
            return ErrorCode.BadArguments;
        }

        if (!TryGetRecord(path, out var nodeRecord))
        {
            return ErrorCode.NoNode;
        }

        if (!CheckAcl(nodeRecord.Acl, Perms.Read, authInfo))
        {
            return ErrorCode.NoAuth;
        }

        if (!CheckAndIncVersion(nodeRecord.Stat!.Value.Version, request.Version, out var nextVersion))
        {
            return ErrorCode.BadVersion;
        }

        txn = new CheckVersionTxn(path, nextVersion);
        return ErrorCode.Ok;
    }

    private CloseSessionTxn PrepareCloseSession(in TxnHeader header)
    {
        var sessionId = header.ClientId;

        // The session's ephemerals as they will be once everything in flight is applied: outstanding
        // deletes remove paths (whoever owned them), outstanding records owned by the session add them. The
        // nodes are deleted, and their watches fire, in the order of that set (a Java HashSet in ZooKeeper).
        var paths = tree.GetEphemerals(sessionId);
        foreach (var change in outstanding)
        {
            if (change.Stat is null)
            {
                paths.Remove(change.Path);
            }
            else if (change.Stat.Value.EphemeralOwner == sessionId)
            {
                paths.Add(change.Path);
            }
        }

        var ordered = new List<string>(paths);
        var zxid = header.Zxid;
        foreach (var path in ordered)
        {
            if (digestEnabled && TryGetParentPath(path, out var parentPath) && TryGetRecord(parentPath, out var parentRecord))
            {
                // ZooKeeper records the parent's new pzxid only as part of its digest bookkeeping; the child
                // count is left as is.
                parentRecord = parentRecord.Duplicate(zxid);
                parentRecord.Stat = parentRecord.Stat!.Value with { Pzxid = zxid };
                AddChangeRecord(parentRecord);
            }

            AddChangeRecord(new ChangeRecord(zxid, path, null, 0, null));
        }

        sessionTracker?.SetSessionClosing(sessionId);
        return new CloseSessionTxn(ordered);
    }

    private void RecordDelete(long zxid, string path, ChangeRecord parentRecord)
    {
        parentRecord = parentRecord.Duplicate(zxid);
        parentRecord.ChildCount--;
        parentRecord.Stat = parentRecord.Stat!.Value with { Pzxid = zxid };
        AddChangeRecord(parentRecord);
        AddChangeRecord(new ChangeRecord(zxid, path, null, -1, null));
    }

    // 3.8.0's checkAndIncVersion: -1 matches anything, and the next version is simply current + 1, wrapping
    // from int.MaxValue to int.MinValue and counting up through -1 (the skip of -1 is ZOOKEEPER-4743, 3.9+).
    private static bool CheckAndIncVersion(int currentVersion, int expectedVersion, out int nextVersion)
    {
        nextVersion = 0;
        if (expectedVersion != -1 && expectedVersion != currentVersion)
        {
            return false;
        }

        nextVersion = unchecked(currentVersion + 1);
        return true;
    }

    // ZooKeeper's getParentPathAndValidate: needs a '/', no NUL, and refuses the system nodes.
    private static bool TryGetParentPath(string path, out string parentPath)
    {
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal) || DataTree.IsSpecialPath(path))
        {
            parentPath = string.Empty;
            return false;
        }

        parentPath = path[..lastSlash];
        return true;
    }

    private ErrorCode CheckSession(long sessionId) => sessionTracker?.CheckSession(sessionId) ?? ErrorCode.Ok;

    private ErrorCode CheckGlobalSession(long sessionId) => sessionTracker?.CheckGlobalSession(sessionId) ?? ErrorCode.Ok;

    private bool CheckAcl(IReadOnlyList<Acl>? acl, Perms perm, IReadOnlyList<Id> authInfo)
        => skipAcl || AclEvaluator.Check(acl, perm, authInfo);

    // ZooKeeper's getRecordForPath: the latest outstanding change, else the tree's node; a delete is NoNode.
    private bool TryGetRecord(string path, out ChangeRecord record)
    {
        if (outstandingForPath.TryGetValue(path, out var change))
        {
            record = change;
            return change.Stat is not null;
        }

        var node = tree.GetNode(path);
        if (node is null)
        {
            record = null!;
            return false;
        }

        record = new ChangeRecord(-1, path, node.Stat, node.ChildCount, node.Acl) { Data = node.Data };
        return true;
    }

    private bool Exists(string path)
        => outstandingForPath.TryGetValue(path, out var change) ? change.Stat is not null : tree.GetNode(path) is not null;

    private void AddChangeRecord(ChangeRecord record)
    {
        outstanding.AddLast(record);
        outstandingForPath[record.Path] = record;
    }

    // The outstanding records a multi may shadow (its ops' paths and their parents), so that a failed multi
    // can put them back (ZOOKEEPER-1624: the parent matters for sequential names).
    private Dictionary<string, ChangeRecord> GetPendingChanges(MultiRequest multi)
    {
        var pending = new Dictionary<string, ChangeRecord>(StringComparer.Ordinal);
        if (outstandingForPath.Count == 0)
        {
            return pending;
        }

        foreach (var op in multi.Ops)
        {
            var path = GetOpPath(op);
            if (outstandingForPath.TryGetValue(path, out var change))
            {
                pending[path] = change;
            }

            var lastSlash = path.LastIndexOf('/');
            if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            var parentPath = path[..lastSlash];
            if (outstandingForPath.TryGetValue(parentPath, out var parentChange))
            {
                pending[parentPath] = parentChange;
            }
        }

        return pending;
    }

    private void RollbackPendingChanges(long zxid, Dictionary<string, ChangeRecord> pending)
    {
        while (outstanding.Last is { } last && last.Value.Zxid == zxid)
        {
            outstanding.RemoveLast();
            outstandingForPath.Remove(last.Value.Path);
        }

        if (outstanding.First is not { } first)
        {
            return;
        }

        var firstZxid = first.Value.Zxid;
        foreach (var change in pending.Values)
        {
            // Records older than the oldest outstanding one were applied meanwhile.
            if (change.Zxid >= firstZxid)
            {
                outstandingForPath[change.Path] = change;
            }
        }
    }

    private static string GetOpPath(MultiOp op) => op.Request switch
    {
        CreateRequest r => r.Path,
        CreateTTLRequest r => r.Path,
        DeleteRequest r => r.Path,
        SetDataRequest r => r.Path,
        CheckVersionRequest r => r.Path,
        _ => string.Empty,
    };
}
