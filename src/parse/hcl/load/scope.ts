/**
 * The evaluation scope of the loader: `var.x`, `local.y`, block references (against the
 * declaration index as built so far), `each`/`self` of a block, `ref("…")`, and the environment.
 */
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import { evaluate } from '../eval/evaluate.js'
import { isSchemaType, parseRefPath } from '../eval/ref-path.js'
import { fail, type Result, type Scope } from '../eval/scope.js'
import { KIND_WORD, type BlockAddress, type Value } from '../eval/value.js'
import type { Expr, TraversalExpr, Traverser } from '../syntax.js'
import { relationOf, type DeclIndex } from './decls.js'
import { resolveReference } from './references.js'
import type { Values } from './variables.js'

export interface ScopeParts {
  readonly index: DeclIndex
  readonly values: () => Values
  readonly env: Readonly<Record<string, string>>
}

/** What a block's expressions see: its `each`, `self` (when its address is known), its relation. */
export interface BlockFrame {
  readonly each: Value | undefined
  /** a reference to the block itself */
  readonly self: Value | undefined
  /** the block's address or its parent's: the relation `column.c` is relative to is found from it */
  readonly relation: BlockAddress | undefined
}

const NO_FRAME: BlockFrame = { each: undefined, self: undefined, relation: undefined }

export const makeScope = (parts: ScopeParts, frame: BlockFrame = NO_FRAME): Scope => {
  const bound = new Map<string, Value>()
  if (frame.each !== undefined) bound.set('each', frame.each)
  if (frame.self !== undefined) bound.set('self', frame.self)
  const rel = relationOf(frame.relation)
  const relation = rel === undefined ? undefined : parts.index.get(rel)[0]
  const scope: Scope = {
    bound,
    env: parts.env,
    root: (t: TraversalExpr) => {
      if (t.root === 'var' || t.root === 'local') {
        const s = t.steps[0]
        if (s === undefined || s.kind !== 'Attr') return fail('E-UNRESOLVED', `${t.root} must be followed by a name, e.g. ${t.root}.example`, t.span)
        const r = t.root === 'var' ? parts.values().variable(s.name, t.span) : parts.values().local(s.name, t.span)
        return E.map((value: Value) => ({ value: { ...value, span: t.span }, consumed: 1 }))(r)
      }
      if (t.root === 'each') return fail('E-UNRESOLVED', `each.${t.steps[0]?.kind === 'Attr' ? t.steps[0].name : '…'} is only available in a block with for_each`, t.span)
      const named = withComputedNames(t, scope)
      return E.isLeft(named) ? named : resolveReference(named.right, parts.index, relation)
    },
    ref: (path: string, span: Span) => refPath(parts.index, path, span),
  }
  return scope
}

/**
 * `table[each.key]`, `role[var.owner].…`: index steps with a computed key become name steps, so a
 * reference can be made from for_each values and variables (a key that is not a string or number
 * is a type error).
 */
const withComputedNames = (t: TraversalExpr, scope: Scope): E.Either<ReadonlyArray<Diagnostic>, TraversalExpr> => {
  if (!t.steps.some((s) => s.kind === 'Index' && !isLiteralKey(s.key))) return E.right(t)
  const steps: Traverser[] = []
  for (const s of t.steps) {
    if (s.kind === 'Attr' || isLiteralKey(s.key)) {
      steps.push(s)
      continue
    }
    const k = evaluate(s.key, scope)
    if (E.isLeft(k)) return k
    const v = k.right
    if (v.kind !== 'string' && v.kind !== 'number') return E.left([diagnostic('error', 'E-TYPE', `${t.root}[…]: a name must be a string, got ${KIND_WORD[v.kind]}`, s.span)])
    steps.push({ kind: 'Attr', name: v.kind === 'string' ? v.value : v.text, span: s.span })
  }
  return E.right({ ...t, steps })
}

const isLiteralKey = (e: Expr): boolean =>
  e.kind === 'Number' || (e.kind === 'Template' && e.parts.length === 1 && e.parts[0]!.kind === 'Text')

/** `ref("…")`: the declared object when there is one, else an external object (schema public). */
const refPath = (index: DeclIndex, path: string, span: Span): Result => {
  const a = parseRefPath(path)
  if (typeof a === 'string') return fail('E-TYPE', `ref("${path}"): ${a}`, span)
  const fill = (x: BlockAddress): BlockAddress => {
    if (!isSchemaType(x.type) || x.schema !== undefined) return x
    const hits = index.named(x.type, x.name)
    return hits.length === 1 ? hits[0]!.address : { ...x, schema: 'public' }
  }
  const target = a.parent === undefined ? fill(a) : { ...a, parent: fill(a.parent) }
  return E.right({ kind: 'ref', target, span })
}

export const evalIn = (parts: ScopeParts, frame: BlockFrame | undefined, e: Expr): Result => evaluate(e, makeScope(parts, frame))
