/**
 * `for` expressions: `[for k, v in coll : expr if cond]` and `{for k, v in coll : key => value
 * if cond}` (with `...` grouping). Lists iterate with their index as key, objects with their keys
 * in lexical order (as HCL's maps do).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Diagnostic } from '../../../ir/span.js'
import type { Expr, ForExpr } from '../syntax.js'
import { describe, list, toText } from './convert.js'
import { fromBigInt } from './number.js'
import { bind, typeError, type Result, type Scope } from './scope.js'
import type { Value } from './value.js'

type Evaluate = (e: Expr, s: Scope) => Result

/** The (key, value) pairs of a collection, or an error for a value that is none. */
export const iterate = (coll: Value): E.Either<ReadonlyArray<Diagnostic>, ReadonlyArray<readonly [Value, Value]>> => {
  if (coll.kind === 'list') return E.right(coll.items.map((v, i) => [fromBigInt(BigInt(i), v.span), v] as const))
  if (coll.kind === 'object')
    return E.right([...coll.entries.keys()].sort().map((k) => [{ kind: 'string', value: k, span: coll.span } as Value, coll.entries.get(k)!] as const))
  return typeError(`for: expected a list or an object to iterate, got ${describe(coll)}`, coll.span)
}

export const forExpr = (f: ForExpr, scope: Scope, evaluate: Evaluate): Result =>
  E.chain((coll: Value) => E.chain((pairs: ReadonlyArray<readonly [Value, Value]>) => collect(f, pairs, scope, evaluate))(iterate(coll)))(evaluate(f.collection, scope))

const collect = (f: ForExpr, pairs: ReadonlyArray<readonly [Value, Value]>, scope: Scope, evaluate: Evaluate): Result => {
  const errors: Diagnostic[] = []
  const items: Value[] = []
  const entries = new Map<string, Value>()
  const groups = new Map<string, Value[]>()
  for (const [k, v] of pairs) {
    const s = bind(scope, f.keyVar === undefined ? [[f.valueVar, v]] : [[f.keyVar, k], [f.valueVar, v]])
    if (f.cond !== undefined) {
      const c = evaluate(f.cond, s)
      if (E.isLeft(c)) {
        errors.push(...c.left)
        continue
      }
      if (c.right.kind !== 'bool') {
        errors.push(...leftOf(typeError(`for … if: expected a bool, got ${describe(c.right)}`, c.right.span)))
        continue
      }
      if (!c.right.value) continue
    }
    const value = evaluate(f.valueExpr, s)
    if (E.isLeft(value)) {
      errors.push(...value.left)
      continue
    }
    if (f.form === 'tuple' || f.keyExpr === undefined) {
      items.push(value.right)
      continue
    }
    const key = evaluate(f.keyExpr, s)
    if (E.isLeft(key)) {
      errors.push(...key.left)
      continue
    }
    const text = key.right.kind === 'null' ? undefined : toText(key.right)
    if (text === undefined) {
      errors.push(...leftOf(typeError(`for: an object key must be a string, got ${describe(key.right)}`, key.right.span)))
      continue
    }
    if (f.group) groups.set(text, [...(groups.get(text) ?? []), value.right])
    else if (entries.has(text)) errors.push(...leftOf(typeError(`for: duplicate object key "${text}" (use "..." after the value to group)`, key.right.span)))
    else entries.set(text, value.right)
  }
  if (errors.length > 0) return E.left(errors)
  if (f.form === 'tuple') return E.right(list(items, f.span))
  if (f.group) return E.right({ kind: 'object', entries: new Map([...groups].map(([k, vs]) => [k, list(vs, f.span)])), span: f.span })
  return E.right({ kind: 'object', entries, span: f.span })
}

const leftOf = (r: E.Either<ReadonlyArray<Diagnostic>, unknown>): ReadonlyArray<Diagnostic> => (E.isLeft(r) ? r.left : [])
