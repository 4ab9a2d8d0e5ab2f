/**
 * Property: for generated bodies (attributes, nested labelled blocks, every expression form,
 * quoted templates with directives, heredocs), parsing the canonical print gives the same tree
 * (spans aside). Generated trees are the parser's normal forms: parentheses where precedence
 * needs them, no empty or adjacent text parts, no postfix on plain traversals.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import type { Span } from '../../../src/ir/span.js'
import type { Attribute, BinaryOp, Block, Body, Expr, TemplatePart, Traverser } from '../../../src/parse/hcl/syntax.js'
import { printBody } from './parse-print.js'
import { parseOk, strip } from './parse-support.js'

const S: Span = { file: 'gen', line: 0, column: 0 }
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor'])

const name = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,5}$/).filter((n) => !KEYWORDS.has(n))
const numberText = fc.stringMatching(/^(0|[1-9][0-9]{0,3})(\.[0-9]{1,2})?([eE][+-]?[0-9])?$/)
/** text of a quoted string: escapes, template-looking characters, non-ASCII; never ending in `$`/`%` (they would escape the next `${`) */
const quotedText = fc
  .string({ unit: fc.constantFrom('a', 'b', ' ', '"', '\\', '\n', '\t', '$', '%', '{', '}', 'é', '😀', '~'), minLength: 1, maxLength: 8 })
  .filter((s) => !s.endsWith('$') && !s.endsWith('%'))
const heredocText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '$', '{', '"', '\\'), minLength: 1, maxLength: 10 }).filter((s) => !s.endsWith('$'))

const PREC: Readonly<Record<BinaryOp, number>> = {
  '*': 6, '/': 6, '%': 6, '+': 5, '-': 5, '>': 4, '>=': 4, '<': 4, '<=': 4, '==': 3, '!=': 3, '&&': 2, '||': 1,
}
const level = (e: Expr): number => (e.kind === 'Conditional' ? 0 : e.kind === 'Binary' ? PREC[e.op] : e.kind === 'Unary' ? 7 : 8)
const wrap = (e: Expr, min: number): Expr => (level(e) < min ? { kind: 'Paren', expr: e, span: S } : e)

/** parts with texts never adjacent nor empty */
const normal = (ps: ReadonlyArray<TemplatePart>): TemplatePart[] => {
  const out: TemplatePart[] = []
  for (const p of ps) {
    const prev = out[out.length - 1]
    if (p.kind === 'Text' && prev?.kind === 'Text') out[out.length - 1] = { ...prev, value: prev.value + p.value }
    else out.push(p)
  }
  return out.filter((p) => !(p.kind === 'Text' && (p.value === '' || p.value.endsWith('$') || p.value.endsWith('%'))))
}

const templateParts = (depth: number, textArb: fc.Arbitrary<string>, e: fc.Arbitrary<Expr>): fc.Arbitrary<TemplatePart[]> => {
  const part: fc.Arbitrary<TemplatePart> = fc.oneof(
    textArb.map((value): TemplatePart => ({ kind: 'Text', value, span: S })),
    e.map((expr): TemplatePart => ({ kind: 'Interpolation', expr, span: S })),
    ...(depth > 0
      ? [
          fc.tuple(e, templateParts(depth - 1, textArb, e), templateParts(depth - 1, textArb, e)).map(
            ([cond, then, otherwise]): TemplatePart => ({ kind: 'If', cond, then, else: otherwise, span: S }),
          ),
          fc.tuple(fc.option(name, { nil: undefined }), name, e, templateParts(depth - 1, textArb, e)).map(
            ([key, value, collection, body]): TemplatePart => ({ kind: 'For', ...(key === undefined ? {} : { key }), value, collection, body, span: S }),
          ),
        ]
      : []),
  )
  return fc.array(part, { maxLength: 4 }).map(normal)
}

const exprArb = (depth: number): fc.Arbitrary<Expr> => {
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    numberText.map((text): Expr => ({ kind: 'Number', text, span: S })),
    fc.boolean().map((value): Expr => ({ kind: 'Bool', value, span: S })),
    fc.constant<Expr>({ kind: 'Null', span: S }),
    name.map((root): Expr => ({ kind: 'Traversal', root, rootSpan: S, steps: [], span: S })),
    quotedText.map((value): Expr => ({ kind: 'Template', parts: [{ kind: 'Text', value, span: S }], form: 'quoted', span: S })),
  )
  if (depth <= 0) return leaf
  const sub = exprArb(depth - 1)
  const step: fc.Arbitrary<Traverser> = fc.oneof(
    name.map((n): Traverser => ({ kind: 'Attr', name: n, span: S })),
    sub.map((key): Traverser => ({ kind: 'Index', key, span: S })),
  )
  const attrStep = name.map((n): Traverser => ({ kind: 'Attr', name: n, span: S }))
  const call = fc.tuple(name, fc.array(sub, { maxLength: 3 }), fc.boolean()).map(
    ([n, args, expand]): Expr => ({ kind: 'Call', name: n, nameSpan: S, args, expandFinal: expand && args.length > 0, span: S }),
  )
  const tuple = fc.array(sub, { maxLength: 3 }).map((items): Expr => ({ kind: 'Tuple', items, span: S }))
  const key = fc.oneof(
    name.map((root): Expr => ({ kind: 'Traversal', root, rootSpan: S, steps: [], span: S })),
    quotedText.map((value): Expr => ({ kind: 'Template', parts: [{ kind: 'Text', value, span: S }], form: 'quoted', span: S })),
    sub.map((e): Expr => ({ kind: 'Paren', expr: e, span: S })),
  )
  const object = fc.array(fc.tuple(key, sub), { maxLength: 3 }).map(
    (kvs): Expr => ({ kind: 'Object', items: kvs.map(([k, value]) => ({ key: k, value, span: S })), span: S }),
  )
  const paren = sub.map((e): Expr => ({ kind: 'Paren', expr: e, span: S }))
  /** a base for GetAttr/IndexOf/Splat: not a traversal (its steps would be traversal steps) */
  const base = fc.oneof(call, tuple, object, paren)
  const ops = Object.keys(PREC) as BinaryOp[]
  return fc.oneof(
    leaf,
    fc.tuple(name, fc.array(step, { minLength: 1, maxLength: 3 })).map(([root, steps]): Expr => ({ kind: 'Traversal', root, rootSpan: S, steps, span: S })),
    templateParts(1, quotedText, sub).map((parts): Expr => ({ kind: 'Template', parts, form: 'quoted', span: S })),
    call,
    tuple,
    object,
    paren,
    fc.tuple(base, name).map(([object, n]): Expr => ({ kind: 'GetAttr', object, name: n, span: S })),
    fc.tuple(base, sub).map(([collection, k]): Expr => ({ kind: 'IndexOf', collection, key: k, span: S })),
    fc.tuple(fc.oneof(base, name.map((root): Expr => ({ kind: 'Traversal', root, rootSpan: S, steps: [], span: S }))), fc.boolean(), fc.array(attrStep, { maxLength: 2 }), fc.array(step, { maxLength: 2 }))
      .map(([source, full, attrs, steps]): Expr => ({ kind: 'Splat', source, full, steps: full ? steps : attrs, span: S })),
    fc.tuple(fc.constantFrom<'-' | '!'>('-', '!'), sub).map(([op, operand]): Expr => ({ kind: 'Unary', op, operand: wrap(operand, 7), span: S })),
    fc.tuple(fc.constantFrom(...ops), sub, sub).map(([op, l, r]): Expr => ({
      kind: 'Binary', op, left: wrap(l, PREC[op]), right: wrap(r, PREC[op] + 1), span: S,
    })),
    fc.tuple(sub, sub, sub).map(([c, t, e]): Expr => ({ kind: 'Conditional', cond: wrap(c, 1), then: t, else: e, span: S })),
    fc.tuple(fc.option(name, { nil: undefined }), name, sub, sub, fc.option(sub, { nil: undefined })).map(([k, v, coll, val, c]): Expr => ({
      kind: 'For', form: 'tuple', ...(k === undefined ? {} : { keyVar: k }), valueVar: v, collection: coll, valueExpr: val, group: false,
      ...(c === undefined ? {} : { cond: c }), span: S,
    })),
    fc.tuple(fc.option(name, { nil: undefined }), name, sub, sub, sub, fc.boolean(), fc.option(sub, { nil: undefined })).map(([k, v, coll, ke, val, g, c]): Expr => ({
      kind: 'For', form: 'object', ...(k === undefined ? {} : { keyVar: k }), valueVar: v, collection: coll, keyExpr: ke, valueExpr: val, group: g,
      ...(c === undefined ? {} : { cond: c }), span: S,
    })),
  )
}

/** a heredoc's parts end with a newline (the delimiter line follows) */
const heredoc: fc.Arbitrary<Expr> = templateParts(1, heredocText, exprArb(1)).map((ps): Expr => {
  const parts = normal([...ps, { kind: 'Text', value: '\n', span: S }])
  return { kind: 'Template', parts, form: 'heredoc', span: S }
})

const attribute: fc.Arbitrary<Attribute> = fc.tuple(name, fc.oneof({ weight: 4, arbitrary: exprArb(3) }, { weight: 1, arbitrary: heredoc }))
  .map(([n, value]) => ({ kind: 'Attribute', name: n, nameSpan: S, value, span: S }))

const blockArb = (depth: number): fc.Arbitrary<Block> =>
  fc.tuple(name, fc.array(quotedText, { maxLength: 2 }), fc.array(depth > 0 ? fc.oneof(attribute, blockArb(depth - 1)) : attribute, { maxLength: 3 }))
    .map(([type, labels, items]) => ({
      kind: 'Block', type, typeSpan: S, labels: labels.map((value) => ({ value, span: S })), body: { kind: 'Body', items, span: S }, span: S,
    }))

const bodyArb: fc.Arbitrary<Body> = fc.array(fc.oneof(attribute, blockArb(2)), { maxLength: 4 }).map((items) => ({ kind: 'Body', items, span: S }))

test('parse(print(tree)) is the tree, for generated bodies', () => {
  fc.assert(
    fc.property(bodyArb, (body) => {
      const text = printBody(body)
      assert.equal(strip(parseOk(text)), strip(body), text)
    }),
    { numRuns: 300 },
  )
})

test('the printer is canonical on a known tree', () => {
  const text = 'a = f(x, [1, 2]...)\nb "l" {\n  c = "q\\"${d.e[0]}"\n}\n'
  assert.is(printBody(parseOk(text)), text)
})

test.run()
