using System.Globalization;

namespace ActorZk.Server.Configuration;

/// <summary>
/// The <c>myid</c> file in dataDir that tells an ensemble member which <c>server.N</c> line it is, as ZooKeeper
/// users write it: one number from 1 to 255, blanks and newlines around it ignored.
/// </summary>
public static class MyIdFile
{
    /// <summary>The file name ZooKeeper uses.</summary>
    public const string FileName = "myid";

    /// <summary>Reads the server id from <paramref name="dataDir"/>; returns it with the file's path.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, or does not hold a server id.</exception>
    public static (long Id, string Path) Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path} is missing; a member of an ensemble needs its server id there");
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the server id: {e.Message}", e);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is >= 1 and <= 255
            ? (id, path)
            : throw new ConfigException($"{path}:1: '{text}' is not a server id (a number from 1 to 255)");
    }
}
