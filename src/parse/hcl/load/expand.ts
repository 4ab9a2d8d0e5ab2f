/**
 * for_each expansion: a block becomes one instance per element of its `for_each` (a list: each.key
 * is the element when it is a name-like value, else its index; an object: its keys in lexical
 * order, as HCL maps iterate), labels evaluated as templates with `each` in scope, the address
 * computed (schema from `schema = schema.x` or a two-label form, a trigger's/policy's table from
 * `on`), nested blocks expanded the same way inside.
 */
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import { describe, toText } from '../eval/convert.js'
import { evaluate } from '../eval/evaluate.js'
import { fromBigInt } from '../eval/number.js'
import { addressType, ATTACHED_TYPES, isSchemaType } from '../eval/ref-path.js'
import type { BlockAddress, Value } from '../eval/value.js'
import type { Attribute, Block } from '../syntax.js'
import type { Instance } from './decls.js'
import { makeScope, type BlockFrame, type ScopeParts } from './scope.js'

export const attribute = (b: Block, name: string): Attribute | undefined =>
  b.body.items.find((i): i is Attribute => i.kind === 'Attribute' && i.name === name)

export const nestedBlocks = (b: Block): ReadonlyArray<Block> => b.body.items.filter((i): i is Block => i.kind === 'Block')

/** The `each` values of a block: one undefined for a block without for_each. */
const eachValues = (b: Block, parts: ScopeParts, frame: BlockFrame, report: (d: ReadonlyArray<Diagnostic>) => void): ReadonlyArray<Value | undefined> => {
  const fe = attribute(b, 'for_each')
  if (fe === undefined) return [frame.each]
  const r = evaluate(fe.value, makeScope(parts, frame))
  if (E.isLeft(r)) {
    report(r.left)
    return []
  }
  const coll = r.right
  const each = (key: Value, value: Value): Value => ({ kind: 'object', entries: new Map([['key', key], ['value', value]]), span: fe.span })
  if (coll.kind === 'null') return []
  if (coll.kind === 'list')
    return coll.items.map((v, i) => each(toText(v) !== undefined && v.kind !== 'call' ? v : fromBigInt(BigInt(i), v.span), v))
  if (coll.kind === 'object') return [...coll.entries.keys()].sort().map((k) => each({ kind: 'string', value: k, span: coll.span }, coll.entries.get(k)!))
  report([diagnostic('error', 'E-TYPE', `for_each of ${b.type}: expected a list or an object, got ${describe(coll)}`, coll.span)])
  return []
}

const labelValues = (b: Block, parts: ScopeParts, frame: BlockFrame, report: (d: ReadonlyArray<Diagnostic>) => void): ReadonlyArray<string> | undefined => {
  const out: string[] = []
  for (const l of b.labels) {
    // the parser gives a template only for labels with interpolations or directives; any other
    // label's value is final (`"T $${x}"` is the text `T ${x}`, not an interpolation)
    if (l.template === undefined) {
      out.push(l.value)
      continue
    }
    const v = evaluate(l.template, makeScope(parts, frame))
    if (E.isLeft(v)) {
      report(v.left)
      return undefined
    }
    const text = toText(v.right)
    if (text === undefined) {
      report([diagnostic('error', 'E-TYPE', `label of ${b.type}: expected a string, got ${describe(v.right)}`, l.span)])
      return undefined
    }
    out.push(text)
  }
  return out
}

/** The schema of a top-level schema object: two labels, `schema = schema.x` (or a name), else public. */
const schemaOf = (b: Block, labels: ReadonlyArray<string>, parts: ScopeParts, frame: BlockFrame, report: (d: ReadonlyArray<Diagnostic>) => void): string => {
  if (labels.length >= 2) return labels[0]!
  const a = attribute(b, 'schema')
  if (a === undefined) return 'public'
  const x = a.value
  // read syntactically when it is the plain form, so that it needs no declaration yet
  if (x.kind === 'Traversal' && x.root === 'schema' && x.steps.length === 1 && x.steps[0]!.kind === 'Attr') return x.steps[0].name
  const v = evaluate(x, makeScope(parts, frame))
  if (E.isLeft(v)) {
    report(v.left)
    return 'public'
  }
  if (v.right.kind === 'ref' && v.right.target.type === 'schema') return v.right.target.name
  if (v.right.kind === 'string') return v.right.value
  report([diagnostic('error', 'E-TYPE', `attribute "schema" of ${b.type}: expected a reference to a schema, got ${describe(v.right)}`, v.right.span)])
  return 'public'
}

/** The table a top-level trigger or policy is `on`, when it resolves. */
const onOf = (b: Block, parts: ScopeParts, frame: BlockFrame): BlockAddress | undefined => {
  const a = attribute(b, 'on')
  if (a === undefined) return undefined
  const v = evaluate(a.value, makeScope(parts, frame))
  // errors are reported when the lowerer reads `on`
  return E.isRight(v) && v.right.kind === 'ref' ? v.right.target : undefined
}

/** Expand a block (top-level when `parent` is undefined) into its instances. */
export const expand = (b: Block, parent: Instance | undefined, parts: ScopeParts, report: (d: ReadonlyArray<Diagnostic>) => void): Instance[] => {
  const outer: BlockFrame = { each: parent?.each, self: undefined, relation: parent?.address }
  const out: Instance[] = []
  for (const each of eachValues(b, parts, outer, report)) {
    const frame: BlockFrame = { ...outer, each }
    const labels = labelValues(b, parts, frame, report)
    if (labels === undefined) continue
    const name = labels[labels.length - 1] ?? ''
    const type = addressType(b.type)
    let address: BlockAddress
    if (parent !== undefined) address = { type, name, parent: parent.address }
    else if (isSchemaType(type)) address = { type, schema: schemaOf(b, labels, parts, frame, report), name }
    else if ((ATTACHED_TYPES as ReadonlyArray<string>).includes(type)) {
      const on = onOf(b, parts, frame)
      address = on === undefined ? { type, name } : { type, name, parent: on }
    } else address = { type, name }
    const inst: Instance = { block: b, type: b.type, labels, address, nameSpan: nameSpan(b), each, parent, children: [] }
    inst.children = nestedBlocks(b).flatMap((c) => expand(c, inst, parts, report))
    out.push(inst)
  }
  return out
}

const nameSpan = (b: Block): Span => b.labels[0]?.span ?? b.typeSpan
