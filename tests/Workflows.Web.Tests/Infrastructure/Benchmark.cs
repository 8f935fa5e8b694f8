namespace Workflows.Web.Tests.Infrastructure;

/// <summary>
/// Measurements, not checks of behaviour: tests with this trait are left out of the test command
/// (<c>tests/run</c> filters <c>Category!=Benchmark</c>) and run on demand with
/// <c>dotnet test tests/Workflows.Web.Tests --filter "Category=Benchmark"</c>.
/// </summary>
public static class Benchmark
{
    public const string Trait = "Category";

    public const string Category = "Benchmark";
}
