/**
 * The compiler pipeline as the convergence harness uses it: SQL text → Catalog (loadSql), and
 * diff + emitSql → migration SQL. Call `ready()` once before any of these (loadSql and diff parse
 * synchronously with libpg-query).
 */
import type { Catalog, PgVersion } from '../../src/ir/catalog.js'
import type { Diagnostic } from '../../src/ir/span.js'
import { loadSql, ready } from '../../src/parse/sql/index.js'
import { diff } from '../../src/diff/index.js'
import { emitSql } from '../../src/emit/index.js'

export interface Loaded {
  readonly catalog: Catalog
  readonly errors: ReadonlyArray<Diagnostic>
}

export const load = (text: string, file: string, pgVersion: PgVersion): Loaded => {
  const r = loadSql([{ file, text }], { pgVersion })
  return { catalog: r.catalog, errors: r.diagnostics.filter((d) => d.severity === 'error') }
}

export interface Migrator {
  /** the migration SQL from one catalog to another */
  readonly migrate: (from: Catalog, to: Catalog) => string
  /** number of changes diff finds between two catalogs */
  readonly changeCount: (from: Catalog, to: Catalog) => number
}

export const migrator: Migrator = {
  migrate: (from, to) => emitSql(diff(from, to), { pgVersion: to.pgVersion }),
  changeCount: (from, to) => diff(from, to).changes.length,
}

export { ready }
