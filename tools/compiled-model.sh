#!/usr/bin/env bash
# Regenerates the compiled EF Core model for SQLite (src/GrantsCommissioning.Core/Data/CompiledModel) from the current
# entity configuration. SQLite contexts use it (GrantsDatabase.Configure) so start-up does not build the model; PostgreSQL
# builds its own. Run after any change to the model; tools/add-migration.sh runs it. CompiledModelTests fails while it is
# out of date.
# Usage: bash tools/compiled-model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
out=src/GrantsCommissioning.Core/Data/CompiledModel
# Removed first, so the project builds even when the old model refers to something the change removed (SQLite then
# builds the model at start-up, as PostgreSQL does, until it is regenerated).
rm -rf "$out"
dotnet ef dbcontext optimize --project src/GrantsCommissioning.Core --startup-project src/GrantsCommissioning.Web \
  --output-dir Data/CompiledModel --namespace GrantsCommissioning.Core.Data.CompiledModel
# The generated [assembly: DbContextModel] would make EF use this SQLite model for every provider, PostgreSQL included;
# GrantsDatabase.Configure names it for SQLite only.
rm -f "$out/GrantsDbContextAssemblyAttributes.cs"
echo "Compiled model regenerated in $out."
