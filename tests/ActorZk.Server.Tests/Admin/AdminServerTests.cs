using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorZk.Client;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Tests.Hosting;
using ActorZk.TestSupport;
using Xunit;

namespace ActorZk.Server.Tests.Admin;

/// <summary>
/// The AdminServer of a real server process, over real HTTP on loopback: the commands answer with ZooKeeper's
/// shapes and with the server's own state (a session, its ephemeral and its watches).
/// </summary>
public sealed class AdminServerTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-admin-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task AnswersTheCommandsFromTheServersState()
    {
        var ports = Loopback.FreePorts(2);
        var (port, adminPort) = (ports[0], ports[1]);
        using var server = await StartAsync(port, $"admin.serverAddress=127.0.0.1\nadmin.serverPort={adminPort}\n");
        await using var zk = await ZooKeeperClient.ConnectAsync($"127.0.0.1:{port}");
        await zk.CreateAsync("/adm", null, Acl.OpenAclUnsafe);
        await zk.CreateAsync("/adm/eph", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
        var ignore = Watcher.Create(_ => { });
        await zk.GetDataAsync("/adm", ignore);
        await zk.ExistsAsync("/adm/none", ignore);
        var session = zk.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };

        // The listing: one link per command, with and without the trailing slash; other paths are not found.
        foreach (var url in new[] { "/commands", "/commands/" })
        {
            var list = await http.GetStringAsync(url);
            Assert.Contains("<a href=\"/commands/ruok\">ruok</a>\n<br/>\n", list, StringComparison.Ordinal);
            Assert.Equal(26, list.Split("<a href", StringSplitOptions.None).Length - 1);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync("/commands/ruok", null)).StatusCode);

        var ruok = await http.GetAsync("/commands/ruok");
        Assert.Equal(HttpStatusCode.OK, ruok.StatusCode);
        Assert.Equal("application/json", ruok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\n  \"command\" : \"ruok\",\n  \"error\" : null\n}", await ruok.Content.ReadAsStringAsync());

        // An unknown name is still a 200 with an error, as in ZooKeeper.
        using (var unknown = await GetAsync(http, "ruok/"))
        {
            Assert.Equal("Unknown command: ruok/", unknown.RootElement.GetProperty("error").GetString());
        }

        using (var srvr = await GetAsync(http, "srvr"))
        {
            var root = srvr.RootElement;
            Assert.Equal("server_stats", root.GetProperty("command").GetString());
            Assert.Equal("standalone", root.GetProperty("server_stats").GetProperty("server_state").GetString());
            Assert.True(root.GetProperty("server_stats").GetProperty("data_dir_size").GetInt64() > 0);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("server_stats").GetProperty("avg_latency").ValueKind);
            Assert.True(root.GetProperty("node_count").GetInt32() >= 7);
            Assert.False(root.GetProperty("read_only").GetBoolean());
        }

        using (var cons = await GetAsync(http, "cons"))
        {
            var mine = cons.RootElement.GetProperty("connections").EnumerateArray()
                .Single(c => c.GetProperty("session_id").GetInt64() == zk.SessionId);
            Assert.StartsWith("127.0.0.1:", mine.GetProperty("remote_socket_address").GetString(), StringComparison.Ordinal);
        }

        using (var wchc = await GetAsync(http, "wchc"))
        {
            var paths = wchc.RootElement.GetProperty("session_id_to_watched_paths").GetProperty(session).EnumerateArray().Select(p => p.GetString());
            Assert.Equal(["/adm", "/adm/none"], paths.Order(StringComparer.Ordinal));
        }

        using (var wchp = await GetAsync(http, "watches_by_path"))
        {
            Assert.Equal(zk.SessionId, wchp.RootElement.GetProperty("path_to_session_ids").GetProperty("/adm")[0].GetInt64());
        }

        using (var dump = await GetAsync(http, "dump"))
        {
            Assert.Equal("/adm/eph", dump.RootElement.GetProperty("session_id_to_ephemeral_paths").GetProperty(session)[0].GetString());
            Assert.Contains(
                dump.RootElement.GetProperty("expiry_time_to_session_ids").EnumerateObject(),
                bucket => bucket.Value.EnumerateArray().Any(id => id.GetInt64() == zk.SessionId));
        }

        using (var mntr = await GetAsync(http, "mntr"))
        {
            Assert.True(mntr.RootElement.GetProperty("znode_count").GetInt64() >= 7);
            Assert.Equal(1, mntr.RootElement.GetProperty("ephemerals_count").GetInt64());
        }

        using (var conf = await GetAsync(http, "conf"))
        {
            Assert.Equal(port, conf.RootElement.GetProperty("client_port").GetInt32());
        }

        using (var icfg = await GetAsync(http, "icfg"))
        {
            Assert.Contains($"admin.serverPort={adminPort}", icfg.RootElement.GetProperty("initial_configuration").GetString(), StringComparison.Ordinal);
        }

        // The trace mask set over HTTP is the one gtmk reports afterwards.
        using (var stmk = await GetAsync(http, "stmk?traceMask=5"))
        {
            Assert.Equal(5, stmk.RootElement.GetProperty("tracemask").GetInt64());
        }

        Assert.Equal("5", await ServerProcess.FourLetterWordAsync(port, "gtmk"));

        // The bounds of the small HTTP responder: HEAD has no body, an endless request head is refused.
        var head = await RawAsync(adminPort, "HEAD /commands/ruok HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.EndsWith("Connection: close\r\n\r\n", head, StringComparison.Ordinal);
        var huge = await RawAsync(adminPort, "GET /commands/ruok HTTP/1.1\r\nX: " + new string('a', 9000));
        Assert.StartsWith("HTTP/1.1 431 ", huge, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403 ", await RawAsync(adminPort, "TRACE /commands/ruok HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
    }

    private static async Task<string> RawAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything sent.
        }

        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnAdminPortThatIsTakenIsLoggedAndTheServerServesAnyway()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var adminPort = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var port = Loopback.FreePort();
        using var server = await StartAsync(port, $"admin.serverAddress=127.0.0.1\nadmin.serverPort={adminPort}\n");

        // The console logger writes on its own thread: give the line a moment.
        var expected = "Problem starting AdminServer on address 127.0.0.1, port " + adminPort;
        for (var i = 0; i < 50 && !server.Output.Contains(expected, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(expected, server.Output, StringComparison.Ordinal);
        Assert.Equal("imok", await ServerProcess.FourLetterWordAsync(port, "ruok"));
    }

    private static async Task<JsonDocument> GetAsync(HttpClient http, string command)
        => JsonDocument.Parse(await http.GetStringAsync("/commands/" + command));

    private async Task<ServerProcess> StartAsync(int port, string adminLines)
    {
        var config = Path.Combine(directory, "zoo.cfg");
        await File.WriteAllTextAsync(config, $"tickTime=2000\ndataDir={directory}/data\nclientPort={port}\nclientPortAddress=127.0.0.1\n4lw.commands.whitelist=ruok,gtmk\n{adminLines}");
        var server = ServerProcess.Start(directory, config);
        try
        {
            await server.WaitUntilServingAsync(port, TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }
}
