/**
 * One access-control convergence case in one direction, on one backend: load both files (no error
 * diagnostics), diff(from, from) empty, run `from` on a fresh database, apply the migration
 * statement by statement, inspect. The caller compares the result with the other direction's
 * loaded state. Failures are CaseFailure: a one-line summary and the details.
 */
import type { Catalog, PgVersion } from '../../src/ir/catalog.js'
import { inspect, type Queryable } from '../../src/inspect/index.js'
import { accessState, aclListing } from './acl-listing.js'
import { applyStatements, StatementError } from './apply.js'
import { runScript, type Backend } from './backends.js'
import { catalogDiff, catalogsConverge } from './compare.js'
import type { DiffCase } from './fixtures.js'
import { load, type Migrator } from './pipeline.js'

export class CaseFailure extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(what)
    this.name = 'CaseFailure'
  }
}

const fail = (what: string, detail: string): never => {
  throw new CaseFailure(what, detail)
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))
const firstLine = (s: string): string => s.split('\n')[0] ?? ''

/** Any exception of the pipeline (parse, diff, emit, inspect) as a CaseFailure naming the step. */
const step = <T>(what: string, f: () => T): T => {
  try {
    return f()
  } catch (e) {
    if (e instanceof CaseFailure) throw e
    return fail(`${what} throws: ${firstLine(messageOf(e))}`, e instanceof Error ? (e.stack ?? e.message) : String(e))
  }
}

/** Password literals of a file: a migration must never print them. */
const passwords = (sql: string): string[] => [...sql.matchAll(/PASSWORD\s+'((?:[^']|'')+)'/gi)].map((m) => (m[1] as string).replace(/''/g, "'"))

export interface Side {
  /** the state `from`.sql gives */
  readonly loaded: Catalog
  /** that state after the migration to `to` */
  readonly migrated: Catalog
  readonly sql: string
  /** the server's own account of the access state (ACL listing and REST_SQL), independent of inspect */
  readonly loadedState: ReadonlyArray<string>
  readonly migratedState: ReadonlyArray<string>
}

const serverState = async (db: Queryable): Promise<string[]> => [...(await aclListing(db)), ...(await accessState(db))]

/** Lines only on one side (`-` got, `+` want). */
const lineDiff = (got: ReadonlyArray<string>, want: ReadonlyArray<string>): string[] => {
  const g = new Set(got)
  const w = new Set(want)
  return [...got.filter((l) => !w.has(l)).map((l) => `- ${l}`), ...want.filter((l) => !g.has(l)).map((l) => `+ ${l}`)]
}

/** Load `from` into a fresh database, inspect it, apply the migration to `to`, inspect again. */
export const runSide = async (b: Backend, mig: Migrator, version: PgVersion, c: DiffCase, from: 'a' | 'b'): Promise<Side> => {
  const to = from === 'a' ? 'b' : 'a'
  const src = step(`loadSql ${from}.sql`, () => load(c[from], `${c.name}/${from}.sql`, version))
  const dst = step(`loadSql ${to}.sql`, () => load(c[to], `${c.name}/${to}.sql`, version))
  for (const [f, l] of [[from, src], [to, dst]] as const)
    if (l.errors.length)
      fail(`${f}.sql does not load: ${l.errors[0]?.code}: ${firstLine(l.errors[0]?.message ?? '')}`, l.errors.map((d) => `${d.code}: ${d.message}`).join('\n'))
  const self = step(`diff(${from}, ${from})`, () => mig.changeCount(src.catalog, src.catalog))
  if (self !== 0) fail(`diff(${from}, ${from}) is not empty (${self} changes)`, step('emit', () => mig.migrate(src.catalog, src.catalog)))
  const sql = step(`diff/emit ${from}→${to}`, () => mig.migrate(src.catalog, dst.catalog))
  for (const p of [...passwords(c.a), ...passwords(c.b)]) if (sql.includes(p)) fail(`migration ${from}→${to} prints a password`, '(not shown)')
  const db = await b.open()
  try {
    try {
      await runScript(db, c[from])
    } catch (e) {
      fail(`${from}.sql fails on ${b.label}: ${firstLine(messageOf(e))}`, messageOf(e))
    }
    const loaded = await inspect(db.db).catch((e: unknown) => fail(`inspect throws: ${firstLine(messageOf(e))}`, messageOf(e)))
    const loadedState = await serverState(db.db)
    try {
      await applyStatements(db.exec, sql)
    } catch (e) {
      if (!(e instanceof StatementError)) throw e
      fail(
        `migration ${from}→${to} fails at statement ${e.index}/${e.count}: ${firstLine(messageOf(e.cause))}`,
        `-- failing statement (line ${e.line}):\n${e.statement}\n-- migration:\n${sql}`,
      )
    }
    await db.exec('RESET ROLE; RESET SESSION AUTHORIZATION').catch(() => undefined)
    const migrated = await inspect(db.db).catch((e: unknown) => fail(`inspect throws: ${firstLine(messageOf(e))}`, messageOf(e)))
    return { loaded, migrated, sql, loadedState, migratedState: await serverState(db.db) }
  } finally {
    await db.close()
  }
}

/** Both directions; resolves when the case converges, throws a CaseFailure otherwise. */
export const runCase = async (b: Backend, mig: Migrator, version: PgVersion, c: DiffCase): Promise<void> => {
  const ab = await runSide(b, mig, version, c, 'a')
  const ba = await runSide(b, mig, version, c, 'b')
  // ab.loaded is the state of a.sql, ba.loaded that of b.sql
  for (const [x, label, other, want, sql] of [
    [ab.migrated, 'a→b', 'b', ba.loaded, ab.sql],
    [ba.migrated, 'b→a', 'a', ab.loaded, ba.sql],
  ] as const) {
    if (catalogsConverge(x, want)) continue
    const d = catalogDiff(x, want, [`migrated`, other])
    const lines = d.split('\n')
    fail(`${label} does not converge: ${lines.slice(0, 2).map((l) => l.trim()).join(' ')}`, `${d}\n-- migration ${label}:\n${sql}`)
  }
  // the same check by the server's own listing: catches what inspect does not read (yet)
  for (const [x, label, other, want, sql] of [
    [ab.migratedState, 'a→b', 'b', ba.loadedState, ab.sql],
    [ba.migratedState, 'b→a', 'a', ab.loadedState, ba.sql],
  ] as const) {
    const d = lineDiff(x, want)
    if (d.length === 0) continue
    fail(`${label} server state differs from ${other}.sql: ${d[0]}`, `${d.join('\n')}\n-- migration ${label}:\n${sql}`)
  }
}
