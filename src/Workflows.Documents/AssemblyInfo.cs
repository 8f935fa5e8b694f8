namespace Workflows.Documents;
internal static class AssemblyMarker { }
