/**
 * BlockView: what a lowerer reads of a block instance. Attributes are evaluated on first read,
 * with `self` and `each` in scope, and an attribute's errors are reported once; `for_each` and
 * `depends_on` belong to the loader and are not among the attribute names.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Diagnostic, Span } from '../../../ir/span.js'
import { evaluate } from '../eval/evaluate.js'
import type { Value } from '../eval/value.js'
import type { Attribute } from '../syntax.js'
import type { BlockView } from '../lower/context.js'
import type { Instance } from './decls.js'
import { makeScope, type ScopeParts } from './scope.js'

/** Attributes the loader consumes itself. */
export const LOADER_ATTRIBUTES = ['for_each', 'depends_on'] as const

export interface Views {
  view(i: Instance): BlockView
  /** the instance behind a view made here */
  instance(v: BlockView): Instance | undefined
}

export const makeViews = (parts: ScopeParts, report: (d: ReadonlyArray<Diagnostic>) => void): Views => {
  const views = new Map<Instance, BlockView>()
  const back = new WeakMap<BlockView, Instance>()
  const view = (i: Instance): BlockView => {
    const hit = views.get(i)
    if (hit !== undefined) return hit
    const attrs = i.block.body.items.filter((x): x is Attribute => x.kind === 'Attribute' && !(LOADER_ATTRIBUTES as ReadonlyArray<string>).includes(x.name))
    const cache = new Map<string, Value | undefined>()
    const scope = () => makeScope(parts, { each: i.each, self: { kind: 'ref', target: i.address, span: i.nameSpan }, relation: i.address })
    const v: BlockView = {
      type: i.type,
      labels: i.labels,
      address: i.address,
      span: i.block.span,
      nameSpan: i.nameSpan,
      attributeNames: attrs.map((a) => a.name),
      attr: (name: string): Value | undefined => {
        if (cache.has(name)) return cache.get(name)
        const a = attrs.find((x) => x.name === name)
        let value: Value | undefined
        if (a !== undefined) {
          const r = evaluate(a.value, scope())
          if (E.isLeft(r)) report(r.left)
          else value = r.right
        }
        cache.set(name, value)
        return value
      },
      attrSpan: (name: string): Span | undefined => attrs.find((x) => x.name === name)?.span,
      blocks: (type: string) => i.children.filter((c) => c.type === type).map(view),
      blockTypes: [...new Set(i.block.body.items.flatMap((x) => (x.kind === 'Block' ? [x.type] : [])))],
    }
    views.set(i, v)
    back.set(v, i)
    return v
  }
  return { view, instance: (v) => back.get(v) }
}
