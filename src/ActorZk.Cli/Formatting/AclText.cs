using System.Text;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Formatting;

/// <summary>
/// ACL entries as <c>getAcl</c> prints them: the jute <c>Id.toString()</c> (a CSV record, <c>'world,'anyone</c> and a
/// newline), then <c>": "</c> and the permission letters in ZooKeeper's order <c>cdrwa</c>.
/// </summary>
internal static class AclText
{
    /// <summary>One entry as zkCli prints it, without the final newline: <c>'world,'anyone\n: cdrwa</c>.</summary>
    /// <param name="entry">The ACL entry.</param>
    /// <returns>The text.</returns>
    public static string Format(Acl entry) => IdRecord(entry.Id) + ": " + Perms(entry.Perms);

    /// <summary>The jute CSV form of an id, ending with a newline.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The text.</returns>
    public static string IdRecord(Id id) => CsvString(id.Scheme) + "," + CsvString(id.Identity) + "\n";

    /// <summary>ZooKeeper's <c>ZKUtil.getPermString</c>.</summary>
    /// <param name="perms">The permissions.</param>
    /// <returns>The letters, in the order c, d, r, w, a.</returns>
    public static string Perms(Perms perms) => PermsText.ToLetters(perms);

    // Jute's Utils.toCSVString: a leading quote, and the characters that would break the record percent-escaped.
    private static string CsvString(string value)
    {
        var text = new StringBuilder(value.Length + 1).Append('\'');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\0' => "%00",
                '\n' => "%0A",
                '\r' => "%0D",
                ',' => "%2C",
                '}' => "%7D",
                '%' => "%25",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
