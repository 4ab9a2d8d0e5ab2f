/**
 * The server's normal form of a stored expression, emulated offline. PostgreSQL stores analysed
 * expressions, and `pg_get_expr` (with an empty search_path) prints them with the casts parse
 * analysis added: literals coerced to the type they meet (`'todo'::text`, `'x'::public.mood`,
 * `(0)::numeric`), `IN (…)` as `= ANY (ARRAY[…])`, `BETWEEN` expanded, `LIKE` as `~~`, user
 * functions and types schema-qualified, regclass literals qualified, and implicit casts of
 * operator and function arguments shown (`(vc)::text`, `(p)::integer`).
 *
 * Correctness first: every rewrite here is one the server is known to make (see
 * test/normalize/server-form.test.ts, checked against PostgreSQL). Where a type cannot be known
 * offline the subexpression is left as the user wrote it.
 */
import type { A_Const, A_Expr, FuncCall, Node, TypeName } from '@pgsql/types'
import { qualified } from '../ir/names.js'
import { parseExpression } from '../parse/sql/parser.js'
import { canonicalExpr, exprText } from './expr.js'
import { canonicalType, type TypeResolver } from './types.js'
import { BUILTIN_FUNCTIONS, NUMERIC_RANK, isStringType, operatorClass } from './server-types.js'

/** A user type as the expression analyser needs it. */
export type UserTypeInfo = { readonly kind: 'enum' } | { readonly kind: 'domain'; readonly base: string } | { readonly kind: 'other' }

/** A user function: its schema and the canonical types of its input arguments. */
export interface UserFunctionInfo {
  readonly schema: string
  readonly args: ReadonlyArray<string>
  readonly returns: string | undefined
}

/** What the analyser may ask about the catalog at the moment the expression is stored. */
export interface ServerEnv {
  /** canonical type of a column of the relation (or of VALUE in a domain check) */
  readonly column: (name: string) => string | undefined
  /** canonical type of a qualified column reference (`alias.column`), when several relations are in scope */
  readonly qualifiedColumn?: (fields: ReadonlyArray<string>) => string | undefined
  readonly types: TypeResolver
  /** a user type by its canonical (qualified) text */
  readonly userType: (qualifiedText: string) => UserTypeInfo | undefined
  /** the unique user function of that name and number of input arguments, if any */
  readonly userFunction: (schema: string | undefined, name: string, nargs: number) => UserFunctionInfo | undefined
  /** a relation (for regclass literals), resolved through the search path */
  readonly relation: (schema: string | undefined, name: string) => { readonly schema: string; readonly name: string } | undefined
}

/** An analysed subexpression: its (rewritten) node and its type, when known. */
interface Typed {
  readonly node: Node
  /** canonical type without typmod; 'unknown' for an untyped string literal; undefined when not known */
  readonly type: string | undefined
  /** a domain-typed value: `type` is the base type, and use as an argument shows the relabel cast */
  readonly domain?: true
}

const typeNodes = new Map<string, TypeName>()
/** The TypeName node the parser gives for a canonical type text. */
export const typeNameOf = (text: string): TypeName => {
  let tn = typeNodes.get(text)
  if (!tn) {
    const n = parseExpression(`NULL::${text}`)
    if (!('TypeCast' in n) || !n.TypeCast.typeName) throw new Error(`not a type: ${text}`)
    tn = n.TypeCast.typeName
    typeNodes.set(text, tn)
  }
  return tn
}
const cast = (node: Node, type: string): Node => ({ TypeCast: { arg: node, typeName: typeNameOf(type) } })
const str = (s: string): Node => ({ A_Const: { sval: { sval: s } } })

/** A type text without typmod: `numeric(10,2)` → `numeric`, `character varying(3)[]` → `character varying[]`. */
export const withoutTypmod = (t: string): string => t.replace(/\(\d+(,\s*\d+)?\)/g, '')

const INT32 = 2n ** 31n
const INT64 = 2n ** 63n

/** The type the server gives a numeric literal, and how it prints it. */
const numberConst = (text: string): Typed | undefined => {
  if (/^-?\d+$/.test(text)) {
    const v = BigInt(text)
    const out = v.toString()
    if (v >= -INT32 && v < INT32) return { node: v < 0n ? cast(str(out), 'integer') : { A_Const: { ival: { ival: Number(v) } } }, type: 'integer' }
    if (v >= -INT64 && v < INT64) return { node: cast(str(out), 'bigint'), type: 'bigint' }
    return { node: cast(str(out), 'numeric'), type: 'numeric' }
  }
  if (/^-?\d+\.\d+$/.test(text)) {
    return { node: text.startsWith('-') ? cast(str(text), 'numeric') : { A_Const: { fval: { fval: text } } }, type: 'numeric' }
  }
  return undefined
}

const constTyped = (c: A_Const, node: Node): Typed => {
  if (c.isnull) return { node, type: undefined }
  if (c.sval) return { node, type: 'unknown' }
  if (c.boolval) return { node, type: 'boolean' }
  if (c.ival) return numberConst(String(c.ival.ival ?? 0)) ?? { node, type: undefined }
  if (c.fval) return numberConst(c.fval.fval ?? '') ?? { node, type: undefined }
  return { node, type: undefined }
}

/** Built-ins that also have a `character` (bpchar) overload: no cast to text. */
const BPCHAR_OVERLOADED: ReadonlySet<string> = new Set(['length', 'char_length', 'character_length', 'octet_length'])

const TRUE_TEXT = new Set(['t', 'true', 'y', 'yes', 'on', '1'])
const FALSE_TEXT = new Set(['f', 'false', 'n', 'no', 'off', '0'])

export class ServerForm {
  constructor(private readonly env: ServerEnv) {}

  /** Kind of a type: a user enum, a domain (with its base), or a built-in. */
  private info(type: string): UserTypeInfo | undefined {
    return this.env.userType(type)
  }

  /**
   * A string literal coerced to `target` (canonical, typmod kept): the constant the server
   * would store, or undefined when its printed form cannot be predicted.
   */
  private literalAs(s: string, target: string): Node | undefined {
    const base = withoutTypmod(target)
    if (base === 'text' || base === 'json') return cast(str(s), base)
    if (base === 'character varying' || base === 'character') return cast(str(s), base === 'character' ? 'bpchar' : base)
    if (base === 'integer' || base === 'bigint' || base === 'smallint') {
      if (!/^\s*[-+]?\d+\s*$/.test(s)) return undefined
      const v = BigInt(s.trim())
      if (base === 'integer') return v < 0n ? cast(str(v.toString()), 'integer') : { A_Const: { ival: { ival: Number(v) } } }
      return cast(str(v.toString()), base)
    }
    if (base === 'boolean') {
      const l = s.trim().toLowerCase()
      if (TRUE_TEXT.has(l)) return { A_Const: { boolval: { boolval: true } } }
      if (FALSE_TEXT.has(l)) return { A_Const: { boolval: {} } }
      return undefined
    }
    if (base === 'regclass') {
      const r = this.regclassName(s)
      return r === undefined ? undefined : cast(str(r), 'regclass')
    }
    if (base.endsWith('[]') && s === '{}' && !this.info(base.slice(0, -2))) return cast(str(s), base)
    if (base === 'jsonb' && (s === '{}' || s === '[]')) return cast(str(s), base)
    if (base === 'regconfig' && /^[a-z_]+$/.test(s)) return cast(str(s), base)
    if (this.info(base)?.kind === 'enum') return cast(str(s), base)
    return undefined
  }

  /** `'seq'` as a regclass constant prints: the relation qualified (it is never visible with an empty search_path). */
  private regclassName(s: string): string | undefined {
    let parts: ReadonlyArray<string>
    try {
      parts = splitQualified(s)
    } catch {
      return undefined
    }
    if (parts.length === 0 || parts.length > 2) return undefined
    const r = this.env.relation(parts.length === 2 ? parts[0] : undefined, parts[parts.length - 1] ?? '')
    return r ? qualified(r.schema, r.name) : undefined
  }

  /** Coerce an analysed value to `target` as an argument (implicit casts shown) or at the top (hidden). */
  private coerce(t: Typed, target: string, top: boolean): Typed {
    const base = withoutTypmod(target)
    if (t.type === 'unknown' && 'A_Const' in t.node && t.node.A_Const.sval) {
      const lit = this.literalAs(t.node.A_Const.sval.sval ?? '', target)
      return lit ? { node: lit, type: base } : { node: t.node, type: undefined }
    }
    if (t.type === undefined) return t
    if (t.type === base && !t.domain) return t
    if (top) return { node: t.node, type: base }
    if (t.domain && t.type !== base && !(isStringType(t.type) && base === 'text')) return { node: t.node, type: undefined }
    return { node: cast(t.node, base), type: base }
  }

  /** Analyse an expression. */
  expr(n: Node): Typed {
    if ('A_Const' in n) return constTyped(n.A_Const, n)
    if ('ColumnRef' in n) {
      const f = n.ColumnRef.fields ?? []
      const names = f.flatMap((x) => ('String' in x ? [x.String.sval ?? ''] : []))
      const type =
        names.length !== f.length ? undefined : names.length === 1 ? this.env.column(names[0]!) : names.length === 2 ? this.env.qualifiedColumn?.(names) : undefined
      if (type === undefined) return { node: n, type: undefined }
      const base = withoutTypmod(type)
      const d = this.info(base)
      if (d?.kind === 'domain') return { node: n, type: withoutTypmod(d.base), domain: true }
      return { node: n, type: base }
    }
    if ('TypeCast' in n) return this.typeCast(n)
    if ('BoolExpr' in n) {
      const args = (n.BoolExpr.args ?? []).map((a) => this.coerce(this.expr(a), 'boolean', false).node)
      return { node: { BoolExpr: { ...n.BoolExpr, args } }, type: 'boolean' }
    }
    if ('NullTest' in n) {
      const arg = n.NullTest.arg ? this.expr(n.NullTest.arg).node : undefined
      return { node: { NullTest: { ...n.NullTest, ...(arg ? { arg } : {}) } }, type: 'boolean' }
    }
    if ('BooleanTest' in n) {
      const arg = n.BooleanTest.arg ? this.expr(n.BooleanTest.arg).node : undefined
      return { node: { BooleanTest: { ...n.BooleanTest, ...(arg ? { arg } : {}) } }, type: 'boolean' }
    }
    if ('A_Expr' in n) return this.aExpr(n.A_Expr, n)
    if ('FuncCall' in n) return this.funcCall(n.FuncCall, n)
    if ('SQLValueFunction' in n) {
      const SVF: Readonly<Record<string, string>> = {
        SVFOP_CURRENT_DATE: 'date',
        SVFOP_CURRENT_TIMESTAMP: 'timestamp with time zone',
        SVFOP_LOCALTIMESTAMP: 'timestamp without time zone',
        SVFOP_CURRENT_USER: 'name',
        SVFOP_SESSION_USER: 'name',
        SVFOP_CURRENT_ROLE: 'name',
        SVFOP_USER: 'name',
      }
      return { node: n, type: SVF[n.SQLValueFunction.op ?? ''] }
    }
    if ('CoalesceExpr' in n) {
      const args = (n.CoalesceExpr.args ?? []).map((a) => this.expr(a))
      const known = [...new Set(args.filter((a) => a.type !== 'unknown').map((a) => a.type))]
      const common = known.length === 1 && known[0] !== undefined && !args.some((a) => a.domain) ? known[0] : undefined
      if (!common) return { node: { CoalesceExpr: { ...n.CoalesceExpr, args: args.map((a) => a.node) } }, type: undefined }
      const out = args.map((a) => this.coerce(a, common, true))
      return { node: { CoalesceExpr: { ...n.CoalesceExpr, args: out.map((a) => a.node) } }, type: out.some((a) => a.type === undefined) ? undefined : common }
    }
    return { node: n, type: undefined }
  }

  private typeCast(n: Extract<Node, { TypeCast: unknown }>): Typed {
    const tc = n.TypeCast
    if (!tc.typeName || !tc.arg) return { node: n, type: undefined }
    const ct = canonicalType(tc.typeName, this.env.types)
    if (ct.unknown) return { node: n, type: undefined }
    const target = ct.text
    const base = withoutTypmod(target)
    const arg = this.expr(tc.arg)
    if (arg.type === 'unknown' && 'A_Const' in arg.node && target === base) {
      const lit = this.literalAs(arg.node.A_Const.sval?.sval ?? '', target)
      if (lit) return { node: lit, type: base }
    }
    return { node: cast(arg.node, target), type: base }
  }

  private binary(name: string, l: Typed, r: Typed, rebuild: (l: Node, r: Node) => Node): Typed {
    const cls = operatorClass(name)
    const keep = (): Typed => ({ node: rebuild(l.node, r.node), type: undefined })
    if (!cls) return keep()
    const lt = l.type
    const rt = r.type
    if (lt === undefined || rt === undefined || (lt === 'unknown' && rt === 'unknown')) return keep()
    const both = (t: string, result: string | undefined): Typed => {
      const a = this.coerce(l, t, false)
      const b = this.coerce(r, t, false)
      if (a.type === undefined || b.type === undefined) return keep()
      return { node: rebuild(a.node, b.node), type: result ?? t }
    }
    if (cls === 'regex' || cls === 'like') {
      // text, bpchar (own operators) or anything coerced to text; the pattern is text
      const left = lt === 'character' ? 'character' : lt === 'unknown' || isStringType(lt) ? 'text' : undefined
      if (!left || (rt !== 'unknown' && rt !== 'text')) return keep()
      const a = left === 'character' && !l.domain ? l : this.coerce(l, 'text', false)
      const b = this.coerce(r, 'text', false)
      if (a.type === undefined || b.type === undefined) return keep()
      return { node: rebuild(a.node, b.node), type: 'boolean' }
    }
    if (cls === 'json') {
      if ((lt !== 'jsonb' && lt !== 'json') || rt !== 'unknown') return keep()
      const b = this.coerce(r, 'text', false)
      if (b.type === undefined) return keep()
      const result = name === '->>' ? 'text' : name === '->' ? lt : name === '?' ? 'boolean' : undefined
      if (result === undefined) return keep()
      return { node: rebuild(l.node, b.node), type: result }
    }
    if (cls === 'concat') {
      const ok = (t: string) => t === 'unknown' || isStringType(t)
      if (!ok(lt) || !ok(rt)) return keep()
      return both('text', 'text')
    }
    const result = cls === 'compare' ? 'boolean' : undefined
    // one side an untyped literal: it takes the other side's type
    if (lt === 'unknown' || rt === 'unknown') {
      const other = lt === 'unknown' ? rt : lt
      const od = lt === 'unknown' ? r.domain : l.domain
      if (isStringType(other)) {
        if (cls !== 'compare') return keep()
        return both(other === 'character' && !od ? 'character' : 'text', result)
      }
      if (NUMERIC_RANK[other] !== undefined || other === 'boolean' || this.info(other)?.kind === 'enum' || other === 'date' || other.startsWith('timestamp')) {
        if (cls === 'compare' && (other === 'date' || other.startsWith('timestamp'))) return keep()
        if (other === 'boolean' && cls !== 'compare') return keep()
        if (this.info(other)?.kind === 'enum' && cls !== 'compare') return keep()
        return both(other, result)
      }
      return keep()
    }
    const lr = NUMERIC_RANK[lt]
    const rr = NUMERIC_RANK[rt]
    if (lr !== undefined && rr !== undefined) {
      // integer types have cross-type operators (except %); otherwise the lower one is promoted
      const ints = lr <= 2 && rr <= 2
      if (ints && (name !== '%' || lt === rt)) {
        const a = this.coerce(l, lt, false)
        const b = this.coerce(r, rt, false)
        if (a.type === undefined || b.type === undefined) return keep()
        return { node: rebuild(a.node, b.node), type: result ?? (lr >= rr ? lt : rt) }
      }
      return both(lr >= rr ? lt : rt, result)
    }
    if (isStringType(lt) && isStringType(rt) && cls === 'compare') {
      if (lt === 'character' && rt === 'character' && !l.domain && !r.domain) return both('character', result)
      return both('text', result)
    }
    if (lt === rt && !l.domain && !r.domain && cls === 'compare') return { node: rebuild(l.node, r.node), type: 'boolean' }
    return keep()
  }

  private aExpr(e: A_Expr, n: Node): Typed {
    const op = e.name?.length === 1 && e.name[0] && 'String' in e.name[0] ? (e.name[0].String.sval ?? '') : undefined
    const keep: Typed = { node: n, type: undefined }
    if (op === undefined) return keep
    switch (e.kind) {
      case 'AEXPR_OP': {
        if (!e.lexpr || !e.rexpr) return keep
        return this.binary(op, this.expr(e.lexpr), this.expr(e.rexpr), (l, r) => ({ A_Expr: { ...e, lexpr: l, rexpr: r } }))
      }
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE': {
        if (!e.lexpr || !e.rexpr) return keep
        const ops: Readonly<Record<string, string>> = { '~~': '~~', '!~~': '!~~', '~~*': '~~*', '!~~*': '!~~*' }
        const name = ops[op]
        if (!name) return keep
        return this.binary(name, this.expr(e.lexpr), this.expr(e.rexpr), (l, r) => ({
          A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: name } }], lexpr: l, rexpr: r },
        }))
      }
      case 'AEXPR_DISTINCT':
      case 'AEXPR_NOT_DISTINCT': {
        if (!e.lexpr || !e.rexpr) return keep
        return this.binary('=', this.expr(e.lexpr), this.expr(e.rexpr), (l, r) => ({ A_Expr: { ...e, lexpr: l, rexpr: r } }))
      }
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN': {
        const bounds = e.rexpr && 'List' in e.rexpr ? (e.rexpr.List.items ?? []) : []
        if (!e.lexpr || bounds.length !== 2) return keep
        const not = e.kind === 'AEXPR_NOT_BETWEEN'
        const x = this.expr(e.lexpr)
        const [lo, hi] = [this.expr(bounds[0]!), this.expr(bounds[1]!)]
        const mk = (o: string) => (l: Node, r: Node): Node => ({ A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: o } }], lexpr: l, rexpr: r } })
        const a = this.binary(not ? '<' : '>=', x, lo, mk(not ? '<' : '>='))
        const b = this.binary(not ? '>' : '<=', x, hi, mk(not ? '>' : '<='))
        if (a.type === undefined || b.type === undefined) return keep
        return { node: { BoolExpr: { boolop: not ? 'OR_EXPR' : 'AND_EXPR', args: [a.node, b.node] } }, type: 'boolean' }
      }
      case 'AEXPR_IN': {
        const items = e.rexpr && 'List' in e.rexpr ? (e.rexpr.List.items ?? []) : []
        if (!e.lexpr || !items.length || (op !== '=' && op !== '<>')) return keep
        const x = this.expr(e.lexpr)
        const vals = items.map((i) => this.expr(i))
        if (x.type === undefined || x.domain || !vals.every((v) => v.type === 'unknown' || v.type === x.type)) return keep
        if (!vals.every((v) => 'A_Const' in v.node || v.type === 'unknown' || ('TypeCast' in v.node && v.type === x.type))) return keep
        const elemType = x.type === 'character varying' ? 'character varying' : x.type
        const elems = vals.map((v) => this.coerce(v, elemType, true))
        if (elems.some((v) => v.type === undefined)) return keep
        let arr: Node = { A_ArrayExpr: { elements: elems.map((v) => v.node) } }
        let lhs = x.node
        if (x.type === 'character varying') {
          arr = cast(arr, 'text[]')
          lhs = cast(lhs, 'text')
        }
        return {
          node: { A_Expr: { kind: op === '=' ? 'AEXPR_OP_ANY' : 'AEXPR_OP_ALL', name: [{ String: { sval: op } }], lexpr: lhs, rexpr: arr } },
          type: 'boolean',
        }
      }
      default:
        return keep
    }
  }

  private funcCall(f: FuncCall, n: Node): Typed {
    const parts = (f.funcname ?? []).flatMap((p) => ('String' in p ? [p.String.sval ?? ''] : []))
    const keep: Typed = { node: n, type: undefined }
    if (f.agg_star || f.agg_distinct || f.over || f.agg_order?.length || f.agg_filter || f.func_variadic) return keep
    const args = (f.args ?? []).map((a) => this.expr(a))
    const rebuilt = (names: ReadonlyArray<string>, nodes: ReadonlyArray<Node>): Node => ({
      FuncCall: { ...f, funcname: names.map((s) => ({ String: { sval: s } })), args: [...nodes] },
    })
    const schema = parts.length === 2 ? parts[0] : undefined
    const name = parts[parts.length - 1] ?? ''
    if (parts.length > 2) return keep
    const builtin = schema === undefined && BUILTIN_FUNCTIONS[name] !== undefined
    const user = schema === 'pg_catalog' || builtin ? undefined : this.env.userFunction(schema, name, args.length)
    const sig = user ? { args: user.args, returns: user.returns } : schema === undefined || schema === 'pg_catalog' ? BUILTIN_FUNCTIONS[name] : undefined
    const names = user ? [user.schema, name] : parts
    if (!user && args.some((a) => a.type === 'character') && BPCHAR_OVERLOADED.has(name)) return { node: rebuilt(names, args.map((a) => a.node)), type: sig?.returns }
    if (!sig || sig.args.length !== args.length) return { node: rebuilt(names, args.map((a) => a.node)), type: undefined }
    const out = args.map((a, i) => this.coerce(a, sig.args[i]!, false))
    return { node: rebuilt(names, out.map((a, i) => (a.type === undefined ? args[i]!.node : a.node))), type: sig.returns }
  }

  /** The canonical server text of an expression stored as a value of type `target` (a default). */
  stored(n: Node, target?: string): string {
    const t = this.expr(n)
    const out = target === undefined ? t : this.coerce(t, target, true)
    return canonicalExpr(exprText(out.node))
  }
}

/** Split `a.b` / `"A".b` into unquoted parts (identifier rules of regclass input). */
const splitQualified = (s: string): ReadonlyArray<string> => {
  const out: string[] = []
  let i = 0
  while (i <= s.length) {
    let part = ''
    if (s[i] === '"') {
      i++
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"'
            i += 2
            continue
          }
          break
        }
        part += s[i++]
      }
      if (s[i] !== '"') throw new Error('unterminated')
      i++
    } else {
      const m = /^[^."]*/.exec(s.slice(i))?.[0] ?? ''
      if (!/^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*$/.test(m)) throw new Error('bad name')
      part = m.toLowerCase()
      i += m.length
    }
    out.push(part)
    if (i >= s.length) break
    if (s[i] !== '.') throw new Error('bad name')
    i++
  }
  return out
}

/** Server normal form of an expression stored for `target` (default) or as a predicate/value. */
export const serverExpr = (node: Node, env: ServerEnv, target?: string): string => new ServerForm(env).stored(node, target)
