/**
 * The compiler pipeline as the convergence harness uses it: SQL text → Catalog (loadSql), and
 * diff + emitSql → migration SQL. diff and emit are reached through a dynamic import so that this
 * harness compiles while those layers are being written; once they exist nothing here changes.
 */
import type { Catalog, PgVersion } from '../../src/ir/catalog.js'
import type { Diagnostic } from '../../src/ir/span.js'
import { loadSql, ready } from '../../src/parse/sql/index.js'

export interface Loaded {
  readonly catalog: Catalog
  readonly errors: ReadonlyArray<Diagnostic>
}

export const load = (text: string, file: string, pgVersion: PgVersion): Loaded => {
  const r = loadSql([{ file, text }], { pgVersion })
  return { catalog: r.catalog, errors: r.diagnostics.filter((d) => d.severity === 'error') }
}

type DiffFn = (from: Catalog, to: Catalog) => unknown
type EmitFn = (changes: unknown) => unknown

export interface Migrator {
  /** the migration SQL from one catalog to another */
  readonly migrate: (from: Catalog, to: Catalog) => string
  /** number of changes diff finds between two catalogs */
  readonly changeCount: (from: Catalog, to: Catalog) => number
}

const fnOf = <F>(mod: unknown, name: string): F | undefined => {
  const f = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)[name] : undefined
  return typeof f === 'function' ? (f as F) : undefined
}

const sqlText = (emitted: unknown): string => {
  if (typeof emitted === 'string') return emitted
  if (typeof emitted === 'object' && emitted !== null) {
    const o = emitted as Record<string, unknown>
    if (typeof o['sql'] === 'string') return o['sql']
    if (o['_tag'] === 'Right') return sqlText(o['right'])
    if (o['_tag'] === 'Left') throw new Error(`emitSql failed: ${JSON.stringify(o['left'])}`)
  }
  throw new Error(`emitSql returned ${JSON.stringify(emitted)}`)
}

const countOf = (changes: unknown): number => {
  const list = typeof changes === 'object' && changes !== null ? (changes as Record<string, unknown>)['changes'] : undefined
  if (!Array.isArray(list)) throw new Error('diff did not return a ChangeSet')
  return list.length
}

// module paths relative to dist/test/support/pipeline.js; a variable keeps tsc from resolving them
const DIFF = '../../src/diff/index.js'
const EMIT = '../../src/emit/index.js'

/** The migrator, or the reason it is not available yet (diff or emit not written). */
export const migrator = async (): Promise<Migrator | string> => {
  await ready()
  let diffMod: unknown
  let emitMod: unknown
  try {
    diffMod = await import(DIFF)
    emitMod = await import(EMIT)
  } catch (e) {
    return `diff/emit not available: ${(e as Error).message.split('\n')[0]}`
  }
  const diff = fnOf<DiffFn>(diffMod, 'diff')
  const emitSql = fnOf<EmitFn>(emitMod, 'emitSql')
  if (!diff || !emitSql) throw new Error('src/diff must export diff and src/emit must export emitSql')
  return {
    migrate: (from, to) => sqlText(emitSql(diff(from, to))),
    changeCount: (from, to) => countOf(diff(from, to)),
  }
}

export { ready }
