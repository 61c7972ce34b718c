using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Cli.Parsing;

/// <summary>
/// Parses zkCli's ACL syntax, <c>scheme:id:perms[,scheme:id:perms...]</c> with perms from <c>cdrwa</c>, as its
/// <c>AclParser</c> does: a malformed entry is reported and skipped, an unknown permission letter is reported and
/// ignored. The reports are returned rather than printed, so that the caller decides where they go.
/// </summary>
internal static class AclParser
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The ACL text.</param>
    /// <returns>The entries that parsed, and the lines zkCli prints on stderr for the others.</returns>
    public static (IReadOnlyList<Acl> Acl, IReadOnlyList<string> Warnings) Parse(string text)
    {
        var acl = new List<Acl>();
        var warnings = new List<string>();
        foreach (var entry in JavaText.Split(text, ','))
        {
            // The id may itself contain colons (digest "user:hash", IPv6 addresses): scheme up to the first colon,
            // perms after the last.
            var first = entry.IndexOf(':', StringComparison.Ordinal);
            var last = entry.LastIndexOf(':');
            if (first < 0 || first == last)
            {
                warnings.Add(entry + " does not have the form scheme:id:perm");
                continue;
            }

            var perms = Perms.None;
            foreach (var letter in entry[(last + 1)..])
            {
                switch (letter)
                {
                    case 'r': perms |= Perms.Read; break;
                    case 'w': perms |= Perms.Write; break;
                    case 'c': perms |= Perms.Create; break;
                    case 'd': perms |= Perms.Delete; break;
                    case 'a': perms |= Perms.Admin; break;
                    default: warnings.Add("Unknown perm type: " + letter); break;
                }
            }

            acl.Add(new Acl(perms, new Id(entry[..first], entry[(first + 1)..last])));
        }

        return (acl, warnings);
    }
}
