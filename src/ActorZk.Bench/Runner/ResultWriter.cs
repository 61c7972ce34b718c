using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorZk.Bench.Runner;

/// <summary>Prints a <see cref="RunResult"/> as a table for people and as one JSON line for scripts.</summary>
internal static class ResultWriter
{
    /// <summary>One JSON object on one line: the documented keys first, then the extras.</summary>
    public static string ToJson(RunResult r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("workload", r.Workload);
            json.WriteString("servers", r.Servers);
            json.WriteNumber("sessions", r.Sessions);
            json.WriteNumber("outstanding", r.Outstanding);
            json.WriteNumber("payload", r.Payload);
            json.WriteNumber("ops", r.Ops);
            json.WriteNumber("duration_s", Round(r.DurationSeconds, 4));
            json.WriteNumber("ops_per_sec", Round(r.OpsPerSecond, 1));
            json.WriteNumber("p50_ms", Round(r.P50Ms, 4));
            json.WriteNumber("p99_ms", Round(r.P99Ms, 4));
            json.WriteNumber("p999_ms", Round(r.P999Ms, 4));
            json.WriteNumber("errors", r.Errors);
            json.WriteStartObject("errors_by_code");
            foreach (var (code, count) in r.ErrorsByCode)
            {
                json.WriteNumber(code, count);
            }

            json.WriteEndObject();
            json.WriteNumber("max_ms", Round(r.MaxMs, 4));
            json.WriteNumber("mean_ms", Round(r.MeanMs, 4));
            json.WriteNumber("client_cpu_us_per_op", Round(r.ClientCpuMicrosPerOp, 2));
            if (r.ServerCpuMicrosPerOp is { } server)
            {
                json.WriteNumber("server_cpu_s", Round(r.ServerCpuSeconds ?? 0, 3));
                json.WriteNumber("server_cpu_us_per_op", Round(server, 2));
            }

            json.WriteStartArray("failures");
            foreach (var failure in r.Failures)
            {
                json.WriteStringValue(failure);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A few aligned lines: what ran, throughput, latency, errors (always shown), CPU.</summary>
    public static string ToTable(RunResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"workload     {r.Workload}  servers {r.Servers}  sessions {r.Sessions}  outstanding {r.Outstanding}  payload {r.Payload} B");
        text.AppendLine(c, $"throughput   {r.Ops} ops in {r.DurationSeconds:0.000} s = {r.OpsPerSecond:0} ops/s");
        text.AppendLine(c, $"latency ms   p50 {r.P50Ms:0.000}  p99 {r.P99Ms:0.000}  p99.9 {r.P999Ms:0.000}  max {r.MaxMs:0.000}  mean {r.MeanMs:0.000}");
        var errors = r.Errors == 0 ? "0" : $"{r.Errors}: {string.Join(", ", r.ErrorsByCode.Select(e => $"{e.Key} x{e.Value}"))}";
        text.AppendLine(c, $"errors       {errors}");
        var server = r.ServerCpuMicrosPerOp is { } s ? $"  server {r.ServerCpuSeconds:0.00} s = {s:0.0} us/op" : string.Empty;
        text.AppendLine(c, $"cpu          client {r.ClientCpuSeconds:0.00} s = {r.ClientCpuMicrosPerOp:0.0} us/op{server}");
        foreach (var failure in r.Failures)
        {
            text.AppendLine(c, $"failure      {failure}");
        }

        return text.ToString();
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
