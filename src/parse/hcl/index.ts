/**
 * The HCL front end: `.hcl` files (one schema) parsed, evaluated and lowered into a Catalog, with
 * every diagnostic. Same result type as `loadSql`; synchronous after `await ready()` (the SQL
 * interpreter the lowered statements run through needs its parser loaded).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Diagnostic } from '../../ir/span.js'
import { sqlSession, type LoadResult } from '../sql/index.js'
import { loadBodies, type HclFile, type HclOptions } from './load/load.js'
import { LOWERERS } from './lower/registry.js'
import { parseHcl } from './parse.js'

export { ready } from '../sql/index.js'
export { parseHcl } from './parse.js'
export type { HclOptions } from './load/load.js'

export interface HclSource {
  readonly file: string
  readonly text: string
}

/**
 * Load HCL files as one schema. Files are taken in lexical order of their names (the order of a
 * directory listing; HCL does not depend on it). If any file has syntax errors, every syntax error
 * of every file is returned and nothing is evaluated (the catalog is the fresh one).
 */
export const loadHcl = (sources: ReadonlyArray<HclSource>, options: HclOptions = {}): LoadResult => {
  const ordered = [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const syntax: Diagnostic[] = []
  const files: HclFile[] = []
  for (const s of ordered) {
    const parsed = parseHcl(s.text, s.file)
    if (E.isLeft(parsed)) syntax.push(...parsed.left)
    else files.push({ file: s.file, body: parsed.right })
  }
  if (syntax.length > 0) return { catalog: sqlSession({ ...(options.pgVersion ? { pgVersion: options.pgVersion } : {}), ...(options.role ? { role: options.role } : {}) }).catalog(), diagnostics: syntax }
  return loadBodies(files, options, LOWERERS)
}
