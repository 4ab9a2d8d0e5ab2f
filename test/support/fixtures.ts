/**
 * Diff fixtures: `fixtures/diff/<case>/a.sql` and `b.sql`, with an optional `versions` file that
 * restricts the server versions the case runs on (see fixtures/README.md): whitespace-separated
 * conditions `>=N`, `<=N` or `N`, all of which must hold (`N` alone: that version only, or any
 * of several `N`s), and an optional `extensions` file naming the contrib extensions it creates.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface DiffCase {
  readonly name: string
  readonly dir: string
  readonly a: string
  readonly b: string
  readonly versions: string | undefined
  /** contrib extensions the case needs (file `extensions`: names separated by white space) */
  readonly extensions: ReadonlyArray<string>
}

/** The repository root, from dist/test/support/fixtures.js (or test/support/fixtures.ts). */
export const repoRoot = (): string => {
  let d = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(d, 'package.json'))) {
    const up = dirname(d)
    if (up === d) throw new Error('package.json not found above the test files')
    d = up
  }
  return d
}

export const diffCases = (): ReadonlyArray<DiffCase> => fixtureCases('diff')

/** The a/b cases under `fixtures/<area>` (`diff`, `access`), in name order. */
export const fixtureCases = (area: string): ReadonlyArray<DiffCase> => {
  const root = join(repoRoot(), 'fixtures', area)
  if (!existsSync(root)) return []
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const dir = join(root, name)
      const a = join(dir, 'a.sql')
      const b = join(dir, 'b.sql')
      if (!existsSync(a) || !existsSync(b)) return []
      const v = join(dir, 'versions')
      const x = join(dir, 'extensions')
      return [
        {
          name,
          dir,
          a: readFileSync(a, 'utf8'),
          b: readFileSync(b, 'utf8'),
          versions: existsSync(v) ? readFileSync(v, 'utf8') : undefined,
          extensions: existsSync(x) ? readFileSync(x, 'utf8').replace(/#.*$/gm, '').split(/\s+/).filter(Boolean) : [],
        },
      ]
    })
}

/** Does a `versions` spec admit this server major version? */
export const versionAdmits = (spec: string | undefined, major: number): boolean => {
  if (spec === undefined) return true
  const words = spec.replace(/#.*$/gm, '').split(/\s+/).filter(Boolean)
  const exact = words.filter((w) => /^\d+$/.test(w)).map(Number)
  if (exact.length > 0 && !exact.includes(major)) return false
  return words.every((w) => {
    const m = /^(>=|<=)(\d+)$/.exec(w)
    if (!m) {
      if (/^\d+$/.test(w)) return true
      throw new Error(`bad versions condition: ${w}`)
    }
    return m[1] === '>=' ? major >= Number(m[2]) : major <= Number(m[2])
  })
}
