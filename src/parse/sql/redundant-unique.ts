/**
 * CREATE TABLE drops an index constraint that repeats the primary key or an earlier one
 * (parse_utilcmd.c, transformIndexConstraints): same key columns in the same order, INCLUDE,
 * NULLS NOT DISTINCT and deferral. The primary key always wins, otherwise the first; when the kept
 * constraint is unnamed and the dropped one is named, the kept one takes that name.
 * `a int PRIMARY KEY UNIQUE` → one constraint, `t_pkey`; `UNIQUE (a), CONSTRAINT u UNIQUE (a)` → `u`.
 */
import type { Constraint as PgConstraint } from '@pgsql/types'
import { strings } from './util.js'

export interface PendingConstraint {
  readonly con: PgConstraint
  readonly column: string | undefined
}

const indexKey = (p: PendingConstraint): string | undefined => {
  const { con } = p
  if ((con.contype !== 'CONSTR_PRIMARY' && con.contype !== 'CONSTR_UNIQUE') || con.indexname) return undefined
  return JSON.stringify([
    p.column !== undefined ? [p.column] : strings(con.keys),
    strings(con.including),
    !!con.nulls_not_distinct,
    !!con.deferrable,
    !!con.initdeferred,
  ])
}

/** The pending constraints of one CREATE TABLE without the repeated PRIMARY KEY / UNIQUE ones, in their order. */
export const withoutRedundantUnique = (pending: ReadonlyArray<PendingConstraint>): PendingConstraint[] => {
  const out: Array<PendingConstraint | undefined> = [...pending]
  // kept index constraints by key: position in `out`
  const kept = new Map<string, number>()
  const pk = pending.findIndex((p) => p.con.contype === 'CONSTR_PRIMARY' && indexKey(p) !== undefined)
  if (pk >= 0) kept.set(indexKey(pending[pk]!)!, pk)
  pending.forEach((p, i) => {
    const key = indexKey(p)
    if (key === undefined || i === pk || p.con.contype === 'CONSTR_PRIMARY') return // a second PRIMARY KEY is an error later
    const prior = kept.get(key)
    if (prior === undefined) {
      kept.set(key, i)
      return
    }
    const q = out[prior]!
    if (q.con.conname === undefined && p.con.conname !== undefined) out[prior] = { ...q, con: { ...q.con, conname: p.con.conname } }
    out[i] = undefined
  })
  return out.filter((p): p is PendingConstraint => p !== undefined)
}
