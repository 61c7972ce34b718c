using ActorZk.Core.Tree;
using ActorZk.Protocol;

namespace ActorZk.Core.Sessions;

/// <summary>
/// The leader's live sessions (ZooKeeper's <c>SessionTrackerImpl</c>): session ids, timeouts, the closing
/// flag, and expiry in tick-wide buckets. Time is passed in (a monotonic clock in ms). Not thread-safe: the
/// peer actor owns it. Which connection owns a session (SessionMoved) is the server's concern.
/// </summary>
public sealed class SessionTracker
{
    private readonly Dictionary<long, SessionState> sessionsById = [];
    private readonly ExpiryQueue<long> expiryQueue;
    private long nextSessionId;

    /// <summary>Creates an empty tracker.</summary>
    /// <param name="tickTime">The tick in ms; expiry is checked once per tick.</param>
    /// <param name="serverId">This server's id (myid); it fills the top byte of new session ids.</param>
    /// <param name="nowMs">The current monotonic time in ms; it seeds the session id counter.</param>
    /// <param name="extendedTypesEnabled">With extended types, server ids above 254 are refused so that no session id looks like a TTL owner.</param>
    public SessionTracker(int tickTime, long serverId, long nowMs, bool extendedTypesEnabled = false)
    {
        if (extendedTypesEnabled && serverId > EphemeralOwner.MaxExtendedServerId)
        {
            throw new ArgumentOutOfRangeException(
                nameof(serverId), serverId, $"extendedTypesEnabled is true but Server ID is too large. Cannot be larger than {EphemeralOwner.MaxExtendedServerId}");
        }

        TickTime = tickTime;
        expiryQueue = new ExpiryQueue<long>(tickTime, nowMs);
        nextSessionId = InitializeNextSessionId(serverId, nowMs);
    }

    /// <summary>The tick (bucket width) in ms.</summary>
    public int TickTime { get; }

    /// <summary>Number of tracked sessions.</summary>
    public int Count => sessionsById.Count;

    /// <summary>The tracked session ids.</summary>
    public IReadOnlyCollection<long> SessionIds => sessionsById.Keys;

    /// <summary>
    /// ZooKeeper's first session id of a server: the top byte is the server id, the next 40 bits the low bits
    /// of the clock in ms, the low 16 bits a counter; the container marker value is skipped.
    /// </summary>
    public static long InitializeNextSessionId(long serverId, long nowMs)
    {
        var next = (long)((ulong)(nowMs << 24) >> 8);
        next |= serverId << 56;
        if (next == EphemeralOwner.Container)
        {
            next++;
        }

        return next;
    }

    /// <summary>
    /// The session timeout ZooKeeper grants: the request clamped to [min, max], where min defaults (-1) to
    /// 2 ticks and max to 20 ticks.
    /// </summary>
    public static int NegotiateTimeout(int requested, int tickTime, int minSessionTimeout = -1, int maxSessionTimeout = -1)
    {
        var min = minSessionTimeout == -1 ? tickTime * 2 : minSessionTimeout;
        var max = maxSessionTimeout == -1 ? tickTime * 20 : maxSessionTimeout;
        var timeout = requested;
        if (timeout < min)
        {
            timeout = min;
        }

        if (timeout > max)
        {
            timeout = max;
        }

        return timeout;
    }

    /// <summary>Allocates the next session id and tracks it.</summary>
    public long CreateSession(int timeout, long nowMs)
    {
        var id = nextSessionId++;
        TrackSession(id, timeout, nowMs);
        return id;
    }

    /// <summary>
    /// Starts tracking a session (or refreshes an existing one's expiry), e.g. for sessions of a loaded
    /// snapshot or a createSession txn from another member. Returns true if it was new.
    /// </summary>
    public bool TrackSession(long sessionId, int timeout, long nowMs)
    {
        var added = false;
        if (!sessionsById.ContainsKey(sessionId))
        {
            sessionsById[sessionId] = new SessionState(timeout);
            added = true;
        }

        expiryQueue.Update(sessionId, timeout, nowMs);
        return added;
    }

    /// <summary>
    /// Pushes the session's expiry out by <paramref name="timeout"/> from now (any request or ping does this).
    /// Returns false for an unknown or closing session, which the caller treats as expired.
    /// </summary>
    public bool TouchSession(long sessionId, int timeout, long nowMs)
    {
        if (!sessionsById.TryGetValue(sessionId, out var session) || session.IsClosing)
        {
            return false;
        }

        expiryQueue.Update(sessionId, timeout, nowMs);
        return true;
    }

    /// <summary>Marks a session as closing: it can no longer be touched and its requests get SessionExpired.</summary>
    public void SetSessionClosing(long sessionId)
    {
        if (sessionsById.TryGetValue(sessionId, out var session))
        {
            session.IsClosing = true;
        }
    }

    /// <summary>Forgets a session (its closeSession txn was applied).</summary>
    public void RemoveSession(long sessionId)
    {
        if (sessionsById.Remove(sessionId))
        {
            expiryQueue.Remove(sessionId);
        }
    }

    /// <summary>True if the session is tracked.</summary>
    public bool IsTrackingSession(long sessionId) => sessionsById.ContainsKey(sessionId);

    /// <summary>True if the session is tracked and closing.</summary>
    public bool IsClosing(long sessionId) => sessionsById.TryGetValue(sessionId, out var session) && session.IsClosing;

    /// <summary>The session's timeout, or <see langword="null"/> if unknown.</summary>
    public int? GetTimeout(long sessionId) => sessionsById.TryGetValue(sessionId, out var session) ? session.Timeout : null;

    /// <summary>
    /// ZooKeeper's <c>checkSession</c> without the owner part: UnknownSession if not tracked, SessionExpired
    /// if closing, Ok otherwise.
    /// </summary>
    public ErrorCode CheckSession(long sessionId)
    {
        if (!sessionsById.TryGetValue(sessionId, out var session))
        {
            return ErrorCode.UnknownSession;
        }

        return session.IsClosing ? ErrorCode.SessionExpired : ErrorCode.Ok;
    }

    /// <summary>ZooKeeper's <c>checkGlobalSession</c> (for ephemeral creates): an unknown session is SessionExpired.</summary>
    public ErrorCode CheckGlobalSession(long sessionId)
    {
        var code = CheckSession(sessionId);
        return code == ErrorCode.UnknownSession ? ErrorCode.SessionExpired : code;
    }

    /// <summary>Milliseconds until the next expiry bucket is due (0 when due now).</summary>
    public long GetWaitTime(long nowMs) => expiryQueue.GetWaitTime(nowMs);

    /// <summary>
    /// Takes every bucket that is due at <paramref name="nowMs"/> and returns their sessions, marked closing.
    /// The caller submits a closeSession for each (and removes it when that txn is applied).
    /// </summary>
    public IReadOnlyList<long> PopExpired(long nowMs)
    {
        List<long>? expired = null;
        while (expiryQueue.GetWaitTime(nowMs) == 0)
        {
            foreach (var sessionId in expiryQueue.Poll(nowMs))
            {
                SetSessionClosing(sessionId);
                (expired ??= []).Add(sessionId);
            }
        }

        return expired ?? (IReadOnlyList<long>)[];
    }

    /// <summary>Expiry time to session ids, for the <c>dump</c> report.</summary>
    public IReadOnlyDictionary<long, IReadOnlyCollection<long>> GetExpiryMap() => expiryQueue.GetExpiryMap();

    private sealed class SessionState(int timeout)
    {
        public int Timeout { get; } = timeout;

        public bool IsClosing { get; set; }
    }
}
