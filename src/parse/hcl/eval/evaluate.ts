/**
 * Evaluation of HCL expressions (hclsyntax semantics) to values. Pure: a function of the syntax
 * tree and the scope; errors are E-TYPE/E-UNRESOLVED/… diagnostics with the span of the
 * offending expression, never exceptions. Bare names that nothing binds are the dialect's
 * keywords; calls of functions the evaluator does not define are type words (`varchar(255)`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import type { Span } from '../../../ir/span.js'
import type { BinaryExpr, Expr, TraversalExpr, Traverser } from '../syntax.js'
import { bool, describe, equal, list, toNumber } from './convert.js'
import { forExpr } from './for.js'
import { callFunction } from './functions.js'
import { arith, compareNumbers, negate, parseNumber } from './number.js'
import { all, fail, typeError, type Result, type Scope } from './scope.js'
import { template } from './template.js'
import type { Value } from './value.js'

export const evaluate = (expr: Expr, scope: Scope): Result => {
  switch (expr.kind) {
    case 'Null':
      return E.right({ kind: 'null', span: expr.span })
    case 'Bool':
      return E.right(bool(expr.value, expr.span))
    case 'Number': {
      const n = parseNumber(expr.text, expr.span)
      return n === undefined ? typeError(`invalid number ${expr.text}`, expr.span) : E.right(n)
    }
    case 'Template':
      return template(expr, scope, evaluate)
    case 'Tuple':
      return E.map((items: ReadonlyArray<Value>) => list(items, expr.span))(all(expr.items.map((i) => evaluate(i, scope))))
    case 'Object':
      return objectExpr(expr.items, expr.span, scope)
    case 'Traversal':
      return traversal(expr, scope)
    case 'Call':
      return call(expr, scope)
    case 'IndexOf':
      return E.chain((c: Value) => E.chain((k: Value) => index(c, k, expr.span))(evaluate(expr.key, scope)))(evaluate(expr.collection, scope))
    case 'GetAttr':
      return E.chain((o: Value) => getAttr(o, expr.name, expr.span))(evaluate(expr.object, scope))
    case 'Splat':
      return E.chain((src: Value) => splat(src, expr.steps, expr.span, scope))(evaluate(expr.source, scope))
    case 'Unary':
      return E.chain((v: Value) => unary(expr.op, v, expr.span))(evaluate(expr.operand, scope))
    case 'Binary':
      return binary(expr, scope)
    case 'Conditional':
      return E.chain((c: Value) => (c.kind === 'bool' ? evaluate(c.value ? expr.then : expr.else, scope) : typeError(`condition: expected a bool, got ${describe(c)}`, c.span)))(
        evaluate(expr.cond, scope),
      )
    case 'For':
      return forExpr(expr, scope, evaluate)
    case 'Paren':
      return evaluate(expr.expr, scope)
    default:
      return absurd(expr)
  }
}

const objectExpr = (items: ReadonlyArray<{ readonly key: Expr; readonly value: Expr; readonly span: Span }>, span: Span, scope: Scope): Result => {
  // a bare identifier key is its name, not a variable (HCL)
  const keys = all(items.map((i) => (i.key.kind === 'Traversal' && i.key.steps.length === 0 ? E.right<never, Value>({ kind: 'string', value: i.key.root, span: i.key.span }) : evaluate(i.key, scope))))
  const values = all(items.map((i) => evaluate(i.value, scope)))
  if (E.isLeft(keys) || E.isLeft(values)) return E.left([...(E.isLeft(keys) ? keys.left : []), ...(E.isLeft(values) ? values.left : [])])
  const entries = new Map<string, Value>()
  for (let i = 0; i < items.length; i++) {
    const k = keys.right[i]!
    const text = k.kind === 'string' ? k.value : k.kind === 'number' ? k.text : k.kind === 'keyword' ? k.name : k.kind === 'bool' ? String(k.value) : undefined
    if (text === undefined) return typeError(`object key: expected a string, got ${describe(k)}`, k.span)
    entries.set(text, values.right[i]!)
  }
  return E.right({ kind: 'object', entries, span })
}

const traversal = (t: TraversalExpr, scope: Scope): Result => {
  const bound = scope.bound.get(t.root)
  if (bound !== undefined) return steps({ ...bound, span: t.rootSpan }, t.steps, scope)
  const resolved = scope.root?.(t, scope)
  if (resolved !== undefined) return E.chain((r: { value: Value; consumed: number }) => steps(r.value, t.steps.slice(r.consumed), scope))(resolved)
  if (t.steps.length === 0) return E.right({ kind: 'keyword', name: t.root, span: t.span })
  return fail('E-UNRESOLVED', `unknown name "${t.root}" in ${t.root}${t.steps.map((s) => (s.kind === 'Attr' ? '.' + s.name : '[…]')).join('')}`, t.rootSpan)
}

/** Apply traversal steps (`.name`, `[key]`) to a value. */
export const steps = (v: Value, ss: ReadonlyArray<Traverser>, scope: Scope): Result => {
  let cur: Result = E.right(v)
  for (const s of ss) {
    cur = E.chain((c: Value) => (s.kind === 'Attr' ? getAttr(c, s.name, spanFrom(c.span, s.span)) : E.chain((k: Value) => index(c, k, spanFrom(c.span, s.span)))(evaluate(s.key, scope))))(cur)
  }
  return cur
}

/** The span from the start of `a` to the end of `b` (same file). */
const spanFrom = (a: Span, b: Span): Span =>
  a.offset !== undefined && b.offset !== undefined && b.length !== undefined && a.file === b.file
    ? { file: a.file, line: a.line, column: a.column, offset: a.offset, length: b.offset + b.length - a.offset }
    : b

export const getAttr = (v: Value, name: string, span: Span): Result => {
  switch (v.kind) {
    case 'object': {
      const x = v.entries.get(name)
      return x !== undefined ? E.right(x) : typeError(`object has no attribute "${name}" (it has ${[...v.entries.keys()].map((k) => `"${k}"`).join(', ') || 'none'})`, span)
    }
    case 'ref':
      // a reference's own name parts, e.g. "${self.name}"
      if (name === 'name') return E.right({ kind: 'string', value: v.target.name, span })
      if (name === 'schema') return E.right(v.target.schema === undefined ? { kind: 'null', span } : { kind: 'string', value: v.target.schema, span })
      if (name === 'type') return E.right({ kind: 'string', value: v.target.type, span })
      return typeError(`a reference to ${v.target.type} "${v.target.name}" has no attribute "${name}" (only name, schema, type)`, span)
    case 'null':
    case 'bool':
    case 'number':
    case 'string':
    case 'list':
    case 'keyword':
    case 'call':
    case 'sql':
      return typeError(`cannot read attribute "${name}" of ${describe(v)}`, span)
  }
}

export const index = (c: Value, k: Value, span: Span): Result => {
  if (c.kind === 'list') {
    const n = toNumber(k, k.span)
    if (n === undefined || !/^\d+$/.test(n.text)) return typeError(`list index: expected a non-negative integer, got ${describe(k)}${n ? ' ' + n.text : ''}`, k.span)
    const item = c.items[Number(n.text)]
    return item !== undefined ? E.right(item) : typeError(`index ${n.text} out of range (the list has ${c.items.length} items)`, span)
  }
  if (c.kind === 'object') {
    const key = k.kind === 'string' ? k.value : k.kind === 'number' ? k.text : undefined
    if (key === undefined) return typeError(`object key: expected a string, got ${describe(k)}`, k.span)
    const x = c.entries.get(key)
    return x !== undefined ? E.right(x) : typeError(`object has no element "${key}"`, span)
  }
  return typeError(`cannot index ${describe(c)}`, span)
}

/** `src[*].a.b`: the steps applied to every element; a non-list is a list of one, null none. */
const splat = (src: Value, ss: ReadonlyArray<Traverser>, span: Span, scope: Scope): Result => {
  const items = src.kind === 'list' ? src.items : src.kind === 'null' ? [] : [src]
  return E.map((vs: ReadonlyArray<Value>) => list(vs, span))(all(items.map((i) => steps(i, ss, scope))))
}

const unary = (op: '-' | '!', v: Value, span: Span): Result => {
  if (op === '!') return v.kind === 'bool' ? E.right(bool(!v.value, span)) : typeError(`operator !: expected a bool, got ${describe(v)}`, v.span)
  const n = toNumber(v, v.span)
  return n === undefined ? typeError(`operator -: expected a number, got ${describe(v)}`, v.span) : E.right(negate(n, span))
}

const binary = (b: BinaryExpr, scope: Scope): Result => {
  const left = evaluate(b.left, scope)
  if (b.op === '&&' || b.op === '||') {
    return E.chain((l: Value) => {
      if (l.kind !== 'bool') return typeError(`operator ${b.op}: expected a bool, got ${describe(l)}`, l.span)
      if (l.value === (b.op === '||')) return E.right(bool(l.value, b.span))
      return E.chain((r: Value) => (r.kind === 'bool' ? E.right(bool(r.value, b.span)) : typeError(`operator ${b.op}: expected a bool, got ${describe(r)}`, r.span)))(evaluate(b.right, scope))
    })(left)
  }
  const both = all([left, evaluate(b.right, scope)])
  if (E.isLeft(both)) return both
  const [l, r] = both.right as [Value, Value]
  switch (b.op) {
    case '==':
      return E.right(bool(equal(l, r), b.span))
    case '!=':
      return E.right(bool(!equal(l, r), b.span))
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const x = toNumber(l, l.span)
      const y = toNumber(r, r.span)
      if (x === undefined) return typeError(`operator ${b.op}: expected a number, got ${describe(l)}`, l.span)
      if (y === undefined) return typeError(`operator ${b.op}: expected a number, got ${describe(r)}`, r.span)
      if (b.op === '<' || b.op === '<=' || b.op === '>' || b.op === '>=') {
        const c = compareNumbers(x, y)
        return E.right(bool(b.op === '<' ? c < 0 : b.op === '<=' ? c <= 0 : b.op === '>' ? c > 0 : c >= 0, b.span))
      }
      const res = arith(b.op, x, y, b.span)
      return typeof res === 'string' ? typeError(res, b.span) : E.right(res)
    }
    default:
      return absurd(b.op)
  }
}

const call = (c: Extract<Expr, { kind: 'Call' }>, scope: Scope): Result => {
  const args = all(c.args.map((a) => evaluate(a, scope)))
  if (E.isLeft(args)) return args
  let values = args.right
  if (c.expandFinal) {
    const last = values[values.length - 1]
    if (last === undefined || last.kind !== 'list') return typeError(`${c.name}(…): the argument before "..." must be a list`, c.span)
    values = [...values.slice(0, -1), ...last.items]
  }
  return callFunction(c.name, values, c.span, scope)
}
