/** The SQL front end: a list of SQL files interpreted in order into a Catalog, with diagnostics. */
import * as E from 'fp-ts/lib/Either.js'
import { DEFAULT_PG_VERSION, type Catalog, type PgVersion } from '../../ir/catalog.js'
import type { Diagnostic, Span } from '../../ir/span.js'
import { interpret } from './interpret.js'
import { parseSql, type Statement } from './parser.js'
import { stripMeta } from './settings.js'
import { State } from './state.js'

export { ready } from './parser.js'

const EMPTY = 'Query cannot be empty'

export interface SqlSource {
  readonly file: string
  readonly text: string
}
export interface LoadOptions {
  /** default 16 */
  readonly pgVersion?: PgVersion
  /** the role the files run as; default 'postgres' */
  readonly role?: string
}
export interface LoadResult {
  readonly catalog: Catalog
  readonly diagnostics: ReadonlyArray<Diagnostic>
}

/**
 * Interpret SQL files in the given order, as PostgreSQL would run them, into a Catalog.
 * Synchronous; `await ready()` once before. If any file has syntax errors, every syntax error is
 * returned and nothing is interpreted (the catalog is the fresh one).
 */
export const loadSql = (sources: ReadonlyArray<SqlSource>, options: LoadOptions = {}): LoadResult => {
  const st = new State(options.pgVersion ?? DEFAULT_PG_VERSION, options.role ?? 'postgres')
  const syntax: Diagnostic[] = []
  const files: Array<ReadonlyArray<Statement>> = []
  for (const src of sources) {
    const parsed = parseSql(stripMeta(src.text), src.file)
    // libpg-query rejects a file without statements; for us it is simply empty
    if (E.isLeft(parsed) && parsed.left.every((d) => d.message === EMPTY)) continue
    if (E.isLeft(parsed)) syntax.push(...parsed.left)
    else files.push(parsed.right)
  }
  if (syntax.length) return { catalog: st.toCatalog(), diagnostics: syntax }
  for (const stmts of files) for (const s of stmts) interpret(st, s)
  return { catalog: st.toCatalog(), diagnostics: st.diagnostics }
}

/**
 * An interpreter session for statements produced by another front end (the HCL loader): each
 * `run` interprets one SQL text against the same working state and returns its diagnostics, with
 * every span replaced by `span` (the declaration the statement came from).
 */
export interface SqlSession {
  run(sql: string, span: Span): ReadonlyArray<Diagnostic>
  catalog(): Catalog
}

export const sqlSession = (options: LoadOptions = {}): SqlSession => {
  const st = new State(options.pgVersion ?? DEFAULT_PG_VERSION, options.role ?? 'postgres')
  return {
    run: (sql, span) => {
      const parsed = parseSql(sql, span.file)
      const before = st.diagnostics.length
      if (E.isLeft(parsed)) return parsed.left.map((d) => ({ ...d, span }))
      for (const s of parsed.right) interpret(st, s)
      return st.diagnostics.splice(before).map((d) => ({ ...d, span }))
    },
    catalog: () => st.toCatalog(),
  }
}
