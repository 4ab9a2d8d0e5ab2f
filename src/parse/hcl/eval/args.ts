/** Argument checking for the built-in functions: exact E-TYPE messages with the argument's span. */
import * as E from 'fp-ts/lib/Either.js'
import type { Diagnostic, Span } from '../../../ir/span.js'
import { describe, toNumber, toText } from './convert.js'
import type { NumberValue } from './number.js'
import { typeError, type Result, type Scope } from './scope.js'
import type { Value } from './value.js'

export type Fn = (args: ReadonlyArray<Value>, span: Span, scope: Scope) => Result
export type Got<T> = E.Either<ReadonlyArray<Diagnostic>, T>

export const arity = (fn: string, args: ReadonlyArray<Value>, min: number, max: number, span: Span): Got<void> =>
  args.length >= min && args.length <= max
    ? E.right(undefined)
    : typeError(`${fn}() takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`, span)

const bad = (fn: string, i: number, expected: string, v: Value): Got<never> => typeError(`${fn}(): argument ${i + 1}: expected ${expected}, got ${describe(v)}`, v.span)

/** A string argument (numbers, bools and keywords convert, as HCL converts primitives). */
export const text = (fn: string, args: ReadonlyArray<Value>, i: number): Got<string> => {
  const v = args[i]!
  const t = v.kind === 'list' || v.kind === 'object' || v.kind === 'null' ? undefined : toText(v)
  return t === undefined ? bad(fn, i, 'a string', v) : E.right(t)
}

export const num = (fn: string, args: ReadonlyArray<Value>, i: number): Got<NumberValue> => {
  const v = args[i]!
  const n = toNumber(v, v.span)
  return n === undefined ? bad(fn, i, 'a number', v) : E.right(n)
}

export const items = (fn: string, args: ReadonlyArray<Value>, i: number): Got<ReadonlyArray<Value>> => {
  const v = args[i]!
  return v.kind === 'list' ? E.right(v.items) : bad(fn, i, 'a list', v)
}

export const entries = (fn: string, args: ReadonlyArray<Value>, i: number): Got<ReadonlyMap<string, Value>> => {
  const v = args[i]!
  return v.kind === 'object' ? E.right(v.entries) : bad(fn, i, 'an object', v)
}

/** Run `f` when every check passed, with all their errors otherwise. */
export const checked = <T extends ReadonlyArray<unknown>>(checks: { [K in keyof T]: Got<T[K]> }, f: (...xs: T) => Result): Result => {
  const errors = (checks as ReadonlyArray<Got<unknown>>).flatMap((c) => (E.isLeft(c) ? c.left : []))
  if (errors.length > 0) return E.left(errors)
  return f(...((checks as ReadonlyArray<Got<unknown>>).map((c) => (E.isRight(c) ? c.right : undefined)) as unknown as T))
}
