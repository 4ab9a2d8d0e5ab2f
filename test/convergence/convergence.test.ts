/**
 * The oracle: for every fixtures/diff case, in both directions, applying the emitted migration to
 * a database loaded with one side yields exactly the catalog of a database loaded with the other.
 * Runs on PGlite (PostgreSQL 18) always, and on the server in PGCHARTER_PG_URL when set (CI: 15).
 * The fixture files are loaded as scripts; migrations are applied one statement at a time.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Catalog, PgVersion } from '../../src/ir/catalog.js'
import { inspect, serverVersion } from '../../src/inspect/index.js'
import { applyStatements, StatementError } from '../support/apply.js'
import { catalogDiff, catalogsConverge } from '../support/compare.js'
import { diffCases, versionAdmits, type DiffCase } from '../support/fixtures.js'
import { fresh, stop, useExtensions, type TestDb } from '../support/pglite.js'
import { freshServer, serverUrl, stopServer } from '../support/pg15.js'
import { load, migrator, ready, type Migrator } from '../support/pipeline.js'

interface Backend {
  readonly label: string
  readonly open: () => Promise<TestDb>
}

const backends: Backend[] = [{ label: 'pglite', open: fresh }]
const url = serverUrl()
if (url) backends.push({ label: 'pg15', open: () => freshServer(url) })

/** PGCHARTER_CASES=<regex> runs only the matching cases (for working on a few). */
const only = process.env['PGCHARTER_CASES']
const cases = diffCases().filter((c) => only === undefined || new RegExp(only).test(c.name))
useExtensions(cases.flatMap((c) => c.extensions))
await ready()
const tally = new Map<string, { passed: number; total: number }>()

/** Fail a case: a one-line message, then the details (structural diff, migration SQL) once. */
const fail = (what: string, detail: string): never => {
  const e = new assert.Assertion({ message: what, details: detail, operator: 'converge', expects: undefined, actual: undefined })
  e.stack = `${e.name}: ${what}`
  throw e
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Load `from` into a fresh database, inspect it, apply the migration to `to`, inspect again. */
const side = async (
  b: Backend,
  mig: Migrator,
  version: PgVersion,
  c: DiffCase,
  from: 'a' | 'b',
): Promise<{ loaded: Catalog; migrated: Catalog; sql: string }> => {
  const to = from === 'a' ? 'b' : 'a'
  const src = load(c[from], `${c.name}/${from}.sql`, version)
  const dst = load(c[to], `${c.name}/${to}.sql`, version)
  for (const [f, l] of [[from, src], [to, dst]] as const)
    if (l.errors.length) fail(`${c.name}/${f}.sql does not load`, l.errors.map((d) => `${d.code}: ${d.message}`).join('\n'))
  const self = mig.changeCount(src.catalog, src.catalog)
  if (self !== 0) fail(`${c.name}: diff(${from}, ${from}) is not empty`, mig.migrate(src.catalog, src.catalog))
  const sql = mig.migrate(src.catalog, dst.catalog)
  const db = await b.open()
  try {
    try {
      await db.exec(c[from])
    } catch (e) {
      fail(`${c.name}/${from}.sql fails on ${b.label}`, (e as Error).message)
    }
    const loaded = await inspect(db.db)
    try {
      // statement by statement, as apply tools run it (ALTER TYPE … ADD VALUE must commit before use)
      await applyStatements(db.exec, sql)
    } catch (e) {
      if (!(e instanceof StatementError)) throw e
      fail(
        `${c.name}: migration ${from}→${to} fails on ${b.label} at statement ${e.index}/${e.count} (line ${e.line}): ${messageOf(e.cause)}`,
        `-- failing statement:\n${e.statement}\n-- migration:\n${sql}`,
      )
    }
    return { loaded, migrated: await inspect(db.db), sql }
  } finally {
    await db.close()
  }
}

const test = suite('convergence')

for (const b of backends) {
  let version: PgVersion | undefined
  for (const c of cases) {
    test(`${b.label}: ${c.name}`, async () => {
      if (version === undefined) {
        const probe = await b.open()
        version = await serverVersion(probe.db).finally(() => probe.close())
      }
      const t = tally.get(b.label) ?? { passed: 0, total: 0 }
      tally.set(b.label, t)
      if (!versionAdmits(c.versions, version)) return
      t.total++
      const ab = await side(b, migrator, version, c, 'a')
      const ba = await side(b, migrator, version, c, 'b')
      // ab.loaded is the state of a.sql, ba.loaded that of b.sql
      if (!catalogsConverge(ab.migrated, ba.loaded))
        fail(`${c.name}: a→b on ${b.label} does not converge`, `${catalogDiff(ab.migrated, ba.loaded, ['migrated a', 'b'])}\n-- migration a→b:\n${ab.sql}`)
      if (!catalogsConverge(ba.migrated, ab.loaded))
        fail(`${c.name}: b→a on ${b.label} does not converge`, `${catalogDiff(ba.migrated, ab.loaded, ['migrated b', 'a'])}\n-- migration b→a:\n${ba.sql}`)
      t.passed++
    })
  }
}

test.after(async () => {
  for (const [label, t] of tally) console.log(`\nconvergence: ${t.passed}/${t.total} passed on ${label}`)
  await stop()
  await stopServer()
})

test.run()
