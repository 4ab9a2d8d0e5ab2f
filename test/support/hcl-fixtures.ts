/**
 * HCL fixtures: `fixtures/hcl/<case>/` holds the desired state as one or more `.hcl` files (a
 * directory is one schema, files in lexical order) and `equivalent.sql`, SQL that creates the same
 * state on a fresh database. Optional markers: `versions` and `extensions` (as in fixtures/diff),
 * `vars` (`name=value` lines, the `--var`s) and `env` (`NAME=value` lines, the environment).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './fixtures.js'

export interface HclCase {
  readonly name: string
  readonly dir: string
  readonly sources: ReadonlyArray<{ readonly file: string; readonly text: string }>
  readonly sql: string
  readonly versions: string | undefined
  readonly extensions: ReadonlyArray<string>
  readonly vars: Readonly<Record<string, string>>
  readonly env: Readonly<Record<string, string>>
}

const optional = (dir: string, name: string): string | undefined => {
  const p = join(dir, name)
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined
}

/** `name=value` lines (blank and `#` lines skipped); the value is everything after the first `=`. */
export const assignments = (text: string | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const line of (text ?? '').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue
    const i = line.indexOf('=')
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1)
  }
  return out
}

export const hclCaseAt = (dir: string, name: string): HclCase | undefined => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.hcl')).sort()
  const sql = optional(dir, 'equivalent.sql')
  if (files.length === 0 || sql === undefined) return undefined
  return {
    name,
    dir,
    sources: files.map((f) => ({ file: `${name}/${f}`, text: readFileSync(join(dir, f), 'utf8') })),
    sql,
    versions: optional(dir, 'versions'),
    extensions: (optional(dir, 'extensions') ?? '').replace(/#.*$/gm, '').split(/\s+/).filter(Boolean),
    vars: assignments(optional(dir, 'vars')),
    env: assignments(optional(dir, 'env')),
  }
}

/** Every case under fixtures/hcl, in name order. */
export const hclCases = (): ReadonlyArray<HclCase> => {
  const root = join(repoRoot(), 'fixtures', 'hcl')
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((name) => hclCaseAt(join(root, name), name) ?? [])
}

/** The case of that name (throws when missing: a golden test names its fixture). */
export const hclCase = (name: string): HclCase => {
  const c = hclCaseAt(join(repoRoot(), 'fixtures', 'hcl', name), name)
  if (c === undefined) throw new Error(`fixtures/hcl/${name} is missing`)
  return c
}
