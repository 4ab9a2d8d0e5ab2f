/**
 * A DO block's PL/pgSQL tree compiled to the few steps we understand offline: SQL statements
 * (static, or EXECUTE of a string known offline), `IF [NOT] EXISTS (SELECT … FROM pg_roles WHERE
 * rolname = '…')`, and nested blocks whose exception handlers only report (RAISE, NULL).
 * Anything else makes the whole block not understood (a reason is given).
 */
import type { Node } from '@pgsql/types'
import type { Span } from '../../ir/span.js'
import { parseExpression, parseSyncRaw, type Statement } from './parser.js'
import { SourceMap } from './source-map.js'
import type { State } from './state.js'
import { evalText } from './do-format.js'

export type Step =
  | { readonly kind: 'sql'; readonly stmts: ReadonlyArray<Statement> }
  /** run `then` when the role's existence equals `exists`, `otherwise` else */
  | { readonly kind: 'if'; readonly role: string; readonly exists: boolean; readonly then: ReadonlyArray<Step>; readonly otherwise: ReadonlyArray<Step> }
  /** a BEGIN … EXCEPTION block; `catchesDuplicate` when its handler swallows duplicate_object */
  | { readonly kind: 'block'; readonly body: ReadonlyArray<Step>; readonly catchesDuplicate: boolean }

export class NotUnderstood extends Error {}

/** Spans of statements run from a DO block all point at the DO statement. */
class PinnedSource extends SourceMap {
  constructor(
    text: string,
    private readonly pinned: Span,
  ) {
    super(text, pinned.file)
  }
  override span(): Span {
    return this.pinned
  }
}

type Json = Record<string, unknown>
const obj = (x: unknown): Json | undefined => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : undefined)
const arr = (x: unknown): ReadonlyArray<unknown> => (Array.isArray(x) ? x : [])
/** The single `{Tag: payload}` of a node. */
const tagged = (x: unknown): [string, Json] => {
  const o = obj(x) ?? {}
  const tag = Object.keys(o)[0] ?? ''
  return [tag, obj(o[tag]) ?? {}]
}
const exprQuery = (x: unknown): string => {
  const [, e] = tagged(x)
  return typeof e['query'] === 'string' ? e['query'] : ''
}

/** Parse SQL text (a statement of the body, or built by EXECUTE) into statements pinned to the DO span. */
const statements = (text: string, span: Span): ReadonlyArray<Statement> => {
  let raw
  try {
    raw = parseSyncRaw(text).stmts ?? []
  } catch (e) {
    throw new NotUnderstood(`its SQL does not parse (${e instanceof Error ? e.message : String(e)})`)
  }
  const source = new PinnedSource(text, span)
  return raw.flatMap((r) => {
    if (!r.stmt) return []
    const start = source.fromByte(r.stmt_location ?? 0)
    const end = r.stmt_len ? source.fromByte((r.stmt_location ?? 0) + r.stmt_len) : text.length
    return [{ node: r.stmt, offset: start, length: end - start, source }]
  })
}

const ROLE_VIEWS = new Set(['pg_roles', 'pg_user', 'pg_authid', 'pg_shadow'])
const NAME_COLUMNS = new Set(['rolname', 'usename'])

const columnName = (n: Node | undefined): string | undefined => {
  if (!n || !('ColumnRef' in n)) return undefined
  const last = (n.ColumnRef.fields ?? []).at(-1)
  return last && 'String' in last ? last.String.sval : undefined
}
const literal = (n: Node | undefined): string | undefined => (n && 'A_Const' in n ? n.A_Const.sval?.sval : undefined)

/** `[NOT] EXISTS (SELECT … FROM pg_roles WHERE rolname = 'x')` → the role and whether EXISTS is negated. */
const roleCondition = (query: string): { role: string; exists: boolean } | undefined => {
  let e: Node
  try {
    e = parseExpression(query)
  } catch {
    return undefined
  }
  let exists = true
  if ('BoolExpr' in e && e.BoolExpr.boolop === 'NOT_EXPR' && e.BoolExpr.args?.length === 1) {
    exists = false
    e = e.BoolExpr.args[0]!
  }
  if (!('SubLink' in e) || e.SubLink.subLinkType !== 'EXISTS_SUBLINK' || !e.SubLink.subselect) return undefined
  const sel = e.SubLink.subselect
  if (!('SelectStmt' in sel)) return undefined
  const from = sel.SelectStmt.fromClause ?? []
  const rv = from.length === 1 && 'RangeVar' in from[0]! ? from[0].RangeVar : undefined
  if (!rv || !ROLE_VIEWS.has(rv.relname ?? '') || (rv.schemaname !== undefined && rv.schemaname !== 'pg_catalog')) return undefined
  const w = sel.SelectStmt.whereClause
  if (!w || !('A_Expr' in w) || w.A_Expr.kind !== 'AEXPR_OP') return undefined
  const op = (w.A_Expr.name ?? []).map((x) => ('String' in x ? x.String.sval : '')).join('')
  if (op !== '=') return undefined
  const { lexpr, rexpr } = w.A_Expr
  const role = NAME_COLUMNS.has(columnName(lexpr) ?? '') ? literal(rexpr) : NAME_COLUMNS.has(columnName(rexpr) ?? '') ? literal(lexpr) : undefined
  return role === undefined ? undefined : { role, exists }
}

/** Handlers that only report (RAISE of a level below ERROR, NULL) for conditions that include duplicate_object. */
const exceptionHandler = (x: unknown): { catchesDuplicate: boolean } => {
  const block = tagged(x)[1]
  let catchesDuplicate = false
  for (const h of arr(block['exc_list'])) {
    const [, handler] = tagged(h)
    const names = arr(handler['conditions']).map((c) => String(tagged(c)[1]['condname'] ?? ''))
    for (const a of arr(handler['action'])) {
      const [tag, s] = tagged(a)
      // elog_level 21 is ERROR: a handler that re-raises is a real failure path
      if (tag !== 'PLpgSQL_stmt_raise' || Number(s['elog_level'] ?? 21) >= 21) throw new NotUnderstood('its exception handler does more than report')
    }
    if (names.includes('duplicate_object') || names.includes('others')) catchesDuplicate = true
  }
  return { catchesDuplicate }
}

const compileStmt = (st: State, span: Span, x: unknown): ReadonlyArray<Step> => {
  const [tag, s] = tagged(x)
  switch (tag) {
    case 'PLpgSQL_stmt_block': {
      if (s['label'] !== undefined && typeof s['label'] !== 'string') throw new NotUnderstood('of an unexpected block')
      const body = compileList(st, span, s['body'])
      if (s['exceptions'] === undefined) return body
      return [{ kind: 'block', body, ...exceptionHandler(s['exceptions']) }]
    }
    case 'PLpgSQL_stmt_if': {
      if (arr(s['elsif_list']).length) throw new NotUnderstood('of ELSIF')
      const cond = roleCondition(exprQuery(s['cond']))
      if (!cond) throw new NotUnderstood(`its IF condition is not a role-existence test`)
      return [{ kind: 'if', ...cond, then: compileList(st, span, s['then_body']), otherwise: compileList(st, span, s['else_body']) }]
    }
    case 'PLpgSQL_stmt_execsql':
      if (s['into']) throw new NotUnderstood('of SELECT … INTO')
      return [{ kind: 'sql', stmts: statements(exprQuery(s['sqlstmt']), span) }]
    case 'PLpgSQL_stmt_dynexecute': {
      if (s['into'] || arr(s['params']).length) throw new NotUnderstood('of EXECUTE … INTO/USING')
      const text = evalText(st, exprQuery(s['query']))
      if (text === undefined) throw new NotUnderstood('its EXECUTE builds SQL that is not known offline')
      return [{ kind: 'sql', stmts: statements(text, span) }]
    }
    case 'PLpgSQL_stmt_raise':
      if (Number(s['elog_level'] ?? 21) >= 21) throw new NotUnderstood('of RAISE EXCEPTION')
      return []
    case 'PLpgSQL_stmt_return':
      if (s['expr'] !== undefined) throw new NotUnderstood('of RETURN')
      return []
    default:
      throw new NotUnderstood(`of ${tag.replace(/^PLpgSQL_stmt_/, '').toUpperCase()}`)
  }
}

const compileList = (st: State, span: Span, xs: unknown): ReadonlyArray<Step> => arr(xs).flatMap((x) => compileStmt(st, span, x))

/** The steps of a parsed PL/pgSQL function (as parsePlpgsqlSync returns it); throws NotUnderstood. */
export const compilePlpgsql = (st: State, span: Span, parsed: unknown): ReadonlyArray<Step> => {
  const funcs = arr(obj(parsed)?.['plpgsql_funcs'])
  if (funcs.length !== 1) throw new NotUnderstood('its body does not parse')
  const fn = tagged(funcs[0])[1]
  return compileStmt(st, span, fn['action'])
}
