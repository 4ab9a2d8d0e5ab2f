/**
 * Node building for the parser: spans from tokens, and the folds that turn a flat list of
 * postfix operations or binary operands into the tree of syntax.ts.
 */
import type { IToken } from 'chevrotain'
import type { Span } from '../../ir/span.js'
import type { BinaryOp, Expr, SplatExpr, TraversalExpr, Traverser } from './syntax.js'

export const tokenSpan = (file: string, t: IToken): Span => ({
  file,
  line: t.startLine ?? 0,
  column: t.startColumn ?? 0,
  offset: t.startOffset,
  length: (t.endOffset ?? t.startOffset) - t.startOffset + 1,
})

/** from the start of `a` to the end of `b` */
export const join = (a: Span, b: Span): Span => ({
  file: a.file,
  line: a.line,
  column: a.column,
  offset: a.offset ?? 0,
  length: (b.offset ?? 0) + (b.length ?? 0) - (a.offset ?? 0),
})

/** from the start of `a` to the end of token `t` */
export const upTo = (a: Span, t: IToken): Span => ({
  file: a.file,
  line: a.line,
  column: a.column,
  offset: a.offset ?? 0,
  length: (t.endOffset ?? t.startOffset) + 1 - (a.offset ?? 0),
})

/** One postfix operation as the parser saw it; `span` covers the operation's own tokens. */
export type PostOp =
  | { readonly op: 'attr'; readonly name: string; readonly span: Span }
  | { readonly op: 'legacy'; readonly text: string; readonly span: Span }
  | { readonly op: 'index'; readonly key: Expr; readonly span: Span }
  | { readonly op: 'splat'; readonly full: boolean; readonly span: Span }

interface OpenSplat {
  source: Expr
  steps: Traverser[]
  full: boolean
}

const closeSplat = (s: OpenSplat, end: Span): SplatExpr => ({
  kind: 'Splat', source: s.source, steps: s.steps, full: s.full, span: join(s.source.span, end),
})

/**
 * Applies `.name`, `.0`, `[key]`, `.*`, `[*]` in order: steps extend a traversal while the base is
 * one, go into an open splat (a full splat takes every step, an attribute splat only `.name`),
 * and otherwise wrap the expression (GetAttr, IndexOf).
 */
export const applyPostfix = (base: Expr, ops: ReadonlyArray<PostOp>): Expr => {
  if (ops.length === 0) return base
  let cur: Expr = base
  let trav: { root: string; rootSpan: Span; steps: Traverser[]; start: Span } | undefined =
    base.kind === 'Traversal' ? { root: base.root, rootSpan: base.rootSpan, steps: [...base.steps], start: base.span } : undefined
  let splat: OpenSplat | undefined
  let last: Span = base.span
  const settle = (): Expr => {
    if (splat !== undefined) {
      cur = closeSplat(splat, last)
      splat = undefined
    } else if (trav !== undefined) {
      cur = { kind: 'Traversal', root: trav.root, rootSpan: trav.rootSpan, steps: trav.steps, span: join(trav.start, last) } satisfies TraversalExpr
      trav = undefined
    }
    return cur
  }
  for (const o of ops) {
    const steps: Traverser[] = o.op === 'attr'
      ? [{ kind: 'Attr', name: o.name, span: o.span }]
      : o.op === 'legacy'
        ? o.text.split('.').map((d): Traverser => ({ kind: 'Index', key: { kind: 'Number', text: d, span: o.span }, span: o.span }))
        : o.op === 'index' ? [{ kind: 'Index', key: o.key, span: o.span }] : []
    if (o.op === 'splat') {
      const source = settle()
      splat = { source, steps: [], full: o.full }
    } else if (splat !== undefined && (splat.full || o.op !== 'index')) {
      splat.steps.push(...steps)
    } else if (splat === undefined && trav !== undefined) {
      trav.steps.push(...steps)
    } else {
      let e = settle()
      for (const s of steps) {
        e = s.kind === 'Attr'
          ? { kind: 'GetAttr', object: e, name: s.name, span: join(e.span, o.span) }
          : { kind: 'IndexOf', collection: e, key: s.key, span: join(e.span, o.span) }
      }
      cur = e
    }
    last = o.span
  }
  return settle()
}

/** binding power of each binary operator (HCL: `* / %` > `+ -` > comparisons > `== !=` > `&&` > `||`) */
const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '*': 6, '/': 6, '%': 6, '+': 5, '-': 5, '>': 4, '>=': 4, '<': 4, '<=': 4, '==': 3, '!=': 3, '&&': 2, '||': 1,
} as const

/** `operands[0] ops[0] operands[1] …` into a tree, every level left-associative (shunting-yard) */
export const climb = (operands: ReadonlyArray<Expr>, ops: ReadonlyArray<BinaryOp>): Expr => {
  const out: Expr[] = operands.slice(0, 1)
  const pending: BinaryOp[] = []
  const reduce = (): void => {
    const op = pending.pop()
    const right = out.pop()
    const left = out.pop()
    if (op !== undefined && left !== undefined && right !== undefined) out.push({ kind: 'Binary', op, left, right, span: join(left.span, right.span) })
  }
  ops.forEach((op, i) => {
    while (pending.length > 0 && PRECEDENCE[pending[pending.length - 1] ?? op] >= PRECEDENCE[op]) reduce()
    pending.push(op)
    const next = operands[i + 1]
    if (next !== undefined) out.push(next)
  })
  while (pending.length > 0) reduce()
  return out[0] ?? operands[0] ?? { kind: 'Null', span: { file: '', line: 0, column: 0 } }
}
