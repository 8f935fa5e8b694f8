namespace Workflows.Pdf;
internal static class AssemblyMarker { }
