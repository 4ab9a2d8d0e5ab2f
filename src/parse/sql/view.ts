/** CREATE [OR REPLACE] VIEW, CREATE MATERIALIZED VIEW, CREATE TABLE … AS (warning). */
import type { CreateTableAsStmt, Node, SelectStmt, ViewStmt } from '@pgsql/types'
import { relationKey } from '../../ir/names.js'
import type { MaterializedView, View } from '../../ir/objects.js'
import { statementText } from '../../normalize/expr.js'
import { targetColname } from '../../normalize/names.js'
import { viewQuery } from './view-form.js'
import { argText, at, defElems, strings, type Ctx } from './util.js'
import { creationAcl } from './acl-create.js'

/** Every RangeVar in a query (relation references) and every CTE name. */
const collect = (node: unknown, rangeVars: Array<{ schemaname?: string; relname?: string; location?: number }>, ctes: Set<string>): void => {
  if (Array.isArray(node)) {
    for (const x of node) collect(x, rangeVars, ctes)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const o = node as Record<string, unknown>
  if (o['RangeVar']) rangeVars.push(o['RangeVar'] as { relname?: string })
  if (o['CommonTableExpr']) {
    const n = (o['CommonTableExpr'] as { ctename?: string }).ctename
    if (n) ctes.add(n)
  }
  for (const v of Object.values(o)) if (typeof v === 'object') collect(v, rangeVars, ctes)
}

/** Columns of the relation a FROM item names, when it is known. */
const fromColumns = (c: Ctx, item: Node, ctes: Set<string>): Array<{ alias: string; columns: string[] }> | undefined => {
  if ('RangeVar' in item) {
    const rv = item.RangeVar
    if (!rv.schemaname && ctes.has(rv.relname ?? '')) return undefined
    const key = c.st.relationKeyOf(rv)
    const r = key ? c.st.relations.get(key) : undefined
    if (!r) return undefined
    const cols = r.kind === 'Table' ? r.columns.map((x) => x.name) : r.kind === 'View' || r.kind === 'MaterializedView' ? [...r.columns] : undefined
    if (!cols) return undefined
    const aliasCols = strings(rv.alias?.colnames)
    return [{ alias: rv.alias?.aliasname ?? rv.relname ?? '', columns: cols.map((x, i) => aliasCols[i] ?? x) }]
  }
  if ('JoinExpr' in item) {
    const l = item.JoinExpr.larg ? fromColumns(c, item.JoinExpr.larg, ctes) : undefined
    const r = item.JoinExpr.rarg ? fromColumns(c, item.JoinExpr.rarg, ctes) : undefined
    if (!l || !r || item.JoinExpr.usingClause?.length || item.JoinExpr.isNatural) return undefined
    return [...l, ...r]
  }
  return undefined
}

/** Output column names of a SELECT, or undefined when they cannot be known offline. */
export const outputColumns = (c: Ctx, q: SelectStmt, ctes: Set<string>): string[] | undefined => {
  if (q.op && q.op !== 'SETOP_NONE') return q.larg ? outputColumns(c, q.larg, ctes) : undefined
  if (q.valuesLists?.length) {
    const first = q.valuesLists[0]
    const n = first && 'List' in first ? (first.List.items ?? []).length : 0
    return Array.from({ length: n }, (_, i) => `column${i + 1}`)
  }
  const out: string[] = []
  let from: Array<{ alias: string; columns: string[] }> | undefined
  const fromAll = () => {
    if (from) return from
    const items: Array<{ alias: string; columns: string[] }> = []
    for (const f of q.fromClause ?? []) {
      const cols = fromColumns(c, f, ctes)
      if (!cols) return undefined
      items.push(...cols)
    }
    return (from = items)
  }
  for (const t of q.targetList ?? []) {
    if (!('ResTarget' in t)) continue
    const rt = t.ResTarget
    const val = rt.val
    if (!rt.name && val && 'ColumnRef' in val && val.ColumnRef.fields?.some((f) => 'A_Star' in f)) {
      const qual = strings(val.ColumnRef.fields)
      const all = fromAll()
      if (!all) return undefined
      const picked = qual.length ? all.filter((x) => x.alias === qual[qual.length - 1]) : all
      if (qual.length && !picked.length) return undefined
      for (const p of picked) out.push(...p.columns)
      continue
    }
    out.push(rt.name ?? targetColname(val))
  }
  return out
}

const analyse = (c: Ctx, query: Node): { deps: string[]; columns: string[] | undefined; ok: boolean } => {
  const rvs: Array<{ schemaname?: string; relname?: string; location?: number }> = []
  const ctes = new Set<string>()
  collect(query, rvs, ctes)
  const deps = new Set<string>()
  let ok = true
  for (const rv of rvs) {
    if (!rv.schemaname && ctes.has(rv.relname ?? '')) continue
    const key = c.st.relationKeyOf(rv)
    if (key === undefined) {
      c.st.error('E-UNDEFINED-TABLE', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${rv.relname ?? ''}" does not exist`, at(c, rv.location))
      ok = false
    } else deps.add(key)
  }
  const columns = 'SelectStmt' in query ? outputColumns(c, query.SelectStmt, ctes) : undefined
  return { deps: [...deps], columns, ok }
}

export const createView = (c: Ctx, n: ViewStmt): void => {
  const rv = n.view
  if (!rv || !n.query) return
  if (rv.relpersistence === 't') return c.st.warn('W-UNSUPPORTED', 'temporary views are skipped', c.span)
  const schema = c.st.creationSchema(rv.schemaname, at(c, rv.location))
  if (schema === undefined) return
  const name = rv.relname ?? ''
  const key = relationKey(schema, name)
  const existing = c.st.relations.get(key)
  if (c.st.relationNameTaken(schema, name) && !(n.replace && existing?.kind === 'View')) {
    c.st.error('E-DUPLICATE-OBJECT', `relation "${name}" already exists`, at(c, rv.location))
    return
  }
  const { deps, columns, ok } = analyse(c, n.query)
  if (!ok) return
  const aliases = strings(n.aliases)
  let names = columns
  if (!names) {
    if (!aliases.length)
      c.st.warn('W-VIEW-COLUMNS', `output columns of view "${name}" cannot be determined offline`, c.span)
    names = []
  }
  const outCols = names.map((x, i) => aliases[i] ?? x)
  for (let i = outCols.length; i < aliases.length; i++) outCols.push(aliases[i]!)
  let checkOption: View['checkOption']
  let securityBarrier: boolean | undefined
  let securityInvoker: boolean | undefined
  for (const d of defElems(n.options)) {
    const v = argText(d.arg) ?? 'true'
    if (d.defname === 'check_option') checkOption = v === 'local' ? 'local' : 'cascaded'
    else if (d.defname === 'security_barrier') securityBarrier = v === 'true' || v === 'on'
    else if (d.defname === 'security_invoker') securityInvoker = v === 'true' || v === 'on'
  }
  if (n.withCheckOption === 'LOCAL_CHECK_OPTION') checkOption = 'local'
  else if (n.withCheckOption === 'CASCADED_CHECK_OPTION') checkOption = 'cascaded'
  const prev = existing?.kind === 'View' ? existing : undefined
  const view: View = {
    kind: 'View',
    schema,
    name,
    owner: prev?.owner ?? c.st.role,
    query: statementText(viewQuery(c.st, n.query, aliases)),
    columns: outCols,
    ...(checkOption ? { checkOption } : {}),
    ...(securityBarrier !== undefined ? { securityBarrier } : {}),
    ...(securityInvoker !== undefined ? { securityInvoker } : {}),
    ...(prev?.comment !== undefined ? { comment: prev.comment } : {}),
    ...(prev?.columnComments ? { columnComments: prev.columnComments } : {}),
    ...(prev?.columnAcls ? { columnAcls: prev.columnAcls } : {}),
    ...(prev ? (prev.acl ? { acl: prev.acl } : {}) : creationAcl(c.st, 'table', c.st.role, schema)),
    span: c.span,
  }
  c.st.setView(key, view, deps)
}

export const createTableAs = (c: Ctx, n: CreateTableAsStmt): void => {
  if (n.objtype !== 'OBJECT_MATVIEW') return c.st.warn('W-UNSUPPORTED', 'CREATE TABLE … AS is not supported; statement skipped', c.span)
  const into = n.into
  const rv = into?.rel
  if (!into || !rv || !n.query) return
  const schema = c.st.creationSchema(rv.schemaname, at(c, rv.location))
  if (schema === undefined) return
  const name = rv.relname ?? ''
  if (c.st.relationNameTaken(schema, name)) {
    if (!n.if_not_exists) c.st.error('E-DUPLICATE-OBJECT', `relation "${name}" already exists`, at(c, rv.location))
    return
  }
  const { deps, columns, ok } = analyse(c, n.query)
  if (!ok) return
  const aliases = strings(into.colNames)
  if (!columns && !aliases.length)
    c.st.warn('W-VIEW-COLUMNS', `output columns of materialized view "${name}" cannot be determined offline`, c.span)
  const outCols = (columns ?? []).map((x, i) => aliases[i] ?? x)
  for (let i = outCols.length; i < aliases.length; i++) outCols.push(aliases[i]!)
  const mv: MaterializedView = {
    kind: 'MaterializedView',
    schema,
    name,
    owner: c.st.role,
    query: statementText(viewQuery(c.st, n.query)),
    columns: outCols,
    withData: !into.skipData,
    ...creationAcl(c.st, 'table', c.st.role, schema),
    span: c.span,
  }
  c.st.setView(relationKey(schema, name), mv, deps)
}
