/**
 * Golden tests for the HCL seeds, from the fixtures that hold them verbatim (fixtures/hcl):
 * - seed 003's walkthrough: step 1 (no PUBLIC permission: REVOKE after each CREATE), step 2 from
 *   step 1 (two GRANTs, nothing on noop), step 3 with the baseline as a `default_privileges` block
 *   (no REVOKE EXECUTE: from a database that has the baseline, exactly the seed's migration);
 *   each applied leaves the ACL listing of the matching fixtures/access/seed003-hcl-* case;
 * - seed 000's roles, users (secrets never printed) and computed permission blocks;
 * - seed 004's policy with row_security, and its computed (for_each) policies.
 * The statements' kinds and targets are asserted, in the seed's order where it matters (a REVOKE
 * follows its CREATE), then the server state after applying them.
 */
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { freshCatalog, type Catalog, type PgVersion } from '../../src/ir/catalog.js'
import type { Queryable } from '../../src/inspect/index.js'
import { aclListing, expectedAcl } from '../support/acl-listing.js'
import { applyStatements, scriptStatements } from '../support/apply.js'
import { backends, type Backend } from '../support/backends.js'
import { repoRoot } from '../support/fixtures.js'
import { hclCase } from '../support/hcl-fixtures.js'
import { hclLoader, loadHclCase, showDiagnostics, type LoadHcl } from '../support/hcl-pipeline.js'
import { stop } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'
import { load, migrator, ready } from '../support/pipeline.js'

await ready()
const loader = await hclLoader()
const test = suite('hcl seeds')

// ── statement forms (quotes optional around names) ──
const qn = (schema: string, name: string): string => `"?${schema}"?\\."?${name}"?`
const ADD = `${qn('public', 'add')}(?:\\s*\\(integer, ?integer\\))?`
const NOOP = `${qn('public', 'noop')}(?:\\s*\\(\\))?`
const lines = (sql: string): string[] => sql.split('\n')
const lineOf = (sql: string, re: RegExp): number => lines(sql).findIndex((l) => re.test(l))
/** The statements (comments aside), each as its text. */
const statements = (sql: string): string[] => scriptStatements(sql).map((s) => s.text)

/** A statement that must be there, introduced by the seed's header comment when one is given. */
const required = (sql: string, re: RegExp, header?: string): number => {
  const i = lineOf(sql, re)
  assert.ok(i >= 0, `no ${re} in the migration:\n${sql}`)
  if (header !== undefined) assert.ok(lines(sql).slice(0, i).some((l) => l.trim() === header), `no ${header} before ${re}:\n${sql}`)
  return i
}
const absent = (sql: string, re: RegExp, why: string): void => assert.ok(lineOf(sql, re) < 0, `${why}: ${re} in the migration:\n${sql}`)
const after = (sql: string, first: RegExp, then: RegExp): void =>
  assert.ok(required(sql, first) < required(sql, then), `${then} must follow ${first}:\n${sql}`)

const CREATE_ADD = new RegExp(`^CREATE FUNCTION ${qn('public', 'add')}\\s*\\(`)
const CREATE_NOOP = new RegExp(`^CREATE PROCEDURE ${qn('public', 'noop')}\\s*\\(`)
const REVOKE_SCHEMA = /^REVOKE USAGE ON SCHEMA "?public"? FROM PUBLIC;/
const REVOKE_ADD = new RegExp(`^REVOKE EXECUTE ON FUNCTION ${ADD} FROM PUBLIC;`)
const REVOKE_NOOP = new RegExp(`^REVOKE EXECUTE ON PROCEDURE ${NOOP} FROM PUBLIC;`)
const ADP_FUNCTIONS = /^ALTER DEFAULT PRIVILEGES\b.*\bREVOKE EXECUTE ON (FUNCTIONS|ROUTINES) FROM PUBLIC/i

// ── plumbing ──
const hcl = (l: LoadHcl, name: string, v: PgVersion): Catalog => {
  const r = loadHclCase(l, hclCase(name), v)
  assert.equal(showDiagnostics(r.errors), '', `${name} reports errors`)
  return r.catalog
}
const accessExpected = (name: string, v: PgVersion): string[] => {
  const want = expectedAcl(join(repoRoot(), 'fixtures', 'access', name), v)
  assert.ok(want !== undefined, `fixtures/access/${name} has no expected ACL listing`)
  return want ?? []
}
const sameListing = (got: ReadonlyArray<string>, want: ReadonlyArray<string>, sql: string): void => {
  const g = new Set(got)
  const w = new Set(want)
  const d = [...want.filter((l) => !g.has(l)).map((l) => `missing ${l}`), ...got.filter((l) => !w.has(l)).map((l) => `extra   ${l}`)]
  assert.ok(d.length === 0, `ACL listing differs:\n  ${d.join('\n  ')}\n-- migration:\n${sql}`)
}
/** Apply migrations in order on one fresh database, then look at it. */
const applied = async <T>(b: Backend, scripts: ReadonlyArray<string>, look: (db: Queryable) => Promise<T>): Promise<T> => {
  const db = await b.open()
  try {
    for (const s of scripts) await applyStatements(db.exec, s)
    return await look(db.db)
  } finally {
    await db.close()
  }
}
const rows = async (db: Queryable, sql: string): Promise<string[]> => (await db.query<{ line: string }>(sql)).rows.map((r) => r.line).sort()

if (typeof loader === 'string') {
  test('loadHcl is available', () => assert.unreachable(`${loader}: the seed tests cannot run yet`))
} else {
  const l = loader
  for (const b of backends()) {
    // ── seed 003 ──
    test(`${b.label}: seed 003 step 1: REVOKE on schema public, and after each CREATE`, async () => {
      const v = await b.version()
      const sql = migrator.migrate(freshCatalog(v), hcl(l, 'seed003-step1', v))
      required(sql, REVOKE_SCHEMA, '-- Revoke on schema "public" from "PUBLIC"')
      required(sql, REVOKE_ADD, '-- Revoke on function "add" from "PUBLIC"')
      required(sql, REVOKE_NOOP, '-- Revoke on procedure "noop" from "PUBLIC"')
      after(sql, CREATE_ADD, REVOKE_ADD)
      after(sql, CREATE_NOOP, REVOKE_NOOP)
      // the seed's migration holds nothing else: no owner or comment change on schema public
      assert.is(statements(sql).length, 5, `five statements, as in the seed:\n${sql}`)
      sameListing(await applied(b, [sql], aclListing), accessExpected('seed003-hcl-step1-as-sql', v), sql)
    })

    test(`${b.label}: seed 003 step 2 from step 1: GRANT on schema public and on add, nothing on noop`, async () => {
      const v = await b.version()
      const step1 = hcl(l, 'seed003-step1', v)
      const first = migrator.migrate(freshCatalog(v), step1)
      const sql = migrator.migrate(step1, hcl(l, 'seed003-step2', v))
      required(sql, /^GRANT USAGE ON SCHEMA "?public"? TO PUBLIC;/, '-- Grant on schema "public" to "PUBLIC"')
      required(sql, new RegExp(`^GRANT EXECUTE ON FUNCTION ${ADD} TO PUBLIC;`), '-- Grant on function "add" to "PUBLIC"')
      absent(sql, /ON PROCEDURE/, 'noop keeps its REVOKE')
      assert.is(statements(sql).length, 2, `two statements, as in the seed:\n${sql}`)
      sameListing(await applied(b, [first, sql], aclListing), accessExpected('seed003-hcl-step2-as-sql', v), sql)
    })

    test(`${b.label}: seed 003 step 3 (baseline as default_privileges): no REVOKE EXECUTE`, async () => {
      const v = await b.version()
      const step3 = hcl(l, 'seed003-step3', v)
      // from an empty database: the default privileges come before the CREATEs, so no REVOKE is needed
      const sql = migrator.migrate(freshCatalog(v), step3)
      required(sql, REVOKE_SCHEMA, '-- Revoke on schema "public" from "PUBLIC"')
      absent(sql, /^REVOKE EXECUTE/, "the baseline's default already withholds EXECUTE")
      after(sql, ADP_FUNCTIONS, CREATE_ADD)
      after(sql, ADP_FUNCTIONS, CREATE_NOOP)
      sameListing(await applied(b, [sql], aclListing), accessExpected('seed003-hcl-step3-hardened-baseline', v), sql)
      // from a database that already has the baseline (the seed's hardened dev database): exactly the seed's three statements
      const baselineSql = 'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;'
      const baseline = load(baselineSql, 'baseline.sql', v)
      assert.equal(showDiagnostics(baseline.errors), '')
      const seed = migrator.migrate(baseline.catalog, step3)
      assert.equal(
        statements(seed).map((s) => (REVOKE_SCHEMA.test(s) ? 'revoke-schema' : CREATE_ADD.test(s) ? 'create-add' : CREATE_NOOP.test(s) ? 'create-noop' : s)),
        ['revoke-schema', 'create-add', 'create-noop'],
        `the seed's step 3 migration:\n${seed}`,
      )
      sameListing(await applied(b, [baselineSql, seed], aclListing), accessExpected('seed003-hcl-step3-hardened-baseline', v), seed)
    })

    // ── seed 000 ──
    test(`${b.label}: seed 000: roles, users and computed permissions`, async () => {
      const v = await b.version()
      const sql = migrator.migrate(freshCatalog(v), hcl(l, 'seed000-governance', v))
      for (const secret of ['not-a-secret', 'not-a-secret-either']) assert.not.ok(sql.includes(`'${secret}'`), `the migration prints a password:\n${sql}`)
      const role = (r: string): string => `"?${r}"?`
      for (const r of ['s000_app_readonly', 's000_app_writer', 's000_app_admin', 's000_deploy_bot', 's000_analyst'])
        required(sql, new RegExp(`^CREATE (ROLE|USER) ${role(r)}`))
      after(sql, /^CREATE (ROLE|USER) "?s000_app_readonly"?/, /^GRANT "?s000_app_readonly"? TO "?s000_app_writer"?/)
      required(sql, /^GRANT "?s000_app_writer"? TO "?s000_app_admin"?/)
      for (const t of ['orders', 'users']) {
        required(sql, new RegExp(`^GRANT SELECT ON TABLE ${qn('app', t)} TO "?s000_app_readonly"?`))
        required(sql, new RegExp(`^GRANT INSERT, UPDATE, DELETE ON TABLE ${qn('app', t)} TO "?s000_app_writer"?`))
      }
      const state = await applied(b, [sql], (db) =>
        rows(
          db,
          `SELECT rolname || ' ' || rolcreatedb || ' ' || rolcreaterole || ' ' || rolcanlogin || ' ' || rolconnlimit AS line FROM pg_roles WHERE rolname LIKE 's000%'
           UNION ALL SELECT pg_get_userbyid(roleid) || ' > ' || pg_get_userbyid(member) || ' admin ' || admin_option FROM pg_auth_members WHERE pg_get_userbyid(member) LIKE 's000%'
           UNION ALL SELECT 'readonly reads ' || t || ' ' || has_table_privilege('s000_app_readonly', 'app.' || t, 'SELECT') || ', analyst ' || has_table_privilege('s000_analyst', 'app.' || t, 'SELECT')
                       || ', deploy_bot deletes ' || has_table_privilege('s000_deploy_bot', 'app.' || t, 'DELETE') || ', readonly deletes ' || has_table_privilege('s000_app_readonly', 'app.' || t, 'DELETE')
             FROM unnest(ARRAY['orders', 'users']) t
           ORDER BY 1`,
        ),
      )
      assert.equal(state, [
        's000_analyst false false true -1',
        's000_app_admin true true false -1',
        's000_app_readonly > s000_analyst admin false',
        's000_app_readonly > s000_app_writer admin false',
        's000_app_readonly false false false -1',
        's000_app_admin > s000_deploy_bot admin false',
        's000_app_writer > s000_app_admin admin false',
        's000_app_writer false false false -1',
        's000_deploy_bot false false true 5',
        'readonly reads orders true, analyst true, deploy_bot deletes true, readonly deletes false',
        'readonly reads users true, analyst true, deploy_bot deletes true, readonly deletes false',
      ].sort())
    })

    // ── seed 004 ──
    test(`${b.label}: seed 004: the policy and row_security`, async () => {
      const v = await b.version()
      const sql = migrator.migrate(freshCatalog(v), hcl(l, '100-seed004-policy', v))
      const enable = required(sql, new RegExp(`^ALTER TABLE ${qn('public', 'employees')} ENABLE ROW LEVEL SECURITY`))
      const policy = required(sql, new RegExp(`^CREATE POLICY "?employee_policy"? ON ${qn('public', 'employees')}.* FOR SELECT .*TO PUBLIC .*USING`))
      assert.ok(lineOf(sql, new RegExp(`^CREATE TABLE ${qn('public', 'employees')}`)) < Math.min(enable, policy), `the table comes first:\n${sql}`)
      absent(sql, /FORCE ROW LEVEL SECURITY/, 'enforced = false')
      const state = await applied(b, [sql], (db) =>
        rows(
          db,
          `SELECT relname || ' rls ' || relrowsecurity || ' forced ' || relforcerowsecurity AS line FROM pg_class WHERE relname = 'employees'
           UNION ALL SELECT policyname || ' ' || cmd || ' ' || permissive || ' ' || array_to_string(roles, ',') || ' ' || qual FROM pg_policies ORDER BY 1`,
        ),
      )
      assert.equal(state, ['employee_policy SELECT PERMISSIVE public (CURRENT_USER = employee_role)', 'employees rls true forced false'])
    })

    test(`${b.label}: seed 004: computed policies with for_each`, async () => {
      const v = await b.version()
      const sql = migrator.migrate(freshCatalog(v), hcl(l, '105-policy-for-each-tables', v))
      for (const t of ['orders', 'invoices']) required(sql, new RegExp(`^CREATE POLICY "?tenant_isolation_${t}"? ON ${qn('public', t)}`))
      const state = await applied(b, [sql], (db) => rows(db, `SELECT tablename || '.' || policyname || ' ' || cmd AS line FROM pg_policies ORDER BY 1`))
      assert.equal(state, ['invoices.tenant_isolation_invoices ALL', 'orders.tenant_isolation_orders ALL'])
    })
  }
}

test.after(async () => {
  await stop()
  await stopServer()
})

test.run()
