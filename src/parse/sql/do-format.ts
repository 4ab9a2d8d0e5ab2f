/**
 * Offline evaluation of the string expressions DO blocks EXECUTE: literals, `||`, format() with
 * %s/%I/%L, quote_ident/quote_literal, current_database() and current_user. Anything else (a
 * variable, a query) is not known offline: undefined.
 */
import type { Node } from '@pgsql/types'
import { quoteIdent, quoteLiteral } from '../../ir/names.js'
import { parseExpression } from './parser.js'
import type { State } from './state.js'

/** Stands for the name of the target database: any database name means the target database. */
export const CURRENT_DATABASE = 'current_database'

/** A value: text, SQL NULL (null), or not known offline (undefined). */
type Value = string | null | undefined

const TEXT_TYPES = new Set(['text', 'varchar', 'name', 'bpchar'])

const lastName = (nodes: ReadonlyArray<Node> | undefined): { schema: string | undefined; name: string } => {
  const parts = (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []))
  return { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name: parts[parts.length - 1] ?? '' }
}

const SPEC = /%(?:(\d+)\$)?(-)?(\d*)([sIL%])/g

/** PostgreSQL's format(): positional arguments, `-` flag and a numeric width; undefined when not evaluable. */
export const formatText = (fmt: string, args: ReadonlyArray<string | null>): string | undefined => {
  let next = 0
  let failed = false
  const out = fmt.replace(SPEC, (_m, pos: string | undefined, minus: string | undefined, width: string, type: string) => {
    if (type === '%') return '%'
    const i = pos !== undefined ? Number(pos) - 1 : next
    next = i + 1
    if (i < 0 || i >= args.length) {
      failed = true
      return ''
    }
    const v = args[i] ?? null
    let s: string
    if (type === 'I') {
      if (v === null) {
        failed = true
        return ''
      }
      s = quoteIdent(v)
    } else if (type === 'L') s = v === null ? 'NULL' : quoteLiteral(v)
    else s = v ?? ''
    const w = width ? Number(width) : 0
    return minus ? s.padEnd(w) : s.padStart(w)
  })
  // a lone % that is not a conversion is an error on the server
  if (failed || fmt.replace(SPEC, '').includes('%')) return undefined
  return out
}

const evalNode = (st: State, n: Node): Value => {
  if ('A_Const' in n) {
    const c = n.A_Const
    if (c.isnull) return null
    if (c.sval) return c.sval.sval ?? ''
    if (c.ival) return String(c.ival.ival ?? 0)
    if (c.fval) return c.fval.fval ?? ''
    return undefined
  }
  if ('TypeCast' in n) {
    const t = lastName(n.TypeCast.typeName?.names).name
    return TEXT_TYPES.has(t) && n.TypeCast.arg ? evalNode(st, n.TypeCast.arg) : undefined
  }
  if ('SQLValueFunction' in n) {
    const op = n.SQLValueFunction.op
    if (op === 'SVFOP_CURRENT_USER' || op === 'SVFOP_CURRENT_ROLE' || op === 'SVFOP_USER') return st.role
    if (op === 'SVFOP_SESSION_USER') return st.sessionRole
    return undefined
  }
  if ('A_Expr' in n) {
    const e = n.A_Expr
    if (e.kind !== 'AEXPR_OP' || lastName(e.name).name !== '||' || !e.lexpr || !e.rexpr) return undefined
    const l = evalNode(st, e.lexpr)
    const r = evalNode(st, e.rexpr)
    if (l === undefined || r === undefined) return undefined
    return l === null || r === null ? null : l + r
  }
  if ('FuncCall' in n) {
    const f = n.FuncCall
    const { schema, name } = lastName(f.funcname)
    if ((schema !== undefined && schema !== 'pg_catalog') || f.agg_star || f.over) return undefined
    const args = (f.args ?? []).map((a) => evalNode(st, a))
    if (args.some((a) => a === undefined)) return undefined
    const vs = args as ReadonlyArray<string | null>
    switch (name) {
      case 'current_database':
        return vs.length === 0 ? CURRENT_DATABASE : undefined
      case 'format':
        if (!vs.length) return undefined
        return vs[0] === null ? null : formatText(vs[0]!, vs.slice(1))
      case 'quote_ident':
        return vs.length === 1 && vs[0] !== null ? quoteIdent(vs[0]!) : undefined
      case 'quote_literal':
        return vs.length === 1 ? (vs[0] === null ? null : quoteLiteral(vs[0]!)) : undefined
      case 'quote_nullable':
        return vs.length === 1 ? (vs[0] === null ? 'NULL' : quoteLiteral(vs[0]!)) : undefined
      case 'concat':
        return vs.map((v) => v ?? '').join('')
      default:
        return undefined
    }
  }
  return undefined
}

/** The text of a PL/pgSQL expression when it is known offline; undefined otherwise. */
export const evalText = (st: State, expr: string): string | undefined => {
  let node: Node
  try {
    node = parseExpression(expr)
  } catch {
    return undefined
  }
  const v = evalNode(st, node)
  return v === null ? undefined : v
}
