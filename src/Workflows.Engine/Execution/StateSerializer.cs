using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Engine.Execution;

/// <summary>Compact, versioned JSON for <see cref="InstanceState"/>.</summary>
public static class StateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static byte[] SerializeToUtf8(InstanceState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Reads a state written by any format version this build knows.</summary>
    public static InstanceState Deserialize(string json)
    {
        var state = JsonSerializer.Deserialize<InstanceState>(json, Options)
            ?? throw new JsonException("empty workflow state");
        if (state.Format is < 1 or > InstanceState.CurrentFormat)
            throw new JsonException($"unknown workflow state format {state.Format}");
        return state;
    }
}
