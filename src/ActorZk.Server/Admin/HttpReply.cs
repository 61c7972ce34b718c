using System.Globalization;
using System.Text;

namespace ActorZk.Server.Admin;

/// <summary>Encodes the AdminServer's HTTP/1.1 replies; every one closes its connection.</summary>
internal static class HttpReply
{
    /// <summary>200 with <paramref name="body"/> (UTF-8); no Content-Type header when <paramref name="contentType"/> is null, as Jetty's command list.</summary>
    public static byte[] Ok(string body, string? contentType, bool headOnly) => Encode(200, "OK", body, contentType, headOnly);

    /// <summary>An error status with a short HTML page.</summary>
    public static byte[] Error(int status, string reason)
        => Encode(status, reason, $"<html>\n<head>\n<title>Error {status} {reason}</title>\n</head>\n<body><h2>HTTP ERROR {status} {reason}</h2>\n</body>\n</html>\n", "text/html;charset=utf-8", headOnly: false);

    private static byte[] Encode(int status, string reason, string body, string? contentType, bool headOnly)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(reason).Append("\r\n");
        if (contentType is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (status == 405)
        {
            head.Append("Allow: GET, HEAD\r\n");
        }

        head.Append("Content-Length: ").Append(content.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        return headOnly ? headBytes : [.. headBytes, .. content];
    }
}
