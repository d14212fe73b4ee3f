"""The access log is append-only in the database too: a trigger rejects UPDATE
and DELETE on carers_accesslogentry whoever issues them (the application, the
Django admin, a shell). TRUNCATE (test flushes, a deliberate DBA action) is not
covered. PostgreSQL 11+ syntax (EXECUTE FUNCTION)."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION carers_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'carers_accesslogentry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER carers_access_log_append_only
    BEFORE UPDATE OR DELETE ON carers_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION carers_access_log_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS carers_access_log_append_only ON carers_accesslogentry;
DROP FUNCTION IF EXISTS carers_access_log_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("carers", "0002_case_records")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
