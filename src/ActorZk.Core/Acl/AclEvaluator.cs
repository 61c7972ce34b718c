using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Acl;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// ZooKeeper's <c>checkACL</c>: does a connection with the given identities hold a permission on a znode.
/// </summary>
/// <remarks>
/// The known schemes are those a stock ZooKeeper server registers: <c>world</c> (only <c>anyone</c>),
/// <c>digest</c>, <c>ip</c>, and the <c>super</c> identity that bypasses every check. ACL entries of any other
/// scheme never match, as ZooKeeper ignores entries whose scheme has no provider.
/// </remarks>
public static class AclEvaluator
{
    /// <summary>The world scheme.</summary>
    public const string WorldScheme = "world";

    /// <summary>The only world identity.</summary>
    public const string Anyone = "anyone";

    /// <summary>The auth pseudo-scheme of create/setACL, expanded to the session's identities.</summary>
    public const string AuthScheme = "auth";

    /// <summary>The super scheme: a connection holding any super identity passes every check.</summary>
    public const string SuperScheme = "super";

    /// <summary>
    /// True if <paramref name="authInfo"/> grants <paramref name="perm"/> under <paramref name="acl"/>: a null or
    /// empty ACL grants everything, a super identity grants everything, otherwise some entry holding one of the
    /// requested bits must be world:anyone or match one of the identities of its scheme.
    /// </summary>
    /// <param name="acl">The znode's ACL; <see langword="null"/> or empty means unrestricted.</param>
    /// <param name="perm">The permission bits asked for; any one of them suffices (getACL asks READ|ADMIN).</param>
    /// <param name="authInfo">The connection's identities.</param>
    public static bool Check(IReadOnlyList<Acl>? acl, Perms perm, IReadOnlyList<Id> authInfo)
    {
        if (acl is null || acl.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < authInfo.Count; i++)
        {
            if (authInfo[i].Scheme == SuperScheme)
            {
                return true;
            }
        }

        for (var i = 0; i < acl.Count; i++)
        {
            var entry = acl[i];
            if ((entry.Perms & perm) == 0)
            {
                continue;
            }

            var id = entry.Id;
            if (id.Scheme == WorldScheme && id.Identity == Anyone)
            {
                return true;
            }

            for (var j = 0; j < authInfo.Count; j++)
            {
                var authId = authInfo[j];
                if (authId.Scheme == id.Scheme && Matches(id.Scheme, authId.Identity, id.Identity))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The user name ZooKeeper reports for an identity (whoAmI): the digest user, the address for ip, and
    /// the empty string for a scheme without a provider (super, world).
    /// </summary>
    public static string GetUserName(Id id) => id.Scheme switch
    {
        DigestAuth.Scheme => DigestAuth.GetUserName(id.Identity),
        IpAuth.Scheme => id.Identity,
        _ => string.Empty,
    };

    /// <summary>True if <paramref name="scheme"/> has an authentication provider (digest or ip).</summary>
    public static bool HasProvider(string scheme) => scheme is DigestAuth.Scheme or IpAuth.Scheme;

    private static bool Matches(string scheme, string id, string aclExpr) => scheme switch
    {
        DigestAuth.Scheme => id == aclExpr,
        IpAuth.Scheme => IpAuth.Matches(id, aclExpr),
        _ => false,
    };
}
