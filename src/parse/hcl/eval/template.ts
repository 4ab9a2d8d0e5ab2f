/**
 * String templates (quoted strings and heredocs): literal text, `${…}` interpolations and the
 * `%{if}` / `%{for}` directives. A template that is exactly one interpolation yields the value
 * itself when it cannot be text (a list or an object, as HCL's "${var.list}"); otherwise values
 * interpolate as `toText` says (references as their name, keywords as their word).
 */
import * as E from 'fp-ts/lib/Either.js'
import { absurd } from 'fp-ts/lib/function.js'
import type { Diagnostic } from '../../../ir/span.js'
import type { Expr, TemplateExpr, TemplatePart } from '../syntax.js'
import { describe, toText } from './convert.js'
import { iterate } from './for.js'
import { bind, typeError, type Result, type Scope } from './scope.js'
import type { Value } from './value.js'

type Evaluate = (e: Expr, s: Scope) => Result

export const template = (t: TemplateExpr, scope: Scope, evaluate: Evaluate): Result => {
  const only = t.parts.length === 1 ? t.parts[0] : undefined
  if (only !== undefined && only.kind === 'Interpolation') {
    const v = evaluate(only.expr, scope)
    if (E.isRight(v) && (v.right.kind === 'list' || v.right.kind === 'object' || v.right.kind === 'null')) return v
  }
  return E.map((text: string): Value => ({ kind: 'string', value: text, span: t.span }))(parts(t.parts, scope, evaluate))
}

const parts = (ps: ReadonlyArray<TemplatePart>, scope: Scope, evaluate: Evaluate): E.Either<ReadonlyArray<Diagnostic>, string> => {
  const errors: Diagnostic[] = []
  let out = ''
  for (const p of ps) {
    const r = part(p, scope, evaluate)
    if (E.isLeft(r)) errors.push(...r.left)
    else out += r.right
  }
  return errors.length > 0 ? E.left(errors) : E.right(out)
}

const part = (p: TemplatePart, scope: Scope, evaluate: Evaluate): E.Either<ReadonlyArray<Diagnostic>, string> => {
  switch (p.kind) {
    case 'Text':
      return E.right(p.value)
    case 'Interpolation':
      return E.chain((v: Value) => {
        const text = toText(v)
        return text !== undefined ? E.right(text) : typeError(`cannot interpolate ${describe(v)} in a string`, v.span)
      })(evaluate(p.expr, scope))
    case 'If':
      return E.chain((c: Value) =>
        c.kind === 'bool' ? parts(c.value ? p.then : p.else, scope, evaluate) : typeError(`%{if}: expected a bool, got ${describe(c)}`, c.span),
      )(evaluate(p.cond, scope))
    case 'For': {
      const coll = evaluate(p.collection, scope)
      if (E.isLeft(coll)) return coll
      const pairs = iterate(coll.right)
      if (E.isLeft(pairs)) return pairs
      const bodies = pairs.right.map(([k, v]) => parts(p.body, bind(scope, p.key === undefined ? [[p.value, v]] : [[p.key, k], [p.value, v]]), evaluate))
      const bad = bodies.flatMap((b) => (E.isLeft(b) ? b.left : []))
      return bad.length > 0 ? E.left(bad) : E.right(bodies.map((b) => (E.isRight(b) ? b.right : '')).join(''))
    }
    default:
      return absurd(p)
  }
}
