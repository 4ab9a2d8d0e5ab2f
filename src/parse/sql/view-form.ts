/**
 * A view's query as `pg_get_viewdef` prints it (with an empty search_path), emulated where cheap
 * and reliable: relations schema-qualified as they resolve when the view is created (CTE names
 * excepted), user functions qualified, `AS` on every target that is not a plain column, column
 * references qualified when several relations are in scope, and the server form of expressions
 * (normalize/server-form.ts) when the columns' types are known.
 */
import type { Node, SelectStmt } from '@pgsql/types'
import { ServerForm } from '../../normalize/server-form.js'
import { targetColname } from '../../normalize/names.js'
import { serverEnv } from './server-env.js'
import type { State } from './state.js'

interface Scope {
  readonly alias: string
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string | undefined }>
}

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deep copy with every unqualified non-CTE RangeVar and user function call qualified. */
const qualifyNames = (st: State, node: unknown, ctes: ReadonlySet<string>): unknown => {
  if (Array.isArray(node)) return node.map((x) => qualifyNames(st, x, ctes))
  if (!isObj(node)) return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = qualifyNames(st, v, ctes)
  const rv = out['RangeVar']
  if (isObj(rv) && rv['schemaname'] === undefined && typeof rv['relname'] === 'string' && !ctes.has(rv['relname'])) {
    const key = st.relationKeyOf({ relname: rv['relname'] })
    const r = key ? st.relations.get(key) : undefined
    if (r) out['RangeVar'] = { ...rv, schemaname: r.schema }
  }
  const fc = out['FuncCall']
  if (isObj(fc) && Array.isArray(fc['funcname']) && fc['funcname'].length === 1) {
    const f0 = fc['funcname'][0] as { String?: { sval?: string } }
    const name = f0.String?.sval
    if (name !== undefined) {
      const key = st.resolve(undefined, name, (k) => st.functionsByName.has(k))
      const fn = key ? st.functions.get([...(st.functionsByName.get(key) ?? [])][0] ?? '') : undefined
      if (fn) out['FuncCall'] = { ...fc, funcname: [{ String: { sval: fn.schema } }, f0] }
    }
  }
  return out
}

const cteNames = (node: unknown, out: Set<string>): Set<string> => {
  if (Array.isArray(node)) for (const x of node) cteNames(x, out)
  else if (isObj(node)) {
    const cte = node['CommonTableExpr']
    if (isObj(cte) && typeof cte['ctename'] === 'string') out.add(cte['ctename'])
    for (const v of Object.values(node)) cteNames(v, out)
  }
  return out
}

/** Relations of a FROM list with their columns, or undefined when any item is not a plain known relation or join. */
const scopes = (st: State, from: ReadonlyArray<Node>): Scope[] | undefined => {
  const out: Scope[] = []
  const add = (n: Node): boolean => {
    if ('RangeVar' in n) {
      const rv = n.RangeVar
      if (rv.alias?.colnames?.length) return false
      const key = st.relationKeyOf(rv)
      const r = key ? st.relations.get(key) : undefined
      if (!r) return false
      const columns =
        r.kind === 'Table'
          ? r.columns.map((c) => ({ name: c.name, type: c.type as string | undefined }))
          : r.kind === 'View' || r.kind === 'MaterializedView'
            ? r.columns.map((c) => ({ name: c, type: undefined }))
            : undefined
      if (!columns) return false
      out.push({ alias: rv.alias?.aliasname ?? rv.relname ?? '', columns })
      return true
    }
    if ('JoinExpr' in n) {
      const j = n.JoinExpr
      if (j.usingClause?.length || j.isNatural || j.alias) return false
      return !!j.larg && !!j.rarg && add(j.larg) && add(j.rarg)
    }
    return false
  }
  for (const f of from) if (!add(f)) return undefined
  return out
}

const hasKey = (node: unknown, key: string): boolean =>
  Array.isArray(node) ? node.some((x) => hasKey(x, key)) : isObj(node) ? key in node || Object.values(node).some((v) => hasKey(v, key)) : false

/** Qualify unqualified column references with the alias of the one relation that has them. */
const qualifyColumns = (node: unknown, sc: ReadonlyArray<Scope>): unknown => {
  if (Array.isArray(node)) return node.map((x) => qualifyColumns(x, sc))
  if (!isObj(node)) return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = qualifyColumns(v, sc)
  const cr = out['ColumnRef']
  if (isObj(cr) && Array.isArray(cr['fields']) && cr['fields'].length === 1) {
    const f = cr['fields'][0] as { String?: { sval?: string } }
    const name = f.String?.sval
    const owners = name === undefined ? [] : sc.filter((s) => s.columns.some((c) => c.name === name))
    if (owners.length === 1) out['ColumnRef'] = { ...cr, fields: [{ String: { sval: owners[0]!.alias } }, f] }
  }
  return out
}

/** One SELECT (not a set operation): columns qualified when needed, AS added, expressions in server form. */
const selectForm = (st: State, q: SelectStmt): SelectStmt => {
  if (q.op && q.op !== 'SETOP_NONE') {
    return { ...q, ...(q.larg ? { larg: selectForm(st, q.larg) } : {}), ...(q.rarg ? { rarg: selectForm(st, q.rarg) } : {}) }
  }
  if (q.valuesLists?.length) return q
  let out: SelectStmt = {
    ...q,
    targetList: (q.targetList ?? []).map((t) => {
      if (!('ResTarget' in t) || t.ResTarget.name !== undefined) return t
      const v = t.ResTarget.val
      if (!v || 'ColumnRef' in v) return t
      return { ResTarget: { ...t.ResTarget, name: targetColname(v) } }
    }),
  }
  const sc = scopes(st, q.fromClause ?? [])
  if (!sc || hasKey([q.targetList, q.whereClause, q.havingClause, q.groupClause, q.fromClause], 'SubLink')) return out
  if (sc.length > 1) {
    out = {
      ...out,
      targetList: qualifyColumns(out.targetList, sc) as Node[],
      ...(out.whereClause ? { whereClause: qualifyColumns(out.whereClause, sc) as Node } : {}),
      ...(out.havingClause ? { havingClause: qualifyColumns(out.havingClause, sc) as Node } : {}),
      ...(out.groupClause ? { groupClause: qualifyColumns(out.groupClause, sc) as Node[] } : {}),
      ...(out.fromClause ? { fromClause: qualifyColumns(out.fromClause, sc) as Node[] } : {}),
    }
  }
  const lookup = (fields: ReadonlyArray<string>): string | undefined => {
    const [a, b] = fields
    const s = fields.length === 1 ? sc.filter((x) => x.columns.some((c) => c.name === a)) : sc.filter((x) => x.alias === a)
    const col = s.length === 1 ? s[0]!.columns.find((c) => c.name === (fields.length === 1 ? a : b)) : undefined
    return col?.type
  }
  const form = new ServerForm(serverEnv(st, (n) => lookup([n]), lookup))
  const ex = (n: Node): Node => form.expr(n).node
  return {
    ...out,
    targetList: (out.targetList ?? []).map((t) =>
      'ResTarget' in t && t.ResTarget.val ? { ResTarget: { ...t.ResTarget, val: ex(t.ResTarget.val) } } : t,
    ),
    ...(out.whereClause ? { whereClause: ex(out.whereClause) } : {}),
    ...(out.havingClause ? { havingClause: ex(out.havingClause) } : {}),
  }
}

/** The query of a view as the server would print it back. */
export const viewQuery = (st: State, query: Node, aliases: ReadonlyArray<string> = []): Node => {
  const ctes = cteNames(query, new Set())
  const named = qualifyNames(st, query, ctes) as Node
  if (!('SelectStmt' in named) || named.SelectStmt.withClause) return named
  return { SelectStmt: renameTargets(selectForm(st, named.SelectStmt), aliases) }
}

/** Explicit view column names print as `AS` on the targets they rename. */
const renameTargets = (q: SelectStmt, aliases: ReadonlyArray<string>): SelectStmt => {
  if (!aliases.length || (q.op && q.op !== 'SETOP_NONE')) return q
  return {
    ...q,
    targetList: (q.targetList ?? []).map((t, i) => {
      const alias = aliases[i]
      if (alias === undefined || !('ResTarget' in t)) return t
      const v = t.ResTarget.val
      const natural = t.ResTarget.name ?? (v && 'ColumnRef' in v ? targetColname(v) : undefined)
      return natural === alias && t.ResTarget.name === undefined ? t : { ResTarget: { ...t.ResTarget, name: alias } }
    }),
  }
}
