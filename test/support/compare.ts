/**
 * Comparing two inspected catalogs for convergence: spans never count, and a table's columns are
 * a set keyed by name (PostgreSQL cannot reorder columns; a migration appends), so are a
 * composite type's attributes. On mismatch, `catalogDiff` says which objects and fields differ.
 */
import type { Catalog } from '../../src/ir/catalog.js'
import { irEqual, stripSpans } from '../../src/ir/equal.js'
import type { DbObject } from '../../src/ir/objects.js'

const byName = <T extends { readonly name: string }>(xs: ReadonlyArray<T>): T[] =>
  [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

/** The object with column order erased. */
export const orderFree = (o: DbObject): DbObject => {
  switch (o.kind) {
    case 'Table':
      return { ...o, columns: byName(o.columns) }
    case 'CompositeType':
      return { ...o, attributes: byName(o.attributes) }
    default:
      return o
  }
}

const normal = (c: Catalog): ReadonlyMap<string, DbObject> =>
  new Map([...c.objects].map(([k, o]) => [k, stripSpans(orderFree(o))] as const))

export const catalogsConverge = (a: Catalog, b: Catalog): boolean => irEqual(normal(a), normal(b))

const show = (v: unknown): string => JSON.stringify(v)

/** Field-level differences between two values, as `path: a ≠ b` lines. */
const fieldDiff = (path: string, a: unknown, b: unknown, out: string[]): void => {
  if (irEqual(a, b)) return
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) fieldDiff(`${path}.${k}`, a[k], b[k], out)
    return
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => fieldDiff(`${path}[${i}]`, x, b[i], out))
    return
  }
  out.push(`  ${path}: ${show(a)}  ≠  ${show(b)}`)
}

/** A readable structural diff: objects only on one side, and differing fields of the others. */
export const catalogDiff = (a: Catalog, b: Catalog, labels: readonly [string, string] = ['got', 'want']): string => {
  const na = normal(a)
  const nb = normal(b)
  const out: string[] = []
  for (const k of new Set([...na.keys(), ...nb.keys()])) {
    const x = na.get(k)
    const y = nb.get(k)
    if (x === undefined) out.push(`only in ${labels[1]}: ${k}`)
    else if (y === undefined) out.push(`only in ${labels[0]}: ${k}`)
    else if (!irEqual(x, y)) {
      out.push(`differs: ${k} (${labels[0]} ≠ ${labels[1]})`)
      fieldDiff(x.kind, x, y, out)
    }
  }
  return out.join('\n')
}
