/**
 * Shared plumbing for the properties: run counts and seed from the environment, loading SQL with
 * its error diagnostics surfaced, and readable catalog dumps for counterexamples.
 *
 * Environment: FC_SEED (fixed seed), FC_RUNS (multiplier on every property's default run count,
 * e.g. 0.2 for a quick pass or 10 for a soak).
 */
import fc from 'fast-check'
import { CatalogCodec, type Catalog } from '../src/ir/catalog.js'
import { irEqual, stripSpans } from '../src/ir/equal.js'
import type { DbObject } from '../src/ir/objects.js'
import { isError, type Diagnostic } from '../src/ir/span.js'
import { loadSql } from '../src/parse/sql/index.js'
import { catalogsConverge, orderFree } from '../test/support/compare.js'

const envNumber = (name: string): number | undefined => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : undefined
}

/** fast-check parameters: `numRuns` scaled by FC_RUNS, seed from FC_SEED when set. */
export const params = <T>(numRuns: number): fc.Parameters<T> => {
  const scale = envNumber('FC_RUNS') ?? 1
  const seed = envNumber('FC_SEED')
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed === undefined ? {} : { seed }) }
}

/** A catalog as JSON text (spans stripped), for failure messages and FINDINGS.md. */
export const dump = (c: Catalog): string => JSON.stringify(stripSpans(CatalogCodec.encode(c)), null, 1)

export const errorsOf = (ds: ReadonlyArray<Diagnostic>): ReadonlyArray<Diagnostic> => ds.filter(isError)

/** Interpret SQL text as one file; throws (with the diagnostics and the text) when any error is reported. */
export const load = (text: string, c: Pick<Catalog, 'pgVersion'>): Catalog => {
  const r = loadSql([{ file: 'x.sql', text }], { pgVersion: c.pgVersion })
  const errors = errorsOf(r.diagnostics)
  if (errors.length) {
    throw new Error(`loadSql reported errors:\n${errors.map((d) => `  ${d.code}: ${d.message} @${d.span?.line}:${d.span?.column}`).join('\n')}\n--- SQL ---\n${text}`)
  }
  return r.catalog
}

/** The first object that differs between two catalogs (for readable failures). */
export const firstDifference = (x: Catalog, y: Catalog, eq: (a: unknown, b: unknown) => boolean): string => {
  const ids = [...new Set([...x.objects.keys(), ...y.objects.keys()])].sort()
  for (const id of ids) {
    const a = x.objects.get(id)
    const b = y.objects.get(id)
    if (!eq(a, b)) {
      return `${id}\n  expected: ${JSON.stringify(a === undefined ? a : stripSpans(a))}\n  actual:   ${JSON.stringify(b === undefined ? b : stripSpans(b))}`
    }
  }
  return x.pgVersion !== y.pgVersion ? `pgVersion ${x.pgVersion} vs ${y.pgVersion}` : '(no object differs)'
}

/**
 * Equality of two catalog objects with column (and composite attribute) order erased, as the
 * convergence harness compares them: PostgreSQL can only append a column, so a migrated table may
 * order its columns differently from one created in its final state. For `firstDifference`.
 */
export const sameUpToColumnOrder = (a: unknown, b: unknown): boolean =>
  a === undefined || b === undefined ? a === b : irEqual(orderFree(a as DbObject), orderFree(b as DbObject))

/** Two catalogs hold the same state, column order aside (same server version, same objects). */
export const converge = (a: Catalog, b: Catalog): boolean => a.pgVersion === b.pgVersion && catalogsConverge(a, b)

/** A deterministic permutation of `xs` driven by `seed` (mulberry32 + Fisher–Yates). */
export const shuffle = <T>(xs: ReadonlyArray<T>, seed: number): T[] => {
  let s = seed >>> 0
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

const withCause = (e: unknown): never => {
  if (e instanceof Error && e.cause instanceof Error) {
    e.message = `${e.message}\n\nCaused by: ${e.cause.message}`
  }
  throw e
}

/** fc.assert that reports the failing assertion's message along with the counterexample. */
export const check = <T extends [unknown, ...unknown[]]>(prop: fc.IProperty<T>, p: fc.Parameters<T>): void => {
  try {
    fc.assert(prop, p)
  } catch (e) {
    withCause(e)
  }
}

export const checkAsync = async <T extends [unknown, ...unknown[]]>(prop: fc.IAsyncProperty<T>, p: fc.Parameters<T>): Promise<void> => {
  try {
    await fc.assert(prop, p)
  } catch (e) {
    withCause(e)
  }
}
