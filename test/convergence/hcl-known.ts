/**
 * fixtures/hcl checks known to fail, each with the reason (the failure's first line, then the
 * cause). A key is `<case>#<check>` (checks: hcl-checks.ts, a b c d s e h), optionally prefixed with
 * a backend (`pglite:`, `pg15:`), or a bare case name for every check of the case. hcl.test.ts fails
 * when a listed check passes, so this list only ever shrinks honestly. Refresh:
 * PGCHARTER_KNOWN_OUT=/tmp/f.json writes every failure's first line.
 */

export const KNOWN: Readonly<Record<string, string>> = {
}
