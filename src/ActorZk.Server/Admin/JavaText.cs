using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;

namespace ActorZk.Server.Admin;

/// <summary>
/// The few Java text conventions ZooKeeper's admin output is made of (Double.toString, Long.toHexString,
/// Date.toString, InetSocketAddress.toString), so that ActorZk's output is byte-for-byte the same.
/// </summary>
internal static class JavaText
{
    /// <summary>Long.toHexString: lowercase, no padding, two's complement for negatives.</summary>
    public static string Hex(long value) => value.ToString("x", CultureInfo.InvariantCulture);

    public static string Dec(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Double.toString: the shortest digits that round-trip, plain between 10^-3 and 10^7 with at least one
    /// fractional digit ("0.0", "2.5455"), otherwise computerized scientific notation ("1.0E-4", "1.2345678E7").
    /// </summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs(value);

        // exponent is the power of ten of the first digit: value = 0.d1d2d3... x 10^(exponent + 1).
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            var builder = new StringBuilder(sign);
            if (exponent < 0)
            {
                builder.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
            else if (digits.Length > exponent + 1)
            {
                builder.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            }
            else
            {
                builder.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0");
            }

            return builder.ToString();
        }

        var mantissa = digits.Length == 1 ? digits + ".0" : digits[..1] + "." + digits[1..];
        return sign + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// ZooKeeper's AvgMinMaxCounter.getAvg rounding: <c>new BigDecimal(x).setScale(4, HALF_UP).doubleValue()</c>,
    /// computed on the exact binary value of <paramref name="value"/> as Java does (not on a decimal approximation).
    /// </summary>
    public static double RoundHalfUp4(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            return value;
        }

        var negative = value < 0;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var rawExponent = (int)((bits >> 52) & 0x7ff);
        var fraction = bits & 0xfffffffffffffL;
        BigInteger mantissa = rawExponent == 0 ? fraction : fraction | (1L << 52);
        var binaryExponent = (rawExponent == 0 ? 1 : rawExponent) - 1075;

        BigInteger scaled;
        if (binaryExponent >= 0)
        {
            scaled = mantissa * 10_000 << binaryExponent;
        }
        else
        {
            var numerator = mantissa * 10_000;
            var denominator = BigInteger.One << -binaryExponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            if (remainder * 2 >= denominator)
            {
                scaled += 1;
            }
        }

        var result = (double)scaled / 10_000d;
        return negative ? -result : result;
    }

    /// <summary>
    /// Date.toString in UTC: "Sat Nov 28 07:13:34 UTC 2026". ZooKeeper uses the JVM's time zone; ActorZk always
    /// prints UTC, which is what ZooKeeper prints on a host set to UTC. A time of unspecified kind is taken as UTC.
    /// </summary>
    public static string Date(DateTime utc)
    {
        var value = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc;
        return value.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// InetSocketAddress.toString of an accepted socket: "/127.0.0.1:5000", "/[0:0:0:0:0:0:0:1]:5000". Java turns an
    /// IPv4-mapped IPv6 address into IPv4 and writes IPv6 groups in full, without "::" compression.
    /// </summary>
    public static string SocketAddress(string address, int port)
    {
        var host = address;
        if (IPAddress.TryParse(address, out var ip))
        {
            if (ip.IsIPv4MappedToIPv6)
            {
                ip = ip.MapToIPv4();
            }

            host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + FullIPv6(ip) + "]" : ip.ToString();
        }

        return "/" + host + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Brackets an IPv6 literal as ZooKeeper's delimitedHostString does; other hosts pass unchanged.</summary>
    public static string DelimitedHost(string host)
        => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host;

    private static string FullIPv6(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        var groups = new string[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x", CultureInfo.InvariantCulture);
        }

        var text = string.Join(':', groups);
        return ip.ScopeId != 0 ? text + "%" + ip.ScopeId.ToString(CultureInfo.InvariantCulture) : text;
    }

    /// <summary>The shortest round-trip decimal digits of a positive finite double, and the power of ten of the first one.</summary>
    private static (string Digits, int Exponent) ShortestDigits(double positive)
    {
        // "E16" would print 17 digits; "R" is the shortest string that parses back to the same double,
        // which is what Java's Double.toString produces. Normalise it to digits and an exponent.
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point < 0 ? text : text[..point];
        var fractionPart = point < 0 ? string.Empty : text[(point + 1)..];
        var all = integerPart + fractionPart;
        var leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        var digits = all[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // The first significant digit sits at position leadingZeros of "integerPart fractionPart".
        var firstDigitPower = integerPart.Length - 1 - leadingZeros + exponent;
        return (digits, firstDigitPower);
    }
}
