using System.Security.Cryptography;
using System.Text;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Acl;

/// <summary>
/// The <c>digest</c> scheme (ZooKeeper's <c>DigestAuthenticationProvider</c>): identities are
/// <c>user:base64(sha1("user:password"))</c>.
/// </summary>
public static class DigestAuth
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "digest";

    /// <summary>
    /// The digest identity of <c>user:password</c>: the user (text before the first ':') + ":" +
    /// base64(SHA-1 of the whole UTF-8 string). Without a ':' the whole string is the user.
    /// </summary>
    public static string Generate(string idPassword)
    {
        ArgumentNullException.ThrowIfNull(idPassword);
        var colon = idPassword.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? idPassword : idPassword[..colon];
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        var max = Encoding.UTF8.GetMaxByteCount(idPassword.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(idPassword, buffer);
        SHA1.HashData(buffer[..length], hash);
        return user + ":" + Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Handles an <c>addauth digest user:password</c> packet: the identities the connection gains, i.e.
    /// <c>super:</c> first when the digest equals the configured super digest, then the digest identity.
    /// </summary>
    /// <param name="authData">The auth packet's bytes, decoded as UTF-8 as the JVM does.</param>
    /// <param name="superDigest">The configured <c>super:...</c> digest, or <see langword="null"/>.</param>
    public static IReadOnlyList<Id> Authenticate(ReadOnlySpan<byte> authData, string? superDigest)
    {
        var digest = Generate(Encoding.UTF8.GetString(authData));
        var digestId = new Id(Scheme, digest);
        if (superDigest is not null && digest == superDigest)
        {
            return [new Id(AclEvaluator.SuperScheme, string.Empty), digestId];
        }

        return [digestId];
    }

    /// <summary>
    /// ZooKeeper's validity rule for a digest ACL identity: splitting on ':' (Java drops trailing empty parts)
    /// gives exactly two parts. So "a:b" and "a:b:" are valid, "a:" and "a:b:c" are not.
    /// </summary>
    public static bool IsValid(string id) => JavaSplit.CountParts(id, ':') == 2;

    /// <summary>The user name of a digest identity: the text before the first ':'.</summary>
    public static string GetUserName(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? id : id[..colon];
    }
}
