namespace Workflows.Documents.Tests;

public class ProjectSmokeTests
{
    [Fact]
    public void Project_builds() => Assert.True(true);
}
