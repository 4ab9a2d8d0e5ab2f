/**
 * Seed 003 golden tests (fixtures/access/seed003-*): the migration from a.sql to b.sql, and from an
 * empty database to b.sql, applied on the server, leaves exactly the ACL listing of
 * expected-acl.txt (expected-acl.pg<major>.txt where that major differs). The server state is what
 * counts; where the seed fixes a statement (a GRANT or REVOKE on an existing object, the header
 * comment `-- Grant on table "t1" to "PUBLIC"`), its form and place are asserted too. Where the
 * diff may either change the default privileges before creating objects or grant after each
 * CREATE, either is accepted.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { freshCatalog, type Catalog, type PgVersion } from '../../src/ir/catalog.js'
import { aclListing, expectedAcl } from '../support/acl-listing.js'
import { applyStatements } from '../support/apply.js'
import { backends, runScript, type Backend } from '../support/backends.js'
import { fixtureCases, type DiffCase } from '../support/fixtures.js'
import { stop } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'
import { load, migrator, ready } from '../support/pipeline.js'

await ready()
const only = process.env['PGCHARTER_CASES']
const cases = fixtureCases('access').filter((c) => c.name.startsWith('seed003-') && (only === undefined || new RegExp(only).test(c.name)))

// ── statement forms ──

/** `schema.name` with or without quotes, as a regex source. */
const qn = (schema: string, name: string): string => `"?${schema}"?\\."?${name}"?`
/** The line index of the first line matching, -1 if none. */
const lineOf = (sql: string, re: RegExp): number => sql.split('\n').findIndex((l) => re.test(l))
const has = (sql: string, re: RegExp): boolean => lineOf(sql, re) >= 0

/**
 * Every GRANT/REVOKE on an object is introduced by the seed's header comment:
 * `-- Grant on table "t1" to "PUBLIC"` / `-- Revoke on function "add" from "PUBLIC"`.
 */
const headerComments = (sql: string): string[] => {
  const lines = sql.split('\n')
  const problems: string[] = []
  lines.forEach((l, i) => {
    const m = /^(GRANT|REVOKE)\b.*?\bON\s+(TABLE|VIEW|MATERIALIZED VIEW|SEQUENCE|SCHEMA|FUNCTION|PROCEDURE|TYPE|DOMAIN|DATABASE)\s/i.exec(l)
    if (!m) return
    const verb = (m[1] as string).toUpperCase() === 'GRANT' ? 'Grant' : 'Revoke'
    const kind = (m[2] as string).toLowerCase()
    const prev = (lines.slice(0, i).reverse().find((p) => p.trim() !== '') ?? '').trim()
    const want = new RegExp(`^-- ${verb} on ${kind} "[^"]+" ${verb === 'Grant' ? 'to' : 'from'} "[^"]+"$`)
    if (!want.test(prev)) problems.push(`no "-- ${verb} on ${kind} \\"…\\" …" header before: ${l}\n  (previous line: ${prev})`)
  })
  return problems
}

/** Either the ALTER DEFAULT PRIVILEGES comes before the CREATE, or a GRANT/REVOKE (with its header) follows it. */
const grantOrDefault = (
  sql: string,
  o: { create: RegExp; acl: RegExp; header: string; defaults: RegExp },
): void => {
  const create = lineOf(sql, o.create)
  assert.ok(create >= 0, `no ${o.create} in the migration:\n${sql}`)
  const acl = lineOf(sql, o.acl)
  if (acl >= 0) {
    assert.ok(acl > create, `${o.acl} comes before ${o.create}:\n${sql}`)
    assert.ok(sql.split('\n').slice(0, acl).some((l) => l.trim() === o.header), `no ${o.header} before ${o.acl}:\n${sql}`)
  } else {
    const d = lineOf(sql, o.defaults)
    assert.ok(d >= 0 && d < create, `neither ${o.acl} after the CREATE nor ${o.defaults} before it:\n${sql}`)
  }
}

/** A statement that must be there, introduced by its header. */
const required = (sql: string, stmt: RegExp, header: string): void => {
  const i = lineOf(sql, stmt)
  assert.ok(i >= 0, `no ${stmt} in the migration:\n${sql}`)
  assert.ok(sql.split('\n').slice(0, i).some((l) => l.trim() === header), `no ${header} before ${stmt}:\n${sql}`)
}

const T1 = qn('public', 't1')
const T2 = qn('public', 't2')
const ADD = `${qn('public', 'add')}(?:\\s*\\(integer, ?integer\\))?`
const NOOP = `${qn('public', 'noop')}(?:\\s*\\(\\))?`
const DP_TABLES = /^ALTER DEFAULT PRIVILEGES\b.*\bGRANT SELECT ON TABLES TO PUBLIC/i
const DP_FUNCTIONS = /^ALTER DEFAULT PRIVILEGES\b.*\bREVOKE EXECUTE ON (FUNCTIONS|ROUTINES) FROM PUBLIC/i
const createTable = (t: string): RegExp => new RegExp(`^CREATE TABLE ${t} \\(`)
const createRoutine = (kind: 'FUNCTION' | 'PROCEDURE', n: string): RegExp => new RegExp(`^CREATE ${kind} ${qn('public', n)}\\s*\\(`)
const t1Grant = { create: createTable(T1), acl: new RegExp(`^GRANT SELECT ON TABLE ${T1} TO PUBLIC;`), header: '-- Grant on table "t1" to "PUBLIC"', defaults: DP_TABLES }
const t2Grant = { create: createTable(T2), acl: new RegExp(`^GRANT SELECT ON TABLE ${T2} TO PUBLIC;`), header: '-- Grant on table "t2" to "PUBLIC"', defaults: DP_TABLES }
const revokeRoutine = (kind: 'FUNCTION' | 'PROCEDURE', n: string, sig: string) => ({
  create: createRoutine(kind, n),
  acl: new RegExp(`^REVOKE EXECUTE ON ${kind} ${sig} FROM PUBLIC;`),
  header: `-- Revoke on ${kind.toLowerCase()} "${n}" from "PUBLIC"`,
  defaults: DP_FUNCTIONS,
})
const noAcl = (sql: string): void => assert.not.ok(has(sql, /^(GRANT|REVOKE) /), `unexpected GRANT/REVOKE:\n${sql}`)

/** What the seed fixes about the SQL, per case and starting point. */
const FORMS: Readonly<Record<string, { a?: (sql: string) => void; empty?: (sql: string) => void }>> = {
  'seed003-sql-tables-grant-select-public': {
    empty: (sql) => {
      grantOrDefault(sql, t1Grant)
      grantOrDefault(sql, t2Grant)
      assert.ok(lineOf(sql, t1Grant.create) < lineOf(sql, t2Grant.create), 't1 is created before t2')
    },
  },
  'seed003-sql-tables-default-removed': {
    a: (sql) => {
      required(sql, new RegExp(`^REVOKE SELECT ON TABLE ${T1} FROM PUBLIC;`), '-- Revoke on table "t1" from "PUBLIC"')
      required(sql, new RegExp(`^REVOKE SELECT ON TABLE ${T2} FROM PUBLIC;`), '-- Revoke on table "t2" from "PUBLIC"')
    },
    empty: noAcl,
  },
  'seed003-sql-tables-order-dependent': {
    a: (sql) => {
      required(sql, new RegExp(`^GRANT SELECT ON TABLE ${T2} TO PUBLIC;`), '-- Grant on table "t2" to "PUBLIC"')
      assert.not.ok(has(sql, new RegExp(`ON TABLE ${T1}\\b`)), `t1 was created before the default: nothing changes on it\n${sql}`)
    },
    empty: (sql) => {
      // t1 predates the default: either created before it, or created after it and its SELECT revoked
      const revokeT1 = lineOf(sql, new RegExp(`^REVOKE SELECT ON TABLE ${T1} FROM PUBLIC;`))
      assert.not.ok(has(sql, new RegExp(`^GRANT .* ON TABLE ${T1}\\b`)), `no grant on t1\n${sql}`)
      if (revokeT1 >= 0) assert.ok(revokeT1 > lineOf(sql, createTable(T1)), `the REVOKE on t1 follows its CREATE\n${sql}`)
      grantOrDefault(sql, t2Grant)
    },
  },
  'seed003-sql-functions-builtin-defaults': { empty: noAcl },
  'seed003-sql-functions-revoke-public-default': {
    empty: (sql) => {
      grantOrDefault(sql, revokeRoutine('FUNCTION', 'add', ADD))
      grantOrDefault(sql, revokeRoutine('PROCEDURE', 'noop', NOOP))
    },
  },
  'seed003-sql-functions-default-added-later': {
    a: (sql) => {
      required(sql, new RegExp(`^REVOKE EXECUTE ON FUNCTION ${ADD} FROM PUBLIC;`), '-- Revoke on function "add" from "PUBLIC"')
      required(sql, new RegExp(`^REVOKE EXECUTE ON PROCEDURE ${NOOP} FROM PUBLIC;`), '-- Revoke on procedure "noop" from "PUBLIC"')
    },
  },
  'seed003-hcl-step1-as-sql': {
    a: (sql) => {
      required(sql, /^REVOKE USAGE ON SCHEMA "?public"? FROM PUBLIC;/, '-- Revoke on schema "public" from "PUBLIC"')
      grantOrDefault(sql, revokeRoutine('FUNCTION', 'add', ADD))
      grantOrDefault(sql, revokeRoutine('PROCEDURE', 'noop', NOOP))
    },
  },
  'seed003-hcl-step2-as-sql': {
    a: (sql) => {
      required(sql, /^GRANT USAGE ON SCHEMA "?public"? TO PUBLIC;/, '-- Grant on schema "public" to "PUBLIC"')
      required(sql, new RegExp(`^GRANT EXECUTE ON FUNCTION ${ADD} TO PUBLIC;`), '-- Grant on function "add" to "PUBLIC"')
      assert.not.ok(has(sql, /ON PROCEDURE/), `noop keeps its REVOKE: nothing to do on it\n${sql}`)
    },
  },
  'seed003-hcl-step3-hardened-baseline': {
    a: (sql) => {
      required(sql, /^REVOKE USAGE ON SCHEMA "?public"? FROM PUBLIC;/, '-- Revoke on schema "public" from "PUBLIC"')
      assert.not.ok(has(sql, /^REVOKE EXECUTE/), `the baseline's default already withholds EXECUTE: no REVOKE\n${sql}`)
    },
  },
}

// ── the server state ──

/** Apply the migration from `from` (a catalog loaded from `fromSql`, or the empty database) and list the ACLs. */
const migrateAndList = async (b: Backend, fromSql: string | undefined, from: Catalog, to: Catalog): Promise<{ sql: string; acl: string[] }> => {
  const sql = migrator.migrate(from, to)
  const db = await b.open()
  try {
    if (fromSql !== undefined) await runScript(db, fromSql)
    await applyStatements(db.exec, sql)
    await db.exec('RESET ROLE; RESET SESSION AUTHORIZATION')
    return { sql, acl: await aclListing(db.db) }
  } finally {
    await db.close()
  }
}

const sameListing = (got: ReadonlyArray<string>, want: ReadonlyArray<string>, what: string, sql: string): void => {
  const g = new Set(got)
  const w = new Set(want)
  const d = [...want.filter((l) => !g.has(l)).map((l) => `missing ${l}`), ...got.filter((l) => !w.has(l)).map((l) => `extra   ${l}`)]
  assert.ok(d.length === 0 && got.length === want.length, `${what}: ACL listing differs from the expected file:\n  ${d.join('\n  ')}\n-- migration:\n${sql}`)
}

const loaded = (c: DiffCase, side: 'a' | 'b', v: PgVersion): Catalog => {
  const l = load(c[side], `${c.name}/${side}.sql`, v)
  assert.equal(l.errors.map((d) => `${d.code}: ${d.message}`), [], `${c.name}/${side}.sql reports errors`)
  return l.catalog
}

const test = suite('seed 003')

for (const b of backends()) {
  for (const c of cases) {
    test(`${b.label}: ${c.name}: the fixture itself gives the expected listing`, async () => {
      const v = await b.version()
      const want = expectedAcl(c.dir, v)
      assert.ok(want !== undefined, `${c.name} has no expected-acl file`)
      const db = await b.open()
      try {
        await runScript(db, c.b)
        sameListing(await aclListing(db.db), want, 'b.sql', '')
      } finally {
        await db.close()
      }
    })
    for (const start of ['a', 'empty'] as const) {
      test(`${b.label}: ${c.name}: ${start === 'a' ? 'a.sql' : 'empty database'} → b.sql`, async () => {
        const v = await b.version()
        const want = expectedAcl(c.dir, v) ?? []
        const from = start === 'a' ? loaded(c, 'a', v) : freshCatalog(v)
        const { sql, acl } = await migrateAndList(b, start === 'a' ? c.a : undefined, from, loaded(c, 'b', v))
        sameListing(acl, want, `${start} → b`, sql)
        const forms = FORMS[c.name]?.[start]
        if (forms) forms(sql)
        assert.equal(headerComments(sql), [], `header comments:\n${sql}`)
      })
    }
  }
}

test.after(async () => {
  await stop()
  await stopServer()
})

test.run()
