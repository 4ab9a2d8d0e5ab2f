/**
 * Hand-built HCL syntax trees for the evaluator and loader tests (independent of the parser), and
 * a compact printing of values for exact assertions.
 */
import type { Span } from '../../../src/ir/span.js'
import type { Value } from '../../../src/parse/hcl/eval/value.js'
import type { Attribute, BinaryOp, Block, Body, Expr, Label, TemplatePart, Traverser } from '../../../src/parse/hcl/syntax.js'

let line = 0
/** A fresh span (distinct line numbers), or one at a given line. */
export const sp = (l?: number, file = 't.hcl'): Span => ({ file, line: l ?? ++line, column: 1 })

export const num = (text: string, s = sp()): Expr => ({ kind: 'Number', text, span: s })
export const bool = (value: boolean): Expr => ({ kind: 'Bool', value, span: sp() })
export const nul = (): Expr => ({ kind: 'Null', span: sp() })
/** A template: strings are text parts, expressions interpolations. */
export const tpl = (...parts: ReadonlyArray<string | Expr>): Expr =>
  tplParts(...parts.map((p): TemplatePart => (typeof p === 'string' ? { kind: 'Text', value: p, span: sp() } : { kind: 'Interpolation', expr: p, span: sp() })))
export const tplParts = (...parts: TemplatePart[]): Expr => ({ kind: 'Template', form: 'quoted', parts, span: sp() })
export const str = (s: string, at = sp()): Expr => ({ kind: 'Template', form: 'quoted', parts: [{ kind: 'Text', value: s, span: at }], span: at })
/** `a.b[0].c`: dotted names; a numeric segment is an index. */
export const tr = (path: string, at = sp()): Expr => {
  const [root, ...rest] = path.split('.')
  const steps: Traverser[] = rest.map((r) => (/^\d+$/.test(r) ? { kind: 'Index', key: num(r), span: at } : { kind: 'Attr', name: r, span: at }))
  return { kind: 'Traversal', root: root!, rootSpan: at, steps, span: at }
}
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'Call', name, nameSpan: sp(), args, expandFinal: false, span: sp() })
export const callExpand = (name: string, ...args: Expr[]): Expr => ({ kind: 'Call', name, nameSpan: sp(), args, expandFinal: true, span: sp() })
export const list = (...items: Expr[]): Expr => ({ kind: 'Tuple', items, span: sp() })
export const obj = (...items: ReadonlyArray<readonly [string | Expr, Expr]>): Expr => ({
  kind: 'Object',
  items: items.map(([k, v]) => ({ key: typeof k === 'string' ? tr(k) : k, value: v, span: sp() })),
  span: sp(),
})
export const bin = (op: BinaryOp, left: Expr, right: Expr, at = sp()): Expr => ({ kind: 'Binary', op, left, right, span: at })
export const neg = (operand: Expr): Expr => ({ kind: 'Unary', op: '-', operand, span: sp() })
export const not = (operand: Expr): Expr => ({ kind: 'Unary', op: '!', operand, span: sp() })
export const cond = (c: Expr, a: Expr, b: Expr): Expr => ({ kind: 'Conditional', cond: c, then: a, else: b, span: sp() })
export const idx = (c: Expr, k: Expr): Expr => ({ kind: 'IndexOf', collection: c, key: k, span: sp() })
export const getattr = (o: Expr, name: string): Expr => ({ kind: 'GetAttr', object: o, name, span: sp() })
export const splat = (source: Expr, ...names: string[]): Expr => ({ kind: 'Splat', source, steps: names.map((n) => ({ kind: 'Attr', name: n, span: sp() })), full: true, span: sp() })
export const forList = (v: string, coll: Expr, value: Expr, opts: { key?: string; cond?: Expr } = {}): Expr => ({
  kind: 'For', form: 'tuple', valueVar: v, collection: coll, valueExpr: value, group: false, span: sp(),
  ...(opts.key !== undefined ? { keyVar: opts.key } : {}), ...(opts.cond !== undefined ? { cond: opts.cond } : {}),
})
export const forObj = (v: string, coll: Expr, key: Expr, value: Expr, opts: { key?: string; cond?: Expr; group?: boolean } = {}): Expr => ({
  kind: 'For', form: 'object', valueVar: v, collection: coll, keyExpr: key, valueExpr: value, group: opts.group ?? false, span: sp(),
  ...(opts.key !== undefined ? { keyVar: opts.key } : {}), ...(opts.cond !== undefined ? { cond: opts.cond } : {}),
})
export const ifPart = (c: Expr, then: TemplatePart[], els: TemplatePart[] = []): TemplatePart => ({ kind: 'If', cond: c, then, else: els, span: sp() })
export const forPart = (v: string, coll: Expr, body: TemplatePart[], key?: string): TemplatePart => ({ kind: 'For', value: v, collection: coll, body, span: sp(), ...(key ? { key } : {}) })
export const text = (value: string): TemplatePart => ({ kind: 'Text', value, span: sp() })
export const interp = (expr: Expr): TemplatePart => ({ kind: 'Interpolation', expr, span: sp() })

// ───────────── bodies ─────────────
export const attr = (name: string, value: Expr, at = sp()): Attribute => ({ kind: 'Attribute', name, nameSpan: at, value, span: at })
/**
 * A label as the parser gives it: a template only when it interpolates (`t_${each.key}`); the
 * interpolations written here are traversals (`each.key`, `var.x`).
 */
const label = (value: string, at: Span): Label => {
  if (!value.includes('${')) return { value, span: at }
  const parts: TemplatePart[] = value.split(/(\$\{[^}]*\})/).filter((x) => x !== '').map((x) => (x.startsWith('${') ? { kind: 'Interpolation', expr: tr(x.slice(2, -1).trim()), span: at } : { kind: 'Text', value: x, span: at }))
  return { value, span: at, template: { kind: 'Template', form: 'quoted', parts, span: at } }
}

export const block = (type: string, labels: ReadonlyArray<string>, ...items: ReadonlyArray<Attribute | Block>): Block => {
  const at = sp()
  return { kind: 'Block', type, typeSpan: at, labels: labels.map((value) => label(value, at)), body: { kind: 'Body', items, span: at }, span: at }
}
export const body = (...items: ReadonlyArray<Attribute | Block>): Body => ({ kind: 'Body', items, span: sp() })

// ───────────── printing ─────────────
export const show = (v: Value): string => {
  switch (v.kind) {
    case 'null':
      return 'null'
    case 'bool':
      return String(v.value)
    case 'number':
      return v.text
    case 'string':
      return JSON.stringify(v.value)
    case 'list':
      return `[${v.items.map(show).join(', ')}]`
    case 'object':
      return `{${[...v.entries].map(([k, x]) => `${k}=${show(x)}`).join(', ')}}`
    case 'ref': {
      const a = (t: typeof v.target): string => `${t.parent ? a(t.parent) + '/' : ''}${t.type}:${t.schema !== undefined ? t.schema + '.' : ''}${t.name}`
      return `ref(${a(v.target)})`
    }
    case 'keyword':
      return `kw(${v.name})`
    case 'call':
      return `${v.name}(${v.args.map(show).join(', ')})`
    case 'sql':
      return `sql(${JSON.stringify(v.text)})`
  }
}
