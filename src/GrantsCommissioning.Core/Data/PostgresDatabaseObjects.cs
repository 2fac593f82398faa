namespace GrantsCommissioning.Core.Data;

/// <summary>
/// What the SQLite migrations create with raw SQL, for PostgreSQL: the triggers that keep the audit log and published
/// Panel reports append-only (same names, same messages). Idempotent, run after every migration at start-up, so the
/// PostgreSQL migrations can be regenerated from the model without losing them.
/// </summary>
internal static class PostgresDatabaseObjects
{
    internal const string AppendOnlyTriggers = """
        CREATE OR REPLACE FUNCTION grants_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
        END $$;
        DROP TRIGGER IF EXISTS "AuditLog_NoUpdate" ON "AuditLog";
        DROP TRIGGER IF EXISTS "AuditLog_NoDelete" ON "AuditLog";
        CREATE TRIGGER "AuditLog_NoUpdate" BEFORE UPDATE ON "AuditLog"
            FOR EACH ROW EXECUTE FUNCTION grants_refuse_change('The audit log is append-only');
        CREATE TRIGGER "AuditLog_NoDelete" BEFORE DELETE ON "AuditLog"
            FOR EACH ROW EXECUTE FUNCTION grants_refuse_change('The audit log is append-only');
        DROP TRIGGER IF EXISTS "PublishedPanelReports_NoUpdate" ON "PublishedPanelReports";
        DROP TRIGGER IF EXISTS "PublishedPanelReports_NoDelete" ON "PublishedPanelReports";
        CREATE TRIGGER "PublishedPanelReports_NoUpdate" BEFORE UPDATE ON "PublishedPanelReports"
            FOR EACH ROW EXECUTE FUNCTION grants_refuse_change('published Panel reports never change: publish a corrected version');
        CREATE TRIGGER "PublishedPanelReports_NoDelete" BEFORE DELETE ON "PublishedPanelReports"
            FOR EACH ROW EXECUTE FUNCTION grants_refuse_change('published Panel reports never change: publish a corrected version');
        """;
}
