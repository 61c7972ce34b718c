using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorZk.Linearizability;

/// <summary>A recorded history: operations with invocation and completion times, saveable to a JSON file so a
/// failing run can be replayed by a test.</summary>
/// <typeparam name="TInput">The input type (must round-trip through System.Text.Json).</typeparam>
/// <typeparam name="TOutput">The output type (must round-trip through System.Text.Json).</typeparam>
/// <param name="Operations">The operations, in invocation order.</param>
/// <param name="Description">Free text saved with the history (seed, servers, faults injected).</param>
public sealed record History<TInput, TOutput>(IReadOnlyList<Operation<TInput, TOutput>> Operations, string? Description = null)
    where TOutput : class
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes the history.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a history written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The history.</returns>
    /// <exception cref="JsonException">The text is not a history.</exception>
    public static History<TInput, TOutput> FromJson(string json)
        => JsonSerializer.Deserialize<History<TInput, TOutput>>(json, Json) ?? throw new JsonException("empty history");

    /// <summary>Writes the history to a file.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads a history saved with <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The history.</returns>
    public static History<TInput, TOutput> Load(string path) => FromJson(File.ReadAllText(path));
}
