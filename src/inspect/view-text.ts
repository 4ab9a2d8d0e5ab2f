/**
 * View and materialized view queries read from PostgreSQL 15 or older. Up to 15 a view's range
 * table kept the OLD and NEW pseudo-relations, so pg_get_viewdef qualified every column of a view
 * over a single relation (`SELECT users.id FROM public.users`); from 16 it does not
 * (`SELECT id FROM public.users`). The IR holds the 16+ form, so those qualifiers are removed at
 * the query's top level (subqueries are qualified by both versions alike).
 */
import type { Node } from '@pgsql/types'
import { canonicalQuery, statementText } from '../normalize/expr.js'
import { parseSyncRaw } from '../parse/sql/parser.js'

/** The parts of a SELECT whose column references the old versions qualified (not FROM, not CTEs). */
const CLAUSES = ['targetList', 'whereClause', 'groupClause', 'havingClause', 'sortClause', 'windowClause', 'distinctClause'] as const

/** A copy of `v` with `qualifier.col` column references made `col`, not descending into subqueries. */
const unqualify = (v: unknown, qualifier: string): unknown => {
  if (Array.isArray(v)) return v.map((x) => unqualify(x, qualifier))
  if (typeof v !== 'object' || v === null) return v
  const o = v as Record<string, unknown>
  if ('SubLink' in o || 'RangeSubselect' in o || 'SelectStmt' in o) return v
  if ('ColumnRef' in o) {
    const ref = o['ColumnRef'] as { fields?: ReadonlyArray<{ String?: { sval?: string } }> }
    const f = ref.fields ?? []
    if (f.length === 2 && f[0]?.String?.sval === qualifier && f[1]?.String !== undefined) return { ColumnRef: { ...ref, fields: [f[1]] } }
    return v
  }
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(o)) out[k] = unqualify(x, qualifier)
  return out
}

/** The canonical query of a view definition printed by a server of major version `major`. */
export const viewQuery = (def: string, major: number): string => {
  if (major > 15) return canonicalQuery(def)
  const stmt = parseSyncRaw(def.trim().replace(/;\s*$/, '')).stmts?.[0]?.stmt
  if (stmt === undefined || !('SelectStmt' in stmt)) return canonicalQuery(def)
  const sel = stmt.SelectStmt
  const from = sel.fromClause ?? []
  const only = from.length === 1 ? from[0] : undefined
  if (sel.op !== 'SETOP_NONE' || sel.withClause !== undefined || only === undefined || !('RangeVar' in only)) return canonicalQuery(def)
  const rv = only.RangeVar
  const qualifier = rv.alias?.aliasname ?? rv.relname ?? ''
  const next: Record<string, unknown> = { ...sel }
  for (const c of CLAUSES) if (next[c] !== undefined) next[c] = unqualify(next[c], qualifier)
  return statementText({ SelectStmt: next } as Node)
}
