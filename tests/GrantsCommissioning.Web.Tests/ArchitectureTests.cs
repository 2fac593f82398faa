using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GrantsCommissioning.Web.Tests;

/// <summary>The web project reaches data only through Core's services: its compiled code references no DbContext type.</summary>
public class ArchitectureTests
{
    [Fact]
    public void WebAssembly_ReferencesNoDbContextType()
    {
        var path = typeof(Program).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var referenced = metadata.TypeReferences.Select(h => metadata.GetTypeReference(h))
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")
            .Where(name => name.EndsWith("DbContext", StringComparison.Ordinal) || name.Contains("DbContextFactory", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(referenced);
    }
}
