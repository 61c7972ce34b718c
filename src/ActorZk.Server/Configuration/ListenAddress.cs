using System.Net;

namespace ActorZk.Server.Configuration;

/// <summary>The address a zoo.cfg key names for a listener: an IP literal, or a host name's first address.</summary>
public static class ListenAddress
{
    /// <summary>Resolves <paramref name="text"/>, the value of zoo.cfg key <paramref name="key"/>.</summary>
    /// <exception cref="ConfigException">The name does not resolve.</exception>
    public static IPAddress Resolve(string text, string key)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        var addresses = Dns.GetHostAddresses(text);
        return addresses.Length > 0 ? addresses[0] : throw new ConfigException($"{key}: cannot resolve '{text}'");
    }
}
