using Scalar.AspNetCore;
using Workflows.Server.Accounts;
using Workflows.Server.Applications;
using Workflows.Server.Designer;
using Workflows.Server.Documents;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Organisation;
using Workflows.Server.Runtime;
using Workflows.Server.Security;
using Workflows.Server.Seeding;
using Workflows.Server.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddHosting();
builder.AddAccounts();
builder.AddRuntime();
builder.AddDocuments();
builder.AddForms();
builder.AddDesigner();
builder.AddWebUi();
builder.Services.AddScoped<UnitImport>();
builder.Services.AddScoped<DemoData>();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseRequestIds();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealth();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/scalar").AllowAnonymous();

var api = app.MapGroup("/api/v1");
api.MapAccount();
api.MapUsers();
api.MapUnits();
api.MapApplications();
api.MapAudit();
api.MapRuntime();
api.MapDesigner();
api.MapTestClock();
app.MapDocuments(api);
app.MapForms(api);
app.MapWebUi();

await app.PrepareDatabaseAsync();
app.UseBackgroundJobs();
await app.RunAsync();

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;
