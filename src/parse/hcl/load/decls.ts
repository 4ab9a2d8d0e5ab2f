/**
 * Block instances (a block after for_each expansion, labels evaluated, address known) and the
 * declaration index that references resolve against.
 */
import type { Span } from '../../../ir/span.js'
import { addressKey } from '../eval/convert.js'
import { addressType } from '../eval/ref-path.js'
import type { BlockAddress, Value } from '../eval/value.js'
import type { Block } from '../syntax.js'

export interface Instance {
  readonly block: Block
  readonly type: string
  readonly labels: ReadonlyArray<string>
  readonly address: BlockAddress
  readonly nameSpan: Span
  /** `each` of the closest for_each (this block's or an enclosing one's) */
  readonly each: Value | undefined
  readonly parent: Instance | undefined
  children: ReadonlyArray<Instance>
}

/** Addresses whose objects contain columns (what `column.c` is relative to). */
const RELATIONS = ['table', 'view', 'materialized'] as const

/** The relation a block is in (itself, an enclosing one, or a trigger's/policy's `on`). */
export const relationOf = (a: BlockAddress | undefined): BlockAddress | undefined =>
  a === undefined ? undefined : (RELATIONS as ReadonlyArray<string>).includes(a.type) ? a : relationOf(a.parent)

export class DeclIndex {
  private readonly byKey = new Map<string, Instance[]>()
  private readonly byTypeName = new Map<string, Instance[]>()
  private readonly byType = new Map<string, Instance[]>()

  add(i: Instance): void {
    push(this.byKey, addressKey(i.address), i)
    if (i.parent === undefined || i.address.type === 'policy' || i.address.type === 'trigger') {
      push(this.byTypeName, `${i.address.type}\0${i.address.name}`, i)
      push(this.byType, i.address.type, i)
    }
    for (const c of i.children) this.add(c)
  }

  get(a: BlockAddress): ReadonlyArray<Instance> {
    return this.byKey.get(addressKey(a)) ?? []
  }

  /** Top-level objects (and triggers/policies anywhere) of an address type with a name. */
  named(type: string, name: string): ReadonlyArray<Instance> {
    return this.byTypeName.get(`${addressType(type)}\0${name}`) ?? []
  }

  ofType(type: string): ReadonlyArray<Instance> {
    return this.byType.get(addressType(type)) ?? []
  }

  /** Every address declared more than once, with its instances in source order. */
  duplicates(): ReadonlyArray<ReadonlyArray<Instance>> {
    return [...this.byKey.values()].filter((is) => is.length > 1)
  }
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const l = m.get(k)
  if (l === undefined) m.set(k, [v])
  else l.push(v)
}
