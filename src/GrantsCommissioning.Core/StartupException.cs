namespace GrantsCommissioning.Core;

/// <summary>A problem with configuration or data files that must stop start-up; the message names the file or setting.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
