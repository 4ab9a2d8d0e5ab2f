/**
 * HCL against SQL through the real front ends: `loadHcl(hcl)` and `loadSql(sql)` must give the same
 * catalog. ACLs are set aside (HCL privileges are declarative: undeclared PUBLIC defaults are
 * revoked, which SQL does not do), so objects compare without `acl` and `columnAcls`.
 */
import { irEqual, stripSpans } from '../../../src/ir/equal.js'
import type { DbObject } from '../../../src/ir/objects.js'
import type { Diagnostic } from '../../../src/ir/span.js'
import { loadHcl } from '../../../src/parse/hcl/index.js'
import { loadSql } from '../../../src/parse/sql/index.js'

const withoutAcl = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(withoutAcl)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (k !== 'acl' && k !== 'columnAcls' && k !== 'span') out[k] = withoutAcl(x)
    return out
  }
  return v
}

const errors = (ds: ReadonlyArray<Diagnostic>): string[] => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.span?.line ?? '?'}:${d.span?.column ?? '?'} ${d.message}`)

/** Undefined when the two give the same catalog (ACLs aside), else what differs. */
export const hclVsSql = (hcl: string, sql: string, role?: string): string | undefined => {
  const options = role !== undefined ? { role } : {}
  const h = loadHcl([{ file: 'schema.hcl', text: hcl }], options)
  if (errors(h.diagnostics).length) return `HCL errors:\n${errors(h.diagnostics).join('\n')}`
  const s = loadSql([{ file: 'schema.sql', text: sql }], options)
  if (errors(s.diagnostics).length) return `errors in the expected SQL:\n${errors(s.diagnostics).join('\n')}`
  const out: string[] = []
  for (const id of new Set([...h.catalog.objects.keys(), ...s.catalog.objects.keys()])) {
    const a = h.catalog.objects.get(id)
    const b = s.catalog.objects.get(id)
    if (!irEqual(withoutAcl(a), withoutAcl(b))) out.push(`${id}\n  hcl: ${JSON.stringify(a && stripSpans(a as DbObject))}\n  sql: ${JSON.stringify(b && stripSpans(b as DbObject))}`)
  }
  return out.length ? out.join('\n') : undefined
}

/** The error diagnostics of loading `hcl`, as `CODE line:column message`. */
export const hclErrors = (hcl: string): string[] => errors(loadHcl([{ file: 'schema.hcl', text: hcl }]).diagnostics)
