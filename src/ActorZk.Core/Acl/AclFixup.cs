using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Acl;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// ZooKeeper's <c>fixupACL</c>: validates the ACL of a create or setACL and expands the <c>auth</c> scheme to
/// the session's authenticated identities.
/// </summary>
public static class AclFixup
{
    /// <summary>
    /// Checks and expands <paramref name="acl"/>. Rules, in ZooKeeper's order: duplicates are removed (first
    /// occurrence kept); an empty list is invalid; world:anyone is kept; <c>auth</c> becomes one entry per
    /// authenticated (digest) identity of the session with the entry's permissions, and is invalid when there
    /// is none; a digest or ip entry must be well formed; any other scheme is invalid.
    /// </summary>
    /// <param name="acl">The requested ACL (may be <see langword="null"/>).</param>
    /// <param name="authInfo">The session's identities.</param>
    /// <param name="result">The ACL to store; the input list itself when nothing had to change.</param>
    /// <returns>
    /// <see cref="ErrorCode.Ok"/>, <see cref="ErrorCode.InvalidAcl"/>, or <see cref="ErrorCode.MarshallingError"/> where a
    /// null scheme or id (from the wire) makes ZooKeeper throw a NullPointerException.
    /// </returns>
    public static ErrorCode Fixup(IReadOnlyList<Acl>? acl, IReadOnlyList<Id> authInfo, out IReadOnlyList<Acl> result)
    {
        result = [];
        if (acl is null || acl.Count == 0)
        {
            return ErrorCode.InvalidAcl;
        }

        // Fast path for the usual request (OPEN_ACL_UNSAFE and friends): nothing to expand or drop, so the
        // request's list can be stored as is.
        if (IsAlreadyFixed(acl))
        {
            result = acl;
            return ErrorCode.Ok;
        }

        var unique = new List<Acl>(acl.Count);
        for (var i = 0; i < acl.Count; i++)
        {
            var contained = JavaContains(unique, acl[i]);
            if (contained is null)
            {
                return ErrorCode.MarshallingError;
            }

            if (contained == false)
            {
                unique.Add(acl[i]);
            }
        }

        var fixedAcl = new List<Acl>(unique.Count);
        foreach (var entry in unique)
        {
            var id = entry.Id;
            if (id.SchemeIsNull)
            {
                return ErrorCode.InvalidAcl;
            }

            if (id.IdentityIsNull && (id.Scheme == AclEvaluator.WorldScheme || id.Scheme == DigestAuth.Scheme || id.Scheme == IpAuth.Scheme))
            {
                // "anyone".equals / the provider's isValid on a Java null: a NullPointerException
                return ErrorCode.MarshallingError;
            }

            if (id.Scheme == AclEvaluator.WorldScheme && id.Identity == AclEvaluator.Anyone)
            {
                fixedAcl.Add(entry);
            }
            else if (id.Scheme == AclEvaluator.AuthScheme)
            {
                var any = false;
                for (var j = 0; j < authInfo.Count; j++)
                {
                    // Only schemes whose provider says "authenticated" count: digest does, ip does not, and
                    // super has no provider at all.
                    if (authInfo[j].Scheme == DigestAuth.Scheme)
                    {
                        any = true;
                        fixedAcl.Add(new Acl(entry.Perms, authInfo[j]));
                    }
                }

                if (!any)
                {
                    return ErrorCode.InvalidAcl;
                }
            }
            else if (IsValidId(id))
            {
                fixedAcl.Add(entry);
            }
            else
            {
                return ErrorCode.InvalidAcl;
            }
        }

        result = fixedAcl;
        return ErrorCode.Ok;
    }

    // ZooKeeper's removeDuplicates: ArrayList.contains calls the new entry's jute equals on each kept one, which
    // compares perms, then scheme.equals, then id.equals: a null scheme or id on the new entry throws a
    // NullPointerException once the compared fields before are equal (null here).
    private static bool? JavaContains(List<Acl> unique, Acl entry)
    {
        foreach (var kept in unique)
        {
            if (entry.Perms != kept.Perms)
            {
                continue;
            }

            if (entry.Id.SchemeIsNull)
            {
                return null;
            }

            if (kept.Id.SchemeIsNull || entry.Id.Scheme != kept.Id.Scheme)
            {
                continue;
            }

            if (entry.Id.IdentityIsNull)
            {
                return null;
            }

            if (!kept.Id.IdentityIsNull && entry.Id.Identity == kept.Id.Identity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True if an ACL identity of a non-special scheme is acceptable (digest or ip, well formed).</summary>
    public static bool IsValidId(Id id) => id.Scheme switch
    {
        DigestAuth.Scheme => DigestAuth.IsValid(id.Identity),
        IpAuth.Scheme => IpAuth.IsValid(id.Identity),
        _ => false,
    };

    private static bool IsAlreadyFixed(IReadOnlyList<Acl> acl)
    {
        for (var i = 0; i < acl.Count; i++)
        {
            var id = acl[i].Id;
            if (id.Scheme != AclEvaluator.WorldScheme || id.Identity != AclEvaluator.Anyone)
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (acl[j].Equals(acl[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
