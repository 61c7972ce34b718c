using ActorZk.TestSupport;

namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>
/// The servers of the end-to-end tests (<see cref="ZooKeeperProcess"/>): ActorZk (the ActorZk.Server.dll next to the
/// tests) or Apache ZooKeeper 3.8 (Debian package), each on a free loopback port with its own temporary directory.
/// </summary>
internal static class TestServer
{
    /// <summary>Why Apache ZooKeeper cannot be started here, or null when it can.</summary>
    public static string? ApacheSkipReason => ZooKeeperProcess.ApacheSkipReason;

    /// <summary>Why zkCli.sh cannot be run here, or null when it can.</summary>
    public static string? ZkCliSkipReason { get; } =
        ApacheSkipReason ?? (File.Exists(CliRunner.ZkCliPath) ? null : $"{CliRunner.ZkCliPath} is missing (Debian package zookeeper)");

    /// <summary>Starts ActorZk and waits until it serves.</summary>
    public static Task<ZooKeeperProcess> StartActorZkAsync()
        => ZooKeeperProcess.StartActorZkAsync(
            Path.Combine(AppContext.BaseDirectory, "ActorZk.Server.dll"),
            new ZooKeeperProcessOptions
            {
                DirectoryPrefix = "actorzk-cli-tests-actorzk",
                Config = "tickTime=2000\n4lw.commands.whitelist=*\nextendedTypesEnabled=true\n",
            });

    /// <summary>Starts Apache ZooKeeper and waits until it serves.</summary>
    public static Task<ZooKeeperProcess> StartApacheAsync()
        => ZooKeeperProcess.StartApacheAsync(new ZooKeeperProcessOptions { DirectoryPrefix = "actorzk-cli-tests-apache" });
}
