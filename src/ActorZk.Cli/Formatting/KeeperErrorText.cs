using ActorZk.Protocol;

namespace ActorZk.Cli.Formatting;

/// <summary>
/// ZooKeeper errors in zkCli's words: the friendly lines of its <c>CliWrapperException</c>
/// (<c>Node does not exist: /x</c>, <c>version No is not valid : /x</c>, ...) and, for the other codes, the Java
/// <c>KeeperException.getMessage()</c> (<c>KeeperErrorCode = No such watcher for /x</c>).
/// </summary>
internal static class KeeperErrorText
{
    /// <summary>The line zkCli prints on stderr when a command fails with <paramref name="code"/>.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="path">The path of the failed request, or null.</param>
    /// <returns>The line.</returns>
    public static string CliMessage(ErrorCode code, string? path) => code switch
    {
        ErrorCode.NoNode => "Node does not exist: " + Path(path),
        ErrorCode.NoChildrenForEphemerals => "Ephemerals cannot have children: " + Path(path),
        ErrorCode.NodeExists => "Node already exists: " + Path(path),
        ErrorCode.NotEmpty => "Node not empty: " + Path(path),
        ErrorCode.NotReadOnly => "Not a read-only call: " + Path(path),
        ErrorCode.InvalidAcl => "Acl is not valid : " + Path(path),
        ErrorCode.NoAuth => "Insufficient permission : " + Path(path),
        ErrorCode.BadArguments => "Arguments are not valid : " + Path(path),
        ErrorCode.BadVersion => "version No is not valid : " + Path(path),
        ErrorCode.ReconfigInProgress => "Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)",
        ErrorCode.NewConfigNoQuorum => "No quorum of new config is connected and up-to-date with the leader of last commmitted config - try invoking reconfiguration after new servers are connected and synced",
        ErrorCode.QuotaExceeded => "Quota has exceeded : " + Path(path),
        _ => ExceptionMessage(code, path),
    };

    /// <summary>Java's <c>KeeperException.getMessage()</c>.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="path">The path, or null.</param>
    /// <returns>The message.</returns>
    public static string ExceptionMessage(ErrorCode code, string? path)
        => string.IsNullOrEmpty(path) ? "KeeperErrorCode = " + CodeMessage(code) : $"KeeperErrorCode = {CodeMessage(code)} for {path}";

    /// <summary>Java's <c>KeeperException.getCodeMessage</c>.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>The code's text.</returns>
    public static string CodeMessage(ErrorCode code) => code switch
    {
        ErrorCode.Ok => "ok",
        ErrorCode.SystemError => "SystemError",
        ErrorCode.RuntimeInconsistency => "RuntimeInconsistency",
        ErrorCode.DataInconsistency => "DataInconsistency",
        ErrorCode.ConnectionLoss => "ConnectionLoss",
        ErrorCode.MarshallingError => "MarshallingError",
        ErrorCode.NewConfigNoQuorum => "NewConfigNoQuorum",
        ErrorCode.ReconfigInProgress => "ReconfigInProgress",
        ErrorCode.Unimplemented => "Unimplemented",
        ErrorCode.OperationTimeout => "OperationTimeout",
        ErrorCode.BadArguments => "BadArguments",
        ErrorCode.ApiError => "APIError",
        ErrorCode.NoNode => "NoNode",
        ErrorCode.NoAuth => "NoAuth",
        ErrorCode.BadVersion => "BadVersion",
        ErrorCode.NoChildrenForEphemerals => "NoChildrenForEphemerals",
        ErrorCode.NodeExists => "NodeExists",
        ErrorCode.InvalidAcl => "InvalidACL",
        ErrorCode.AuthFailed => "AuthFailed",
        ErrorCode.NotEmpty => "Directory not empty",
        ErrorCode.SessionExpired => "Session expired",
        ErrorCode.InvalidCallback => "Invalid callback",
        ErrorCode.SessionMoved => "Session moved",
        ErrorCode.NotReadOnly => "Not a read-only call",
        ErrorCode.EphemeralOnLocalSession => "Ephemeral node on local session",
        ErrorCode.NoWatcher => "No such watcher",
        ErrorCode.ReconfigDisabled => "Reconfig is disabled",
        ErrorCode.SessionClosedRequireSaslAuth => "Session closed because client failed to authenticate",
        ErrorCode.QuotaExceeded => "Quota has exceeded",
        ErrorCode.Throttled => "Op throttled due to high load",
        ErrorCode.UnknownSession => "Unknown error UNKNOWNSESSION",
        ErrorCode.RequestTimeout => "Unknown error REQUESTTIMEOUT",
        _ => "Unknown error " + ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // Java concatenates a null path as "null".
    private static string Path(string? path) => path ?? "null";
}
