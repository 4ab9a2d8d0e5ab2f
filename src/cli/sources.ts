/**
 * Resolving a command-line source (files, a directory, `-` for stdin, or a database URL) into a
 * Catalog. This is the edge of the pipeline that touches files and databases.
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { Catalog, PgVersion } from '../ir/catalog.js'
import type { Diagnostic } from '../ir/span.js'
import { loadSql, ready, type SqlSource } from '../parse/sql/index.js'
import { loadHcl } from '../parse/hcl/index.js'
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

/** The schema language of a source file: `.hcl` files are HCL, everything else SQL. */
export type SourceLanguage = 'sql' | 'hcl'
const languageOf = (file: string): SourceLanguage => (file.endsWith('.hcl') ? 'hcl' : 'sql')

const schemaFilesUnder = async (dir: string): Promise<string[]> => {
  const out: string[] = []
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true })
    for (const e of entries) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else if (e.isFile() && (e.name.endsWith('.sql') || e.name.endsWith('.hcl'))) out.push(p)
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

/** Sources of one language (SQL or HCL), in the order given. */
export interface SchemaSources {
  readonly language: SourceLanguage
  readonly sources: ReadonlyArray<SqlSource>
}

/**
 * Read one or more file/directory/stdin arguments into sources, in the order given. `.hcl` files
 * (and directories of them) are HCL, anything else SQL (stdin too); one side cannot mix the two.
 */
export const readSchemaSources = async (args: ReadonlyArray<string>): Promise<SchemaSources> => {
  const sources: SqlSource[] = []
  for (const arg of args) {
    if (arg === '-') {
      sources.push({ file: '<stdin>', text: await readStdin() })
      continue
    }
    const info = await stat(arg).catch(() => undefined)
    if (!info) throw new UsageError(`${arg}: no such file or directory`)
    const files = info.isDirectory() ? await schemaFilesUnder(arg).catch(unreadable(arg)) : [arg]
    if (info.isDirectory() && files.length === 0) throw new UsageError(`${arg}: directory holds no .sql or .hcl files`)
    for (const f of files) sources.push({ file: f, text: await readFile(f, 'utf8').catch(unreadable(f)) })
  }
  const languages = new Set(sources.map((s) => (s.file === '<stdin>' ? 'sql' : languageOf(s.file))))
  if (languages.size > 1) throw new UsageError(`${args.join(' ')}: .sql and .hcl sources cannot be mixed in one schema`)
  return { language: languages.has('hcl') ? 'hcl' : 'sql', sources }
}

export interface LoadSettings {
  readonly pgVersion: PgVersion
  readonly role: string
  /** HCL `--var name=value` values */
  readonly vars?: Readonly<Record<string, string>>
  /** the environment, for HCL `PGCHARTER_VAR_name` and getenv() (the CLI passes process.env) */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** `--var name=value` options (repeatable) as a record; a later value for a name wins. */
export const varsArg = (vs: ReadonlyArray<string> | undefined): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const v of vs ?? []) {
    const eq = v.indexOf('=')
    const name = eq < 0 ? '' : v.slice(0, eq)
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`--var must be name=value with an HCL identifier as name (got "${v}")`)
    out[name] = v.slice(eq + 1)
  }
  return out
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

/** The environment without unset variables, as the HCL loader takes it. */
const definedEnv = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))

/** Load a source list: either exactly one database URL, or SQL or HCL files/directories/stdin. */
export const loadSources = async (args: ReadonlyArray<string>, settings: LoadSettings): Promise<Loaded> => {
  if (args.length === 0) throw new UsageError('no source given')
  const urls = args.filter(isDatabaseUrl)
  if (urls.length > 0) {
    if (args.length > 1) throw new UsageError('a database URL cannot be combined with other sources')
    return { catalog: await loadUrl(urls[0]!), diagnostics: [], texts: new Map() }
  }
  const { language, sources } = await readSchemaSources(args)
  await ready()
  const { catalog, diagnostics } =
    language === 'hcl'
      ? loadHcl(sources, { pgVersion: settings.pgVersion, role: settings.role, vars: settings.vars ?? {}, env: definedEnv(settings.env ?? {}) })
      : loadSql(sources, { pgVersion: settings.pgVersion, role: settings.role })
  return { catalog, diagnostics, texts: new Map(sources.map((s) => [s.file, s.text])) }
}
