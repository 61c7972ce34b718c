using System.Diagnostics;
using ActorZk.Server.Configuration;
using ActorZk.Server.Quorum;
using ActorZk.Server.Storage;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>
/// Members of one zoo.cfg ensemble on loopback, each a real ActorSystem with the HOCON from
/// <see cref="ClusterSetup"/> (remoting on its quorum port), a stand-in peer and a real election actor.
/// </summary>
internal sealed class ElectionEnsemble : IAsyncDisposable
{
    // Tests end members abruptly (as a crash would) and quickly: no cluster leave on Terminate. Members that are
    // down on purpose make remoting warn on every re-send; errors are enough here.
    private const string TestHocon = """
        akka.loglevel = ERROR
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.coordinated-shutdown.terminate-actor-system = off
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-election-").FullName;
    private readonly Dictionary<long, ActorSystem> systems = [];
    private readonly ITestOutputHelper output;
    private readonly IActorRef reportTo;

    private readonly string extraHocon;

    public ElectionEnsemble(int voters, int observers, IActorRef reportTo, ITestOutputHelper output, string extraHocon = "")
    {
        this.output = output;
        this.extraHocon = extraHocon;
        this.reportTo = reportTo;
        var lines = new List<string> { "tickTime=500", "initLimit=10", "syncLimit=5" };
        var ports = ActorZk.TestSupport.Loopback.FreePorts(2 * (voters + observers));
        for (var id = 1; id <= voters + observers; id++)
        {
            var role = id > voters ? ":observer" : string.Empty;
            lines.Add($"server.{id}=127.0.0.1:{ports[(2 * id) - 2]}:{ports[(2 * id) - 1]}{role}");
        }

        Config = ZooCfgParser.Parse(string.Join('\n', lines), "zoo.cfg").Config;
    }

    public ServerConfig Config { get; }

    public ServerConfig ConfigOf(long id) => Config with { MyId = id, DataDir = Path.Combine(directory, $"data{id}") };

    /// <summary>Starts member <paramref name="id"/> (again, on the same port, after <see cref="StopAsync"/>).</summary>
    public void Start(long id)
    {
        var config = ConfigOf(id);
        var ensemble = ClusterSetup.Ensemble(config, EpochStore.Open(config.DataDir));
        var system = ActorSystem.Create(ClusterSetup.SystemName, ClusterSetup.Build(config, TestHocon + "\n" + extraHocon));
        systems[id] = system;
        system.ActorOf(StandInPeer.Props(ensemble, new TestOutputLogger(output, $"server.{id}"), reportTo), EnsembleContext.PeerActorName);
    }

    public void StartElection(long id, long epoch, long zxid)
        => systems[id].ActorSelection($"/user/{EnsembleContext.PeerActorName}").Tell(new StartElection(zxid, epoch));

    public void UpdatePeerEpoch(long id, long epoch)
        => systems[id].ActorSelection($"/user/{EnsembleContext.PeerActorName}").Tell(new UpdatePeerEpoch(epoch));

    public ActorSystem System(long id) => systems[id];

    /// <summary>Ends member <paramref name="id"/>'s actor system at once, as a crash would (no cluster leave).</summary>
    public async Task StopAsync(long id)
    {
        var system = systems[id];
        systems.Remove(id);
        var watch = Stopwatch.StartNew();
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        output.WriteLine($"server.{id} stopped in {watch.ElapsedMilliseconds} ms");
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(systems.Values.Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
        systems.Clear();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
