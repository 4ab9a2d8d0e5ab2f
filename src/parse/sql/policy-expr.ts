/**
 * A policy expression in server normal form: as a check constraint's, over the table's columns,
 * with the queries of sub-selects (`EXISTS (SELECT … FROM other …)`) in the form the server prints
 * view queries (relations and functions qualified as they resolve now).
 */
import type { Node } from '@pgsql/types'
import type { Table } from '../../ir/objects.js'
import { storedExpr } from './server-env.js'
import type { State } from './state.js'
import { viewQuery } from './view-form.js'

/** The server prints no `AS "?column?"` for an unnamed target of a sub-select. */
const unnamed = (q: Node): Node => {
  if (!('SelectStmt' in q)) return q
  const targetList = q.SelectStmt.targetList?.map((t) => {
    if (!('ResTarget' in t) || t.ResTarget.name !== '?column?') return t
    const { name: _n, ...rest } = t.ResTarget
    return { ResTarget: rest }
  })
  return { SelectStmt: { ...q.SelectStmt, ...(targetList ? { targetList } : {}) } }
}

const qualifySubqueries = (st: State, v: unknown): unknown => {
  if (Array.isArray(v)) return v.map((x) => qualifySubqueries(st, x))
  if (typeof v !== 'object' || v === null) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    if (k === 'SubLink' && typeof x === 'object' && x !== null && 'subselect' in x) {
      const sl = x as { subselect?: Node; testexpr?: Node }
      out[k] = {
        ...x,
        ...(sl.subselect ? { subselect: unnamed(viewQuery(st, sl.subselect)) } : {}),
        ...(sl.testexpr ? { testexpr: qualifySubqueries(st, sl.testexpr) } : {}),
      }
    } else out[k] = qualifySubqueries(st, x)
  }
  return out
}

export const policyExpr = (st: State, t: Table, n: Node): string => storedExpr(st, t.columns, qualifySubqueries(st, n) as Node)
