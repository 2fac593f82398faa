#!/usr/bin/env bash
# Adds an EF Core migration for BOTH database providers from the current model:
#   SQLite     -> src/GrantsCommissioning.Core/Data/Migrations (design time through the web project, as before);
#   PostgreSQL -> src/GrantsCommissioning.Migrations.Postgres/Migrations (design time through its DesignTimeFactory;
#                 no server is needed).
# Usage: bash tools/add-migration.sh <Name>
#        bash tools/add-migration.sh --regenerate-postgres-initial
#            deletes every PostgreSQL migration and generates one "Initial" from the current model (for use before
#            any PostgreSQL database is in production, e.g. after merging branches that changed the model).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ $# -eq 1 ] || { echo "Usage: bash tools/add-migration.sh <Name> | --regenerate-postgres-initial" >&2; exit 2; }
dotnet tool restore >/dev/null
pg=(--project src/GrantsCommissioning.Migrations.Postgres --startup-project src/GrantsCommissioning.Migrations.Postgres --output-dir Migrations)

if [ "$1" = "--regenerate-postgres-initial" ]; then
  rm -rf src/GrantsCommissioning.Migrations.Postgres/Migrations
  dotnet ef migrations add Initial "${pg[@]}"
  bash tools/compiled-model.sh
  exit 0
fi

name="$1"
[[ "$name" =~ ^[A-Za-z][A-Za-z0-9]*$ ]] || { echo "The migration name must be a C# identifier (letters and digits)." >&2; exit 2; }
dotnet ef migrations add "$name" --project src/GrantsCommissioning.Core --startup-project src/GrantsCommissioning.Web --output-dir Data/Migrations
dotnet ef migrations add "$name" "${pg[@]}"
# The SQLite contexts use a compiled model: regenerate it from the model the migration was taken from.
bash tools/compiled-model.sh
