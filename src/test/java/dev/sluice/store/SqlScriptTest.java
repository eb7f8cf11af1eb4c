package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Cutting migration scripts into statements: semicolons in strings, names and comments do not end one. */
class SqlScriptTest {
    @Test
    void semicolonsEndStatementsOnlyOutsideStringsNamesAndComments() {
        String script = """
                -- a comment; with a semicolon and an 'apostrophe
                CREATE TABLE t (a TEXT DEFAULT 'x;y', "odd;name" INT); /* a block; comment */
                INSERT INTO t (a) VALUES ('it''s; fine');
                UPDATE t SET a = 'z' -- trailing; comment
                ;
                -- only a comment after the last statement;
                """;
        assertThat(SqlScript.statements(script)).containsExactly(
                "-- a comment; with a semicolon and an 'apostrophe\nCREATE TABLE t (a TEXT DEFAULT 'x;y', \"odd;name\" INT)",
                "/* a block; comment */\nINSERT INTO t (a) VALUES ('it''s; fine')",
                "UPDATE t SET a = 'z' -- trailing; comment");
    }

    @Test
    void theLastStatementNeedsNoSemicolon() {
        assertThat(SqlScript.statements("SELECT 1;\nSELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(SqlScript.statements("  \n-- nothing here\n/* nor here */ ;;")).isEmpty();
    }

    @Test
    void whatItCannotCutSafelyIsRefusedRatherThanCutWrongly() {
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'never closed;"))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> SqlScript.statements("SELECT 1; /* open"))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> SqlScript.statements("CREATE TRIGGER t AFTER INSERT ON x BEGIN DELETE FROM y; END;"))
                .hasMessageContaining("BEGIN");
        assertThatThrownBy(() -> SqlScript.statements("CREATE FUNCTION f() RETURNS INT AS $$ SELECT 1; $$ LANGUAGE sql;"))
                .hasMessageContaining("dollar");
        assertThat(SqlScript.statements("ALTER TABLE x ADD COLUMN began_micros BIGINT; SELECT 'BEGIN'"))
                .as("a word that starts with begin, and BEGIN in a string, are no bodies").hasSize(2);
    }

    @Test
    void everyShippedMigrationIsCutIntoStatements() {
        for (Database.Engine engine : Database.Engine.values()) {
            SchemaMigrations.available(engine).values().forEach(m -> assertThat(SqlScript.statements(m.sql()))
                    .as(m.script()).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotEndWith(";")));
        }
    }
}
