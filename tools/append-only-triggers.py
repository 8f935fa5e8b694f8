# Adds the append-only triggers of the security audit log to the Initial migration of each provider.
import glob, os, sys
os.chdir(sys.argv[1] if len(sys.argv) > 1 else ".")
sqlite = '''
            // The security audit log is append-only, also for anyone who goes around the application.
            migrationBuilder.Sql("CREATE TRIGGER SecurityAuditEvents_NoUpdate BEFORE UPDATE ON SecurityAuditEvents BEGIN SELECT RAISE(ABORT, 'the security audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER SecurityAuditEvents_NoDelete BEFORE DELETE ON SecurityAuditEvents BEGIN SELECT RAISE(ABORT, 'the security audit log is append-only'); END;");
            // Issued documents are immutable: what was verified once stays verifiable.
            migrationBuilder.Sql("CREATE TRIGGER IssuedDocuments_NoUpdate BEFORE UPDATE ON IssuedDocuments BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IssuedDocuments_NoDelete BEFORE DELETE ON IssuedDocuments BEGIN SELECT RAISE(ABORT, 'issued documents are immutable'); END;");
'''
pg = '''
            // The security audit log is append-only, also for anyone who goes around the application.
            migrationBuilder.Sql(@"CREATE FUNCTION security_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the security audit log is append-only';
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""SecurityAuditEvents_AppendOnly"" BEFORE UPDATE OR DELETE ON ""SecurityAuditEvents"" FOR EACH ROW EXECUTE FUNCTION security_audit_append_only();");
            // Issued documents are immutable: what was verified once stays verifiable.
            migrationBuilder.Sql(@"CREATE FUNCTION issued_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued documents are immutable';
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""IssuedDocuments_Immutable"" BEFORE UPDATE OR DELETE ON ""IssuedDocuments"" FOR EACH ROW EXECUTE FUNCTION issued_documents_immutable();");
'''
for path, extra in [(glob.glob('Sqlite/*_Initial.cs')[0], sqlite), (glob.glob('Postgres/*_Initial.cs')[0], pg)]:
    s = open(path).read()
    i = s.index('        /// <inheritdoc />\n        protected override void Down')
    j = s.rindex('        }', 0, i)
    s = s[:j] + extra + s[j:]
    if 'Postgres' in path:
        d = s.index('protected override void Down(MigrationBuilder migrationBuilder)\n        {') + len('protected override void Down(MigrationBuilder migrationBuilder)\n        {')
        s = s[:d] + '\n            migrationBuilder.Sql("DROP FUNCTION IF EXISTS security_audit_append_only() CASCADE;");\n            migrationBuilder.Sql("DROP FUNCTION IF EXISTS issued_documents_immutable() CASCADE;");' + s[d:]
    open(path,'w').write(s)
