/**
 * What an expression is evaluated in. The evaluator itself binds only local names (for-expression
 * variables, `each`, `self`); everything else that a traversal's root may name — `var`, `local`,
 * block references — is answered by the loader through `root`, so that evaluation stays a pure
 * function of the syntax tree and this scope. The environment (`getenv`) is a value too.
 */
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import type { TraversalExpr } from '../syntax.js'
import type { Value } from './value.js'

/** An evaluation result: the value, or every error found while computing it. */
export type Result = E.Either<ReadonlyArray<Diagnostic>, Value>

/** A traversal root the loader resolved: its value and how many of the traversal's steps it used. */
export interface Resolved {
  readonly value: Value
  readonly consumed: number
}

export interface Scope {
  /** names bound by for expressions and blocks (`each`, `self`), looked up first */
  readonly bound: ReadonlyMap<string, Value>
  /** the environment `getenv` reads (passed in, never the process's) */
  readonly env: Readonly<Record<string, string>>
  /**
   * A root the evaluator does not bind (`var.x`, `local.y`, `table.t.column.c`): undefined when
   * the root names nothing (the traversal is then a keyword such as `SELECT`).
   */
  readonly root?: (t: TraversalExpr, scope: Scope) => E.Either<ReadonlyArray<Diagnostic>, Resolved> | undefined
  /** `ref("table.s.t")`: an address for an object declared elsewhere */
  readonly ref?: (path: string, span: Span) => Result
}

export const emptyScope = (env: Readonly<Record<string, string>> = {}): Scope => ({ bound: new Map(), env })

/** The scope with more local names bound. */
export const bind = (scope: Scope, names: ReadonlyArray<readonly [string, Value]>): Scope => {
  const bound = new Map(scope.bound)
  for (const [k, v] of names) bound.set(k, v)
  return { ...scope, bound }
}

export const fail = (code: string, message: string, span: Span): E.Either<ReadonlyArray<Diagnostic>, never> =>
  E.left([diagnostic('error', code, message, span)])

export const typeError = (message: string, span: Span): E.Either<ReadonlyArray<Diagnostic>, never> => fail('E-TYPE', message, span)

/** Evaluate several results, collecting every error (not only the first). */
export const all = (results: ReadonlyArray<Result>): E.Either<ReadonlyArray<Diagnostic>, ReadonlyArray<Value>> => {
  const errors: Diagnostic[] = []
  const values: Value[] = []
  for (const r of results) {
    if (E.isLeft(r)) errors.push(...r.left)
    else values.push(r.right)
  }
  return errors.length > 0 ? E.left(errors) : E.right(values)
}
