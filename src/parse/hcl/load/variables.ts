/**
 * `variable` blocks and `locals`: values computed lazily, once per index stage, with reference
 * cycles (local.a → local.b → local.a) reported as E-CYCLE. A variable's value comes from
 * `--var name=value`, then the environment `PGCHARTER_VAR_<name>`, then its `default`; a value
 * given as text is converted to the variable's `type` (string, number, bool, or JSON for
 * collections).
 */
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import { parseNumber } from '../eval/number.js'
import { fail, typeError, type Result } from '../eval/scope.js'
import { didYouMean } from '../eval/suggest.js'
import type { Value } from '../eval/value.js'
import type { Attribute, Block, Expr } from '../syntax.js'

export interface VariableDecl {
  readonly name: string
  readonly block: Block
  readonly type?: Expr
  readonly default?: Expr
}

export class Values {
  private cache = new Map<string, Result>()
  private readonly stack: string[] = []

  constructor(
    private readonly variables: ReadonlyMap<string, VariableDecl>,
    private readonly locals: ReadonlyMap<string, Attribute>,
    private readonly given: Readonly<Record<string, string>>,
    private readonly env: Readonly<Record<string, string>>,
    /** evaluates an expression in the root scope (no each/self) */
    private readonly evaluate: (e: Expr) => Result,
  ) {}

  /** Forget computed values (the declaration index grew: references may now resolve). */
  reset(): void {
    this.cache = new Map()
  }

  variable(name: string, span: Span): Result {
    const decl = this.variables.get(name)
    if (decl === undefined) return fail('E-UNRESOLVED', `var.${name} is not declared (no variable "${name}" block).${didYouMean(name, this.variables.keys())}`, span)
    return this.compute(`var.${name}`, span, () => {
      const text = this.given[name] ?? this.env[`PGCHARTER_VAR_${name}`]
      if (text !== undefined) return fromText(text, decl, span)
      if (decl.default !== undefined) return this.evaluate(decl.default)
      return fail('E-UNRESOLVED', `variable "${name}" has no value: pass --var ${name}=… or set PGCHARTER_VAR_${name}`, span)
    })
  }

  local(name: string, span: Span): Result {
    const attr = this.locals.get(name)
    if (attr === undefined) return fail('E-UNRESOLVED', `local.${name} is not declared in any locals block.${didYouMean(name, this.locals.keys())}`, span)
    return this.compute(`local.${name}`, span, () => this.evaluate(attr.value))
  }

  /**
   * Cycles among locals are errors even when nothing uses them (other errors of an unused local,
   * such as an unset getenv, are not: its value is never required).
   */
  cycles(): ReadonlyArray<Diagnostic> {
    const out: Diagnostic[] = []
    for (const [name, attr] of this.locals) {
      const r = this.local(name, attr.span)
      if (E.isLeft(r)) out.push(...r.left.filter((d) => d.code === 'E-CYCLE'))
    }
    return out
  }

  private compute(key: string, span: Span, f: () => Result): Result {
    const at = this.stack.indexOf(key)
    if (at >= 0) return E.left([diagnostic('error', 'E-CYCLE', `reference cycle: ${[...this.stack.slice(at), key].join(' → ')}`, span)])
    const hit = this.cache.get(key)
    if (hit !== undefined) return hit
    this.stack.push(key)
    const r = f()
    this.stack.pop()
    this.cache.set(key, r)
    return r
  }
}

/** The declared type's name: `string`, `number`, `bool`, `list(…)`, …; undefined when absent. */
const typeName = (t: Expr | undefined): string | undefined =>
  t === undefined ? undefined : t.kind === 'Traversal' && t.steps.length === 0 ? t.root : t.kind === 'Call' ? t.name : 'any'

const fromText = (text: string, decl: VariableDecl, span: Span): Result => {
  const type = typeName(decl.type)
  switch (type) {
    case undefined:
    case 'string':
      return E.right({ kind: 'string', value: text, span })
    case 'number': {
      const n = parseNumber(text, span)
      return n !== undefined ? E.right(n) : typeError(`variable "${decl.name}": expected a number, got "${text}"`, span)
    }
    case 'bool':
      return text === 'true' || text === 'false' ? E.right({ kind: 'bool', value: text === 'true', span }) : typeError(`variable "${decl.name}": expected true or false, got "${text}"`, span)
    default: {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        return type === 'any' ? E.right({ kind: 'string', value: text, span }) : typeError(`variable "${decl.name}": expected JSON for a ${type}, got "${text}"`, span)
      }
      return E.right(fromJson(parsed, span))
    }
  }
}

const fromJson = (x: unknown, span: Span): Value => {
  if (x === null) return { kind: 'null', span }
  if (typeof x === 'boolean') return { kind: 'bool', value: x, span }
  if (typeof x === 'number') return parseNumber(String(x), span) ?? { kind: 'null', span }
  if (typeof x === 'string') return { kind: 'string', value: x, span }
  if (Array.isArray(x)) return { kind: 'list', items: x.map((i) => fromJson(i, span)), span }
  return { kind: 'object', entries: new Map(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, fromJson(v, span)])), span }
}
