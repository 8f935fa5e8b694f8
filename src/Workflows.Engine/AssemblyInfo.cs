namespace Workflows.Engine;
internal static class AssemblyMarker { }
