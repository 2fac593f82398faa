using GrantsCommissioning.Core;
using GrantsCommissioning.Web;
using GrantsCommissioning.Web.Infrastructure;

if (StartupFailure.CreateBuilder(args) is not { } builder)
{
    return 1;
}
builder.Host.UseDefaultServiceProvider(o =>
{
    o.ValidateOnBuild = true;
    o.ValidateScopes = true;
});
builder.Services.AddCoreServices(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWebServices();

var app = builder.Build();
if (!await app.StartupChecksPassAsync())
{
    return 1;
}
app.UseWebPipeline();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
