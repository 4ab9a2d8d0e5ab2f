/**
 * The checks of one HCL fixture on one backend (fixtures/hcl/README.md):
 *   a  loadHcl(x) reports no error
 *   b  loadHcl(x) ≅ loadSql(equivalent.sql)
 *   c  diff(loadHcl(x), loadHcl(x)) is empty
 *   d  the migration from an empty database, applied and inspected, ≅ loadHcl(x) (and prints no password)
 *   s  the server's own listing (ACLs, roles, memberships, settings, policies) after that migration
 *      equals the listing after running equivalent.sql
 *   e  loadSql(emitCreateSql(loadHcl(x))) ≅ loadHcl(x)
 *   h  loadHcl(emitHcl(loadHcl(x))) ≅ loadHcl(x)
 * Each check gives a result; a throw inside a check is that check's failure. When (a) fails the
 * others are skipped (the catalog is partial); (h) is skipped while emitHcl is not available.
 */
import { freshCatalog, type Catalog, type PgVersion } from '../../src/ir/catalog.js'
import { emitCreateSql } from '../../src/emit/index.js'
import { inspect } from '../../src/inspect/index.js'
import { accessState, aclListing } from './acl-listing.js'
import { applyStatements, StatementError } from './apply.js'
import { runScript, type Backend } from './backends.js'
import { catalogDiff, catalogsConverge } from './compare.js'
import type { HclCase } from './hcl-fixtures.js'
import { loadHclCase, showDiagnostics, type EmitHcl, type LoadHcl } from './hcl-pipeline.js'
import { load, migrator } from './pipeline.js'

export const CHECKS = {
  a: 'loadHcl reports no error',
  b: 'loadHcl(x) ≅ loadSql(equivalent.sql)',
  c: 'diff(x, x) is empty',
  d: 'migration from empty, applied and inspected, ≅ loadHcl(x)',
  s: 'server listing after the migration = after equivalent.sql',
  e: 'loadSql(emitCreateSql(x)) ≅ x',
  h: 'loadHcl(emitHcl(x)) ≅ x',
} as const
export type CheckId = keyof typeof CHECKS
export const CHECK_IDS = Object.keys(CHECKS) as CheckId[]

export type CheckResult =
  | { readonly check: CheckId; readonly status: 'pass' }
  | { readonly check: CheckId; readonly status: 'fail'; readonly what: string; readonly detail: string }
  | { readonly check: CheckId; readonly status: 'skip'; readonly why: string }

class Failed extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(what)
  }
}
const fail = (what: string, detail = ''): never => {
  throw new Failed(what, detail)
}
const firstLine = (s: string): string => s.split('\n')[0] ?? ''
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** `want ≅ got`, else a failure whose summary names the first differing object. */
const same = (got: Catalog, want: Catalog, labels: readonly [string, string], extra = ''): void => {
  if (catalogsConverge(got, want)) return
  const d = catalogDiff(got, want, labels)
  fail(d.split('\n').slice(0, 2).map((l) => l.trim()).join(' '), `${d}${extra ? `\n${extra}` : ''}`)
}

const passwords = (sql: string): string[] => [...sql.matchAll(/PASSWORD\s+'((?:[^']|'')+)'/gi)].map((m) => (m[1] as string).replace(/''/g, "'"))

/** Lines only on one side (`-` got, `+` want). */
const lineDiff = (got: ReadonlyArray<string>, want: ReadonlyArray<string>): string[] => {
  const g = new Set(got)
  const w = new Set(want)
  return [...got.filter((l) => !w.has(l)).map((l) => `- ${l}`), ...want.filter((l) => !g.has(l)).map((l) => `+ ${l}`)]
}

/** Run a script (or a migration, statement by statement) on a fresh database; inspect and list it. */
const onFresh = async (b: Backend, script: string, stepwise: boolean): Promise<{ inspected: Catalog; listing: string[] }> => {
  const db = await b.open()
  try {
    if (stepwise) await applyStatements(db.exec, script)
    else await runScript(db, script)
    await db.exec('RESET ROLE; RESET SESSION AUTHORIZATION').catch(() => undefined)
    return { inspected: await inspect(db.db), listing: [...(await aclListing(db.db)), ...(await accessState(db.db))] }
  } finally {
    await db.close()
  }
}

export interface HclTools {
  readonly loadHcl: LoadHcl
  /** emitHcl, or why it is not available */
  readonly emitHcl: EmitHcl | string
}

/** Every check of one case on one backend, in CHECK_IDS order. */
export const runHclChecks = async (b: Backend, version: PgVersion, tools: HclTools, c: HclCase): Promise<CheckResult[]> => {
  const results: CheckResult[] = []
  const run = async (check: CheckId, f: () => void | Promise<void>): Promise<void> => {
    try {
      await f()
      results.push({ check, status: 'pass' })
    } catch (e) {
      if (e instanceof Failed) results.push({ check, status: 'fail', what: e.what, detail: e.detail })
      else results.push({ check, status: 'fail', what: `throws: ${firstLine(messageOf(e))}`, detail: e instanceof Error ? (e.stack ?? e.message) : String(e) })
    }
  }
  const skipRest = (why: string): CheckResult[] => [...results, ...CHECK_IDS.filter((k) => !results.some((r) => r.check === k)).map((check) => ({ check, status: 'skip' as const, why }))]

  let x: Catalog | undefined
  await run('a', () => {
    const l = loadHclCase(tools.loadHcl, c, version)
    x = l.catalog
    if (l.errors.length) fail(`${l.errors.length} error(s): ${firstLine(showDiagnostics(l.errors.slice(0, 1)))}`, showDiagnostics(l.errors))
  })
  if (x === undefined || results[0]?.status !== 'pass') return skipRest('loadHcl reports errors')
  const h = x

  await run('b', () => {
    const l = load(c.sql, `${c.name}/equivalent.sql`, version)
    if (l.errors.length) fail(`equivalent.sql does not load: ${l.errors[0]?.code}: ${firstLine(l.errors[0]?.message ?? '')}`, showDiagnostics(l.errors))
    same(h, l.catalog, ['hcl', 'sql'])
  })
  await run('c', () => {
    const n = migrator.changeCount(h, h)
    if (n !== 0) fail(`${n} change(s)`, migrator.migrate(h, h))
  })

  let migrated: { inspected: Catalog; listing: string[] } | undefined
  let sql = ''
  await run('d', async () => {
    sql = migrator.migrate(freshCatalog(version), h)
    for (const p of passwords(c.sql)) if (sql.includes(p)) fail('the migration prints a password', '(not shown)')
    try {
      migrated = await onFresh(b, sql, true)
    } catch (e) {
      if (!(e instanceof StatementError)) throw e
      fail(`fails at statement ${e.index}/${e.count}: ${firstLine(messageOf(e.cause))}`, `-- failing statement (line ${e.line}):\n${e.statement}\n-- migration:\n${sql}`)
    }
    if (migrated) same(migrated.inspected, h, ['migrated', 'hcl'], `-- migration:\n${sql}`)
  })
  await run('s', async () => {
    if (migrated === undefined) fail('no migrated database (d failed to apply)')
    const want = await onFresh(b, c.sql, false).catch((e: unknown) => fail(`equivalent.sql fails on ${b.label}: ${firstLine(messageOf(e))}`, messageOf(e)))
    const d = lineDiff(migrated?.listing ?? [], want.listing)
    if (d.length) fail(`${d.length} line(s) differ: ${d[0]}`, `${d.join('\n')}\n-- migration:\n${sql}`)
  })
  await run('e', () => {
    const text = emitCreateSql(h)
    const l = load(text, `${c.name}/create.sql`, version)
    if (l.errors.length) fail(`emitCreateSql output does not load: ${firstLine(showDiagnostics(l.errors.slice(0, 1)))}`, `${showDiagnostics(l.errors)}\n-- SQL:\n${text}`)
    same(l.catalog, h, ['from sql', 'hcl'], `-- SQL:\n${text}`)
  })
  const emit = tools.emitHcl
  if (typeof emit === 'string') results.push({ check: 'h', status: 'skip', why: emit })
  else
    await run('h', () => {
      const text = emit(h)
      const l = loadHclCase(tools.loadHcl, { ...c, sources: [{ file: `${c.name}/emitted.hcl`, text }] }, version)
      if (l.errors.length) fail(`emitted HCL does not load: ${firstLine(showDiagnostics(l.errors.slice(0, 1)))}`, `${showDiagnostics(l.errors)}\n-- HCL:\n${text}`)
      same(l.catalog, h, ['re-loaded', 'hcl'], `-- HCL:\n${text}`)
    })
  return results
}
