using System.Collections.Concurrent;

namespace ActorZk.Server.Network;

/// <summary>The open client connections, shared by the gateway (adds and removes) and the four-letter words (lists).</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ClientConnection> connections = new();

    public int Count => connections.Count;

    public ICollection<ClientConnection> All => connections.Values;

    public void Add(ClientConnection connection) => connections[connection.Id] = connection;

    public void Remove(ClientConnection connection) => connections.TryRemove(connection.Id, out _);

    public int CountFrom(System.Net.IPAddress address)
    {
        var count = 0;
        foreach (var connection in connections.Values)
        {
            if (connection.RemoteEndPoint.Address.Equals(address))
            {
                count++;
            }
        }

        return count;
    }
}
