using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>The "Workflow" section of configuration.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>Quartz keys its rows by this name; keep it stable or pending timers are re-created on restart.</summary>
    public string SchedulerName { get; set; } = "GrantsCommissioning";
    /// <summary>SQLite file for Quartz's tables; when empty, {DataDirectory}/quartz.db.</summary>
    public string? QuartzConnectionString { get; set; }
    public int TimerPollSeconds { get; set; } = 30;
}

internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SchedulerName))
        {
            failures.Add("Workflow:SchedulerName must not be empty.");
        }
        if (options.TimerPollSeconds is < 1 or > 3600)
        {
            failures.Add($"Workflow:TimerPollSeconds must be between 1 and 3600 (was {options.TimerPollSeconds}).");
        }
        if (!string.IsNullOrWhiteSpace(options.QuartzConnectionString))
        {
            try
            {
                _ = new SqliteConnectionStringBuilder(options.QuartzConnectionString);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"Workflow:QuartzConnectionString is not a valid SQLite connection string: {ex.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
