/**
 * Resolving a command-line source (files, a directory, `-` for stdin, or a database URL) into a
 * Catalog. This is the edge of the pipeline that touches files and databases.
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { Catalog, PgVersion } from '../ir/catalog.js'
import type { Diagnostic } from '../ir/span.js'
import { loadSql, ready, type SqlSource } from '../parse/sql/index.js'
import { UsageError } from './errors.js'

const URL_PATTERN = /^(postgres|postgresql|pglite):/i
export const isDatabaseUrl = (s: string): boolean => URL_PATTERN.test(s)

export interface Loaded {
  readonly catalog: Catalog
  readonly diagnostics: ReadonlyArray<Diagnostic>
  /** file name → text, to show source lines in diagnostics */
  readonly texts: ReadonlyMap<string, string>
}

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const sqlFilesUnder = async (dir: string): Promise<string[]> => {
  const out: string[] = []
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true })
    for (const e of entries) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else if (e.isFile() && e.name.endsWith('.sql')) out.push(p)
    }
  }
  await walk(dir)
  // lexical order of the path relative to the directory, independent of the file system's order
  return out.sort((a, b) => {
    const ra = relative(dir, a)
    const rb = relative(dir, b)
    return ra < rb ? -1 : ra > rb ? 1 : 0
  })
}

/** A file-system error as one line: `path: cannot read (EACCES)`. */
const unreadable =
  (path: string) =>
  (e: unknown): never => {
    const code = typeof e === 'object' && e !== null && 'code' in e ? ` (${String((e as { code: unknown }).code)})` : ''
    throw new UsageError(`${path}: cannot read${code}`)
  }

/** Read one or more file/directory/stdin arguments into SQL sources, in the order given. */
export const readSqlSources = async (args: ReadonlyArray<string>): Promise<SqlSource[]> => {
  const sources: SqlSource[] = []
  for (const arg of args) {
    if (arg === '-') {
      sources.push({ file: '<stdin>', text: await readStdin() })
      continue
    }
    const info = await stat(arg).catch(() => undefined)
    if (!info) throw new UsageError(`${arg}: no such file or directory`)
    const files = info.isDirectory() ? await sqlFilesUnder(arg).catch(unreadable(arg)) : [arg]
    if (info.isDirectory() && files.length === 0) throw new UsageError(`${arg}: directory holds no .sql files`)
    for (const f of files) sources.push({ file: f, text: await readFile(f, 'utf8').catch(unreadable(f)) })
  }
  return sources
}

export interface LoadSettings {
  readonly pgVersion: PgVersion
  readonly role: string
}

/** Inspect a database URL into a Catalog. */
export const loadUrl = async (url: string): Promise<Catalog> => {
  const { connect, inspect } = await import('../inspect/index.js')
  let conn: Awaited<ReturnType<typeof connect>>
  try {
    conn = await connect(url)
  } catch (e) {
    // connect's messages are one line and never carry the password
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
  try {
    return await inspect(conn.db)
  } finally {
    await conn.close()
  }
}

/** Load a source list: either exactly one database URL, or SQL files/directories/stdin. */
export const loadSources = async (args: ReadonlyArray<string>, settings: LoadSettings): Promise<Loaded> => {
  if (args.length === 0) throw new UsageError('no source given')
  const urls = args.filter(isDatabaseUrl)
  if (urls.length > 0) {
    if (args.length > 1) throw new UsageError('a database URL cannot be combined with other sources')
    return { catalog: await loadUrl(urls[0]!), diagnostics: [], texts: new Map() }
  }
  const sources = await readSqlSources(args)
  await ready()
  const { catalog, diagnostics } = loadSql(sources, { pgVersion: settings.pgVersion, role: settings.role })
  return { catalog, diagnostics, texts: new Map(sources.map((s) => [s.file, s.text])) }
}
