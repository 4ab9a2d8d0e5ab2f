/**
 * The plan: which objects are dropped, created, recreated (and why), altered in place, and which
 * drops happen implicitly with another one (an index with its table, a schema's content with
 * DROP SCHEMA … CASCADE, an owned sequence with its table or column).
 */
import type { Catalog } from '../ir/catalog.js'
import { irEqual } from '../ir/equal.js'
import { identity } from '../ir/names.js'
import type { Column, DbObject, Table } from '../ir/objects.js'
import { graphOf, isFk, lookup, type Graph, type Lookup } from './graph.js'
import { diffObject, type ObjectDiff } from './objects.js'
import { diffTable, type TableAlter } from './table.js'
import { typeRefName } from './refs.js'

export interface Recreate {
  readonly reason: string
  readonly destructive?: string
}

export interface Plan {
  readonly from: Catalog
  readonly to: Catalog
  readonly g0: Graph
  readonly g1: Graph
  readonly l1: Lookup
  readonly dropped: ReadonlySet<string>
  readonly created: ReadonlySet<string>
  readonly recreated: ReadonlyMap<string, Recreate>
  /** recreated types that tables keep using: moved aside, rebuilt, columns converted */
  readonly renamed: ReadonlySet<string>
  readonly tables: ReadonlyMap<string, TableAlter>
  readonly others: ReadonlyMap<string, ObjectDiff & { kind: 'alter' }>
  /** an implicitly dropped object → the object (or table, for a dropped column) whose drop takes it along */
  readonly impliedBy: ReadonlyMap<string, { readonly id: string; readonly pre: boolean }>
  /** foreign keys, per table id, that must be dropped and re-added */
  readonly forcedFks: ReadonlyMap<string, ReadonlySet<string>>
}

const TYPE_KINDS = new Set(['Enum', 'Domain', 'CompositeType'])

export const gone = (p: Plan, id: string): boolean => p.dropped.has(id) || p.recreated.has(id)

/** Compute the plan; `deferredFks` (table id → names) are the FKs added later to break cycles. */
export const makePlan = (from: Catalog, to: Catalog, deferredFks: (p: Omit<Plan, 'tables'>) => ReadonlyMap<string, ReadonlySet<string>>): Plan & { deferred: ReadonlyMap<string, ReadonlySet<string>> } => {
  const v = to.pgVersion
  const g0 = graphOf(from)
  const g1 = graphOf(to)
  const l1 = lookup(to)
  const dropped = new Set([...from.objects.keys()].filter((id) => !to.objects.has(id)))
  const created = new Set([...to.objects.keys()].filter((id) => !from.objects.has(id)))
  const recreated = new Map<string, Recreate>()
  const others = new Map<string, ObjectDiff & { kind: 'alter' }>()
  const both = [...to.objects.keys()].filter((id) => from.objects.has(id))
  const noCtx = { pgVersion: v, forcedFks: new Set<string>(), deferredFks: new Set<string>(), retyped: () => false }
  for (const id of both) {
    const o0 = from.objects.get(id) as DbObject
    const o1 = to.objects.get(id) as DbObject
    if (o0.kind === 'Table' && o1.kind === 'Table') {
      const d = diffTable(o0, o1, noCtx)
      if (d.kind === 'recreate') recreated.set(id, { reason: d.reason, destructive: d.reason })
    } else if (o0.kind === 'Table' || o1.kind === 'Table') {
      recreated.set(id, { reason: 'changes kind', destructive: `"${id}" changes kind: it is dropped and recreated` })
    } else {
      const d = diffObject(o0, o1, v)
      if (d.kind === 'recreate') recreated.set(id, d.destructive === undefined ? { reason: d.reason } : { reason: d.reason, destructive: d.destructive })
      else others.set(id, d)
    }
  }
  const renamed = new Set<string>()
  const forcedFks = new Map<string, Set<string>>()
  const addForced = (table: string, fk: string): void => {
    const s = forcedFks.get(table)
    if (s) s.add(fk)
    else forcedFks.set(table, new Set([fk]))
  }
  const usesType = (c: Column, typeId: string): boolean => {
    const n = typeRefName(c.type)
    return n !== undefined && l1.type(n) === typeId
  }
  let tables = new Map<string, TableAlter>()
  // propagate to a fixpoint: what depends on something gone must go too (and come back)
  for (let changed = true; changed; ) {
    changed = false
    const mark = (id: string, r: Recreate): void => {
      if (!to.objects.has(id) || recreated.has(id) || created.has(id)) return
      recreated.set(id, r)
      others.delete(id)
      changed = true
    }
    for (const id of [...dropped, ...recreated.keys()]) {
      for (const d of g0.dependents.get(id) ?? []) {
        if (!to.objects.has(d.id) || recreated.has(d.id) || d.via === 'ext' || d.via === 'role') continue
        const dep = from.objects.get(d.id) as DbObject
        if (dep.kind === 'Table') {
          if (isFk(d.via)) addForced(d.id, d.via.fk)
          else if (d.via === 'parent') mark(d.id, { reason: `its partition parent is recreated`, destructive: `partition "${dep.name}" is recreated with its parent: its data is lost` })
          else if (d.via === 'type' && recreated.has(id) && TYPE_KINDS.has((from.objects.get(id) as DbObject).kind)) {
            if (!renamed.has(id)) {
              renamed.add(id)
              changed = true
            }
          }
          continue
        }
        if (d.via === 'schema' && dropped.has(id)) continue
        mark(d.id, { reason: `it depends on "${id}", which is dropped or recreated` })
      }
      // a sequence owned by a recreated table goes with it
      const o = from.objects.get(id)
      if (o?.kind === 'Table')
        for (const d of g0.dependents.get(id) ?? []) if (d.via === 'ownedBy') mark(d.id, { reason: `its owning table is recreated` })
    }
    // a recreated type that a kept table uses afterwards is moved aside, so the table can switch over
    for (const id of recreated.keys()) {
      const o = from.objects.get(id) as DbObject
      if (!TYPE_KINDS.has(o.kind) || renamed.has(id)) continue
      for (const tid of both) {
        const t = to.objects.get(tid) as DbObject
        if (t.kind === 'Table' && !recreated.has(tid) && t.columns.some((c) => usesType(c, id))) {
          renamed.add(id)
          changed = true
          break
        }
      }
    }
    // a type moved aside keeps the recreated types it is built on until it is dropped: move those aside too
    for (const id of [...renamed])
      for (const d of g0.deps.get(id) ?? []) {
        if (d.via !== 'type' || renamed.has(d.id) || !recreated.has(d.id) || !TYPE_KINDS.has((from.objects.get(d.id) as DbObject).kind)) continue
        renamed.add(d.id)
        changed = true
      }
    const deferred = deferredFks({ from, to, g0, g1, l1, dropped, created, recreated, renamed, others, impliedBy: new Map(), forcedFks })
    tables = new Map()
    for (const id of both) {
      if (recreated.has(id)) continue
      const o0 = from.objects.get(id) as DbObject
      const o1 = to.objects.get(id) as DbObject
      if (o0.kind !== 'Table' || o1.kind !== 'Table') continue
      const d = diffTable(o0, o1, {
        pgVersion: v,
        forcedFks: forcedFks.get(id) ?? new Set(),
        deferredFks: deferred.get(id) ?? new Set(),
        retyped: (c) => [...renamed].some((t) => usesType(c, t)),
        ...(o1.partitionOf ? { parent: parentsOf(from, to, o0, o1) } : {}),
      })
      if (d.kind === 'recreate') continue
      tables.set(id, d)
      // views over a column that changes type or goes away must be rebuilt
      const steps = [...d.pre, ...d.post]
      if (steps.some((s) => s.action.kind === 'DropColumn' || s.action.kind === 'AlterColumnType'))
        for (const dep of g0.dependents.get(id) ?? []) {
          const o = from.objects.get(dep.id)
          if (o && (o.kind === 'View' || o.kind === 'MaterializedView' || (o.kind === 'Function' && o.sqlBody === true)))
            mark(dep.id, { reason: `a column of "${o1.name}" it reads changes type or is dropped` })
        }
    }
  }
  const impliedBy = implied(from, to, g0, dropped, recreated, tables)
  const plan = { from, to, g0, g1, l1, dropped, created, recreated, renamed, tables, others, impliedBy, forcedFks }
  return { ...plan, deferred: deferredFks(plan) }
}

const implied = (
  from: Catalog,
  to: Catalog,
  g0: Graph,
  dropped: ReadonlySet<string>,
  recreated: ReadonlyMap<string, Recreate>,
  tables: ReadonlyMap<string, TableAlter>,
): Map<string, { id: string; pre: boolean }> => {
  const out = new Map<string, { id: string; pre: boolean }>()
  const isGone = (id: string): boolean => dropped.has(id) || recreated.has(id)
  for (const [id, o] of from.objects) {
    if (!isGone(id) || o.kind === 'Schema') continue
    if ('schema' in o && o.kind !== 'Extension') {
      const s = identity('Schema', [o.schema])
      if (dropped.has(s)) {
        out.set(id, { id: s, pre: false })
        continue
      }
    }
    for (const d of g0.deps.get(id) ?? []) {
      if ((d.via === 'on' || d.via === 'parent') && isGone(d.id)) {
        out.set(id, { id: d.id, pre: false })
        break
      }
      if (d.via === 'ownedBy' && o.kind === 'Sequence' && o.ownedBy) {
        const owner = to.objects.get(d.id)
        if (isGone(d.id)) {
          out.set(id, { id: d.id, pre: false })
          break
        }
        const alter = tables.get(d.id)
        if (owner && alter?.pre.some((s) => s.action.kind === 'DropColumn' && s.action.column === o.ownedBy?.column)) {
          out.set(id, { id: d.id, pre: true })
          break
        }
      }
    }
  }
  return out
}

export const tableOf = (c: Catalog, id: string): Table | undefined => {
  const o = c.objects.get(id)
  return o?.kind === 'Table' ? o : undefined
}

export const sameObject = (a: DbObject, b: DbObject): boolean => irEqual(a, b)

const parentsOf = (from: Catalog, to: Catalog, t0: Table, t1: Table): { from?: Table; to?: Table } => {
  const find = (c: Catalog, t: Table): Table | undefined =>
    t.partitionOf ? tableOf(c, identity('Table', [t.partitionOf.parent.schema, t.partitionOf.parent.name])) : undefined
  const f = find(from, t0)
  const g = find(to, t1)
  return { ...(f ? { from: f } : {}), ...(g ? { to: g } : {}) }
}
