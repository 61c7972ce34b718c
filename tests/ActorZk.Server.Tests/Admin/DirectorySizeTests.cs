using ActorZk.Server.Admin;
using ActorZk.Server.Tests.Hosting;
using Xunit;

namespace ActorZk.Server.Tests.Admin;

/// <summary><c>conf</c> and <c>dirs</c> report what the data directories hold, as ZooKeeper's do.</summary>
public sealed class DirectorySizeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-dirsize-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void CountsEveryFileUnderTheDirectory()
    {
        File.WriteAllBytes(Path.Combine(directory, "a"), new byte[100]);
        Directory.CreateDirectory(Path.Combine(directory, "sub", "deeper"));
        File.WriteAllBytes(Path.Combine(directory, "sub", "b"), new byte[20]);
        File.WriteAllBytes(Path.Combine(directory, "sub", "deeper", "c"), new byte[3]);

        Assert.Equal(123, DirectorySize.Of(directory));
        Assert.Equal(0, DirectorySize.Of(Path.Combine(directory, "missing")));
    }

    [Fact]
    public async Task DirsAndConfShowTheSizeOfTheStoredLog()
    {
        var port = ServerProcess.FreePort();
        var dataDir = Path.Combine(directory, "data");
        var config = Path.Combine(directory, "zoo.cfg");
        await File.WriteAllTextAsync(config, $"""
            tickTime=2000
            dataDir={dataDir}
            clientPort={port}
            clientPortAddress=127.0.0.1
            4lw.commands.whitelist=dirs,conf
            admin.enableServer=false
            """);
        using var server = ServerProcess.Start(directory, config);
        await server.WaitUntilServingAsync(port, TimeSpan.FromSeconds(60));

        var dirs = await ServerProcess.FourLetterWordAsync(port, "dirs");
        var conf = await ServerProcess.FourLetterWordAsync(port, "conf");

        // The SQLite log (and its WAL) lives in dataDir: nothing to report would mean nothing was measured.
        var sizes = Values(dirs!);
        Assert.True(sizes["datadir_size"] > 0, dirs);
        Assert.True(sizes["logdir_size"] > 0, dirs);
        var confValues = Values(conf!);
        Assert.True(confValues["dataDirSize"] > 0, conf);
        Assert.True(confValues["dataLogSize"] > 0, conf);
    }

    private static Dictionary<string, long> Values(string text)
    {
        var values = new Dictionary<string, long>();
        foreach (var line in text.Split('\n'))
        {
            var separator = line.IndexOfAny([':', '=']);
            if (separator > 0 && long.TryParse(line[(separator + 1)..].Trim(), out var value))
            {
                values[line[..separator].Trim()] = value;
            }
        }

        return values;
    }
}
