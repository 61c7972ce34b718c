using Xunit;

namespace ActorZk.Server.Tests.Hosting;

/// <summary>The server as an operator starts and stops it: a real process, a zoo.cfg, signals.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-host-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteConfig(string text)
    {
        var path = Path.Combine(directory, "zoo.cfg");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task StartsFromAZooCfgAndStopsCleanlyOnSigterm()
    {
        var port = ServerProcess.FreePort();
        var config = WriteConfig($"""
            tickTime=2000
            dataDir={directory}/data
            clientPort={port}
            clientPortAddress=127.0.0.1
            4lw.commands.whitelist=ruok,srvr
            admin.enableServer=false
            someFutureKey=1
            """);
        using var server = ServerProcess.Start(directory, config);

        await server.WaitUntilServingAsync(port, TimeSpan.FromSeconds(60));
        var srvr = await ServerProcess.FourLetterWordAsync(port, "srvr");
        server.SendSigterm();
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("Mode: standalone", srvr);
        Assert.Equal(0, exitCode);
        Assert.Contains("unknown key 'someFutureKey' ignored", server.Output);
        Assert.Contains("shutting down", server.Output);
        Assert.True(Directory.Exists(Path.Combine(directory, "data")));
    }

    [Fact]
    public async Task ABadZooCfgFailsFastNamingTheLine()
    {
        var config = WriteConfig("tickTime=2000\nclientPort=twenty\n");
        using var server = ServerProcess.Start(directory, config);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains($"{config}:2: clientPort: 'twenty' is not a whole number", server.Output);
    }

    [Fact]
    public async Task AMissingZooCfgIsAClearError()
    {
        using var server = ServerProcess.Start(directory, Path.Combine(directory, "nope.cfg"));

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot read the configuration file", server.Output);
    }

    [Fact]
    public async Task ATakenClientPortStopsTheServerInsteadOfHalfStarting()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        var config = WriteConfig($"dataDir={directory}/data\nclientPort={port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n");
        using var server = ServerProcess.Start(directory, config);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, exitCode);
        Assert.Contains($"Cannot listen on the client port {port}", server.Output);
    }
}
