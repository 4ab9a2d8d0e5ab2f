/**
 * Function calls: the dialect's own (`sql`, `getenv`, `ref`), then HCL's standard library; any
 * other name is a type word of the dialect (`varchar(255)`, `numeric(10,2)`) kept as a `call`.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Span } from '../../../ir/span.js'
import { arity, checked, text, type Fn } from './args.js'
import { COLLECTION_FUNCTIONS } from './fn-collections.js'
import { STRING_FUNCTIONS } from './fn-strings.js'
import { parseRefPath } from './ref-path.js'
import { fail, type Result, type Scope } from './scope.js'
import type { Value } from './value.js'

const sql: Fn = (args, span) => E.chain(() => checked<[string]>([text('sql', args, 0)], (t) => E.right({ kind: 'sql', text: t, span })))(arity('sql', args, 1, 1, span))

/** `getenv("X")`: the environment is a value of the scope; an unset variable is an error. */
const getenv: Fn = (args, span, scope) =>
  E.chain(() =>
    checked<[string]>([text('getenv', args, 0)], (name) => {
      const v = scope.env[name]
      return v !== undefined ? E.right({ kind: 'string', value: v, span }) : fail('E-GETENV', `getenv("${name}"): the environment variable ${name} is not set`, span)
    }),
  )(arity('getenv', args, 1, 1, span))

/** `ref("table.s.t")`: the loader resolves it against the declarations when it can. */
const ref: Fn = (args, span, scope) =>
  E.chain(() =>
    checked<[string]>([text('ref', args, 0)], (path) => {
      if (scope.ref !== undefined) return scope.ref(path, span)
      const a = parseRefPath(path)
      return typeof a === 'string' ? fail('E-TYPE', `ref("${path}"): ${a}`, span) : E.right({ kind: 'ref', target: a, span })
    }),
  )(arity('ref', args, 1, 1, span))

export const FUNCTIONS: Readonly<Record<string, Fn>> = { sql, getenv, ref, ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS }

export const callFunction = (name: string, args: ReadonlyArray<Value>, span: Span, scope: Scope): Result => {
  const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined
  return f !== undefined ? f(args, span, scope) : E.right({ kind: 'call', name, args, span })
}
