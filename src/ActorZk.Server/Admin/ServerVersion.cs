using System.Globalization;
using System.Reflection;

namespace ActorZk.Server.Admin;

/// <summary>
/// The version ActorZk reports in srvr, stat, mntr (zk_version) and envi (zookeeper.version).
/// </summary>
/// <remarks>
/// It keeps the shape of ZooKeeper's <c>Version.getFullVersion()</c>, "&lt;version&gt;-&lt;revision&gt;, built on
/// &lt;yyyy-MM-dd HH:mm&gt; UTC", because monitoring scripts split on "-" and ", built on"; the "3.8.0" in front is
/// the ZooKeeper release whose protocol and admin output ActorZk follows, and the revision slot names ActorZk.
/// </remarks>
public static class ServerVersion
{
    /// <summary>The ZooKeeper release ActorZk is compatible with.</summary>
    public const string ZooKeeperRelease = "3.8.0";

    /// <summary>ActorZk's own version.</summary>
    public const string ActorZkRelease = "0.1.0";

    /// <summary>What ZooKeeper calls the version-revision, e.g. "3.8.0-ActorZk-0.1.0".</summary>
    public const string Version = ZooKeeperRelease + "-ActorZk-" + ActorZkRelease;

    /// <summary>
    /// An assembly metadata key the build may set (<c>&lt;AssemblyMetadata Include="BuildDateUtc" Value="yyyy-MM-dd HH:mm" /&gt;</c>)
    /// to stamp the build date, as ZooKeeper's build does.
    /// </summary>
    public const string BuildDateMetadataKey = "BuildDateUtc";

    /// <summary>
    /// E.g. "3.8.0-ActorZk-0.1.0, built on 2025-01-31 12:00 UTC". It is computed once per process, not a C# const,
    /// because the build date is a fact of the build and not of the source.
    /// </summary>
    public static string Full { get; } = Version + ", built on " + BuildDate(typeof(ServerVersion).Assembly) + " UTC";

    private static string BuildDate(Assembly assembly)
    {
        foreach (var metadata in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == BuildDateMetadataKey && !string.IsNullOrWhiteSpace(metadata.Value))
            {
                return metadata.Value;
            }
        }

        // Without the stamp, the time the assembly file was written is the closest fact to a build date;
        // single-file publishing has no file to ask, hence the fallback.
        try
        {
            var location = assembly.Location;
            if (location.Length > 0 && File.Exists(location))
            {
                return File.GetLastWriteTimeUtc(location).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Fall through to "unknown": a version line must never fail a four-letter word.
        }

        return "unknown";
    }
}
