namespace GrantsCommissioning.Core.Configuration;

/// <summary>Finds the repository's data folders (seed-data, workflows) from wherever the app or a test runs.</summary>
public static class RepositoryPaths
{
    public static string Resolve(string? configured, string folderName, string startDirectory)
    {
        var setting = $"Grants:{(folderName == "seed-data" ? "SeedDataPath" : "WorkflowsPath")}";
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(startDirectory, configured));
            return Directory.Exists(path) ? path : throw new StartupException($"{setting}: the folder {path} does not exist.");
        }
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folderName);
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "GrantsCommissioning.sln")))
            {
                return candidate;
            }
            if (Directory.Exists(candidate) && dir.GetFiles("*.dll").Length > 0)
            {
                return candidate;
            }
        }
        throw new StartupException($"Could not find the '{folderName}' folder above {startDirectory}. Set {setting} to its location.");
    }
}
