namespace Workflows.Pdf.Tests;

public class ProjectSmokeTests
{
    [Fact]
    public void Project_builds() => Assert.True(true);
}
