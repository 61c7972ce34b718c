using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorZk.Server.Configuration;
using ActorZk.Server.Network;
using ActorZk.Server.Replication;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Admin;

/// <summary>
/// ZooKeeper's AdminServer over a minimal HTTP/1.1 responder: <c>GET {admin.commandURL}</c> lists the commands,
/// <c>GET {admin.commandURL}/name</c> answers one as JSON (see <see cref="AdminCommands"/>). One request per
/// connection (the reply says Connection: close), a request head of at most 8 KiB, read within admin.idleTimeout,
/// and at most <see cref="MaxConcurrentConnections"/> connections at once, so that it stays small and cannot be
/// used to tie the server up. ZooKeeper's 4lw whitelist does not apply here, as in ZooKeeper.
/// </summary>
public sealed class AdminHttpServer : IAsyncDisposable
{
    /// <summary>Connections served at the same time; further ones are closed at once.</summary>
    public const int MaxConcurrentConnections = 16;

    private const int MaxRequestHeadBytes = 8192;

    // How long a command waits for the peer actor's snapshot before it answers "not currently serving".
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(10);

    private readonly ServerConfig config;
    private readonly IActorRef peer;
    private readonly ILogger logger;
    private readonly string commandUrl;
    private int active;
    private SocketAcceptor? acceptor;

    /// <summary>Creates the server; nothing listens before <see cref="TryStart"/>.</summary>
    /// <param name="config">admin.* settings, and what the commands report.</param>
    /// <param name="peer">The peer actor, asked for a <see cref="ServerSnapshot"/> per command.</param>
    /// <param name="logger">Where start failures and bad requests go.</param>
    public AdminHttpServer(ServerConfig config, IActorRef peer, ILogger logger)
    {
        this.config = config ?? throw new ArgumentNullException(nameof(config));
        this.peer = peer;
        this.logger = logger;
        commandUrl = config.AdminCommandUrl == "/" ? string.Empty : config.AdminCommandUrl;
    }

    /// <summary>The bound address (the real port when 0 was asked for); null when not listening.</summary>
    public IPEndPoint? LocalEndPoint => acceptor?.LocalEndPoint;

    /// <summary>
    /// Binds admin.serverAddress:admin.serverPort. As in ZooKeeper, a failure is logged and the server runs on
    /// without an AdminServer: returns false then.
    /// </summary>
    public bool TryStart()
    {
        try
        {
            var address = ListenAddress.Resolve(config.AdminServerAddress, "admin.serverAddress");
            acceptor = SocketAcceptor.Listen(
                new IPEndPoint(address, config.AdminServerPort),
                backlog: 64,
                OnAccepted,
                e => logger.LogDebug("AdminServer accept failed: {Message}", e.Message));
        }
        catch (Exception e) when (e is SocketException or ConfigException)
        {
            logger.LogWarning(
                "Problem starting AdminServer on address {Address}, port {Port} and command URL {Url}: {Message}; running without it",
                config.AdminServerAddress,
                config.AdminServerPort,
                config.AdminCommandUrl,
                e.Message);
            return false;
        }

        logger.LogInformation(
            "Started AdminServer on address {Address}, port {Port} and command URL {Url}",
            LocalEndPoint!.Address,
            LocalEndPoint.Port,
            config.AdminCommandUrl);
        return true;
    }

    /// <summary>Stops listening and waits for the accept loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (acceptor is not null)
        {
            await acceptor.DisposeAsync();
        }
    }

    private void OnAccepted(Socket client, CancellationToken stopping)
    {
        if (Interlocked.Increment(ref active) > MaxConcurrentConnections)
        {
            Interlocked.Decrement(ref active);
            client.Dispose();
            return;
        }

        // Not cancellable itself: the socket and the count are released in the finally whatever happens.
        _ = Task.Run(async () =>
        {
            try
            {
                await ServeAsync(client, stopping);
            }
            finally
            {
                Interlocked.Decrement(ref active);
                client.Dispose();
            }
        }, CancellationToken.None);
    }

    private async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(config.AdminIdleTimeoutMs);
        try
        {
            var head = await ReadHeadAsync(client, timeout.Token);
            var reply = head is null
                ? HttpReply.Error(431, "Request Header Fields Too Large")
                : await AnswerAsync(head, timeout.Token);
            await client.SendAsync(reply, SocketFlags.None, timeout.Token);

            // A lingering close: closing with unread bytes (an over-long head) would reset the connection and could
            // destroy the reply before the client reads it, so signal the end and drain a little first.
            client.Shutdown(SocketShutdown.Send);
            await DrainAsync(client, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // A silent, slow or vanished client: its connection is simply closed.
        }
    }

    // Reads and drops what the client still sends, until it closes, 64 KiB or one second.
    private static async Task DrainAsync(Socket client, CancellationToken cancel)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        linger.CancelAfter(TimeSpan.FromSeconds(1));
        var buffer = new byte[4096];
        for (var drained = 0; drained < 65536;)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, linger.Token);
            if (read == 0)
            {
                return;
            }

            drained += read;
        }
    }

    // The bytes up to the blank line that ends the request head; null when it exceeds the limit.
    private static async Task<string?> ReadHeadAsync(Socket client, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                return null;
            }

            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancel);
            if (read == 0)
            {
                throw new IOException("the client closed before the end of its request");
            }

            var from = Math.Max(0, length - 3);
            length += read;
            var end = buffer.AsSpan(from, length - from).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Encoding.Latin1.GetString(buffer, 0, from + end);
            }
        }
    }

    private async Task<byte[]> AnswerAsync(string head, CancellationToken cancel)
    {
        var requestLine = head.Split("\r\n", 2)[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return HttpReply.Error(400, "Bad Request");
        }

        var (method, target) = (requestLine[0], requestLine[1]);
        var headOnly = method == "HEAD";
        if (method == "TRACE")
        {
            // Jetty's AdminServer forbids TRACE outright.
            return HttpReply.Error(403, "Forbidden");
        }

        if (method != "GET" && !headOnly)
        {
            return HttpReply.Error(405, "Method Not Allowed");
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query >= 0 ? target[..query] : target);
        if (path == commandUrl || path == commandUrl + "/")
        {
            return HttpReply.Ok(CommandList(), contentType: null, headOnly);
        }

        if (!path.StartsWith(commandUrl + "/", StringComparison.Ordinal))
        {
            return HttpReply.Error(404, "Not Found");
        }

        var name = path[(commandUrl.Length + 1)..];
        var arguments = query >= 0 ? ParseQuery(target[(query + 1)..]) : new Dictionary<string, string>(StringComparer.Ordinal);
        var response = await RunAsync(name, arguments, cancel);
        return HttpReply.Ok(response.ToJson(), "application/json", headOnly);
    }

    private async Task<AdminCommandResponse> RunAsync(string name, IReadOnlyDictionary<string, string> arguments, CancellationToken cancel)
    {
        if (AdminCommands.Find(name) is not { } command)
        {
            return AdminCommands.Unknown(name);
        }

        if (AdminCommands.CheckArguments(command, arguments, out var traceMask) is { } invalid)
        {
            return invalid;
        }

        ServerSnapshot snapshot;
        try
        {
            snapshot = await peer.Ask<ServerSnapshot>(
                new AdminSnapshotRequest(command.EffectWord, traceMask, command.NeedsDirectorySizes), PeerTimeout, cancel);
        }
        catch (AskTimeoutException)
        {
            // The peer is gone or stuck (shutting down): ZooKeeper's answer when it has no server to ask.
            return new AdminCommandResponse(name, FourLetterWordResponder.NotServing);
        }

        var process = command.PrimaryName is "environment" or "monitor" ? ProcessFacts.Capture() : new ProcessFacts();
        return AdminCommands.Run(command, name, snapshot, config, DateTime.UtcNow, process);
    }

    // Jetty's listing: one link per primary name, each followed by a <br/> line.
    private string CommandList()
    {
        var text = new StringBuilder();
        foreach (var name in AdminCommands.PrimaryNames)
        {
            text.Append("<a href=\"").Append(config.AdminCommandUrl.TrimEnd('/')).Append('/').Append(name).Append("\">")
                .Append(name).Append("</a>\n<br/>\n");
        }

        return text.ToString();
    }

    // Servlet parameters: the first value of each name, '+' and %XX decoded.
    private static Dictionary<string, string> ParseQuery(string query)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals >= 0 ? pair[..equals] : pair);
            var value = equals >= 0 ? Decode(pair[(equals + 1)..]) : string.Empty;
            arguments.TryAdd(key, value);
        }

        return arguments;

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
