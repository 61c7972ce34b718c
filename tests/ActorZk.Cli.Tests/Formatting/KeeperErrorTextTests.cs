using ActorZk.Cli.Formatting;
using ActorZk.Protocol;

namespace ActorZk.Cli.Tests.Formatting;

public sealed class KeeperErrorTextTests
{
    [Theory]
    [InlineData(ErrorCode.NoNode, "/x", "Node does not exist: /x")]
    [InlineData(ErrorCode.NodeExists, "/x", "Node already exists: /x")]
    [InlineData(ErrorCode.NotEmpty, "/x", "Node not empty: /x")]
    [InlineData(ErrorCode.BadVersion, "/x", "version No is not valid : /x")]
    [InlineData(ErrorCode.NoAuth, "/x", "Insufficient permission : /x")]
    [InlineData(ErrorCode.NoChildrenForEphemerals, "/e/c", "Ephemerals cannot have children: /e/c")]
    [InlineData(ErrorCode.InvalidAcl, null, "Acl is not valid : null")]
    [InlineData(ErrorCode.NoWatcher, "/a", "KeeperErrorCode = No such watcher for /a")]
    [InlineData(ErrorCode.ConnectionLoss, "/", "KeeperErrorCode = ConnectionLoss for /")]
    [InlineData(ErrorCode.SessionExpired, "/a", "KeeperErrorCode = Session expired for /a")]
    [InlineData(ErrorCode.Unimplemented, null, "KeeperErrorCode = Unimplemented")]
    public void Words_errors_as_zkCli(ErrorCode code, string? path, string line) => Assert.Equal(line, KeeperErrorText.CliMessage(code, path));
}
