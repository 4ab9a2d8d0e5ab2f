/**
 * Helpers for the HCL parser tests: span stripping (trees compared by shape), parsing shortcuts
 * that fail loudly, and builders of span-less nodes for expected trees.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseHcl } from '../../../src/parse/hcl/parse.js'
import type { Body, Expr } from '../../../src/parse/hcl/syntax.js'
import type { Diagnostic } from '../../../src/ir/span.js'

const SPAN_KEYS = new Set(['span', 'nameSpan', 'rootSpan', 'typeSpan'])

/** the tree without its spans (deep copy) */
export const strip = (x: unknown): unknown => {
  if (Array.isArray(x)) return x.map(strip)
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(x)) if (!SPAN_KEYS.has(k) && v !== undefined) out[k] = strip(v)
    return out
  }
  return x
}

export const parseOk = (text: string, file = 'test.hcl'): Body => {
  const r = parseHcl(text, file)
  if (E.isLeft(r)) throw new Error(`unexpected syntax errors:\n${r.left.map((d) => `${d.span?.line}:${d.span?.column} ${d.message}`).join('\n')}`)
  return r.right
}

export const parseBad = (text: string, file = 'test.hcl'): ReadonlyArray<Diagnostic> => {
  const r = parseHcl(text, file)
  if (E.isRight(r)) throw new Error(`expected syntax errors, got ${JSON.stringify(strip(r.right))}`)
  return r.left
}

/** the value of `x = <src>`, spans kept */
export const exprOf = (src: string): Expr => {
  const item = parseOk(`x = ${src}\n`).items[0]
  if (item?.kind !== 'Attribute') throw new Error('no attribute')
  return item.value
}

/** the value of `x = <src>`, without spans */
export const expr = (src: string): unknown => strip(exprOf(src))

/** the file's items without spans */
export const items = (text: string): unknown => strip(parseOk(text).items)

// ───────── builders of span-less nodes ─────────
type N = Record<string, unknown>

export const num = (text: string): N => ({ kind: 'Number', text })
export const bool = (value: boolean): N => ({ kind: 'Bool', value })
export const nul = (): N => ({ kind: 'Null' })
export const attrStep = (name: string): N => ({ kind: 'Attr', name })
export const indexStep = (key: N): N => ({ kind: 'Index', key })
/** `tr('a', 'b', 0)`: strings are attribute steps, numbers legacy/literal index steps, objects index keys */
export const tr = (root: string, ...steps: ReadonlyArray<string | number | N>): N => ({
  kind: 'Traversal',
  root,
  steps: steps.map((s) => (typeof s === 'string' ? attrStep(s) : typeof s === 'number' ? indexStep(num(String(s))) : indexStep(s))),
})
export const text = (value: string): N => ({ kind: 'Text', value })
export const interp = (e: N): N => ({ kind: 'Interpolation', expr: e })
const toParts = (parts: ReadonlyArray<string | N>): N[] => parts.map((p) => (typeof p === 'string' ? text(p) : p))
export const str = (...parts: ReadonlyArray<string | N>): N => ({ kind: 'Template', parts: toParts(parts), form: 'quoted' })
export const heredoc = (...parts: ReadonlyArray<string | N>): N => ({ kind: 'Template', parts: toParts(parts), form: 'heredoc' })
export const ifPart = (cond: N, then: ReadonlyArray<string | N>, otherwise: ReadonlyArray<string | N> = []): N =>
  ({ kind: 'If', cond, then: toParts(then), else: toParts(otherwise) })
export const forPart = (key: string | undefined, value: string, collection: N, body: ReadonlyArray<string | N>): N =>
  ({ kind: 'For', ...(key === undefined ? {} : { key }), value, collection, body: toParts(body) })
export const tuple = (...xs: N[]): N => ({ kind: 'Tuple', items: xs })
export const obj = (...kvs: Array<[N, N]>): N => ({ kind: 'Object', items: kvs.map(([key, value]) => ({ key, value })) })
export const call = (name: string, ...args: N[]): N => ({ kind: 'Call', name, args, expandFinal: false })
export const callExpand = (name: string, ...args: N[]): N => ({ kind: 'Call', name, args, expandFinal: true })
export const index = (collection: N, key: N): N => ({ kind: 'IndexOf', collection, key })
export const getAttr = (object: N, name: string): N => ({ kind: 'GetAttr', object, name })
export const splat = (source: N, full: boolean, ...steps: N[]): N => ({ kind: 'Splat', source, steps, full })
export const unary = (op: '-' | '!', operand: N): N => ({ kind: 'Unary', op, operand })
export const bin = (op: string, left: N, right: N): N => ({ kind: 'Binary', op, left, right })
export const cond = (c: N, then: N, otherwise: N): N => ({ kind: 'Conditional', cond: c, then, else: otherwise })
export const paren = (e: N): N => ({ kind: 'Paren', expr: e })
export const attribute = (name: string, value: N): N => ({ kind: 'Attribute', name, value })
export const block = (type: string, labels: ReadonlyArray<string>, ...body: N[]): N => ({
  kind: 'Block', type, labels: labels.map((value) => ({ value })), body: { kind: 'Body', items: body },
})
