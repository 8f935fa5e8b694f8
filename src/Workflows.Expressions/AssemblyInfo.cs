namespace Workflows.Expressions;
internal static class AssemblyMarker { }
