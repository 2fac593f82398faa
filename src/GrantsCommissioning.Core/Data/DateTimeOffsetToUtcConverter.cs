using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GrantsCommissioning.Core.Data;

/// <summary>PostgreSQL's timestamptz holds an instant and Npgsql writes only offset-zero values: every instant is stored as UTC.</summary>
public sealed class DateTimeOffsetToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());
