namespace Workflows.Data;
internal static class AssemblyMarker { }
