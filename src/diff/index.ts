/**
 * diff(from, to): the ordered ChangeSet that takes a database in state `from` to state `to`.
 * Pure and deterministic: objects are matched by identity, the order comes from the dependency
 * graphs of both catalogs, ties are broken by a fixed kind order then identity.
 */
import type { Catalog } from '../ir/catalog.js'
import { changeSet, type Change, type ChangeSet } from '../ir/change.js'
import { irEqual } from '../ir/equal.js'
import type { DbObject, ForeignKey, Table } from '../ir/objects.js'
import { isFk, type Graph } from './graph.js'
import { metaChanges, commentChange, subTarget } from './meta.js'
import { checkKept, triggerEnabledChange } from './objects.js'
import { components, topoOrder } from './order.js'
import { gone, makePlan, type Plan } from './plan.js'
import { alterTableChange, withoutInherited } from './table.js'
import { identity } from '../ir/names.js'
import { createChange, dropChange, renameChange, tempName } from './changes.js'
import { aclChanges, createdRowSecurity, defaultsOf, schemaUsageOf, type AclContext } from './acl.js'
import { defaultAclChanges } from './default-acl.js'
import { createdRole } from './roles.js'
import { catalog } from '../ir/catalog.js'
import { aclKindOf, defaultObjectType } from '../normalize/acl.js'

export interface DiffOptions {
  /** the role that runs the migration: objects it creates are owned by it (default `postgres`) */
  readonly role?: string
}

const KIND_ORDER: Readonly<Record<DbObject['kind'], string>> = {
  Schema: '00',
  Extension: '01',
  Enum: '02',
  Domain: '03',
  CompositeType: '04',
  Sequence: '05',
  Function: '06',
  Table: '07',
  View: '08',
  MaterializedView: '09',
  Index: '10',
  Trigger: '11',
  Role: '12',
  Membership: '13',
  DefaultAcl: '14',
  Policy: '15',
  Database: '16',
} as const

interface Node {
  readonly key: string
  readonly changes: Change[]
}

/** FK edges (table id → [referenced table id, constraint]) of a catalog. */
const fkEdges = (g: Graph, c: Catalog): Array<{ from: string; to: string; fk: string }> =>
  [...g.deps].flatMap(([id, ds]) =>
    c.objects.get(id)?.kind === 'Table'
      ? ds.flatMap((d) => (isFk(d.via) && d.id !== id ? [{ from: id, to: d.id, fk: d.via.fk }] : []))
      : [],
  )

const cyclic = (edges: ReadonlyArray<{ from: string; to: string }>): ((a: string, b: string) => boolean) => {
  const succ = new Map<string, string[]>()
  for (const e of edges) succ.set(e.from, [...(succ.get(e.from) ?? []), e.to])
  const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()
  const comp = components(ids, (id) => succ.get(id) ?? [])
  return (a, b) => comp.get(a) !== undefined && comp.get(a) === comp.get(b)
}

const fkOf = (t: Table | undefined, name: string): ForeignKey | undefined => {
  const k = t?.constraints.find((c) => c.name === name)
  return k?.kind === 'ForeignKey' ? k : undefined
}

/** A catalog without a Database object describes one owned by the migration role, with the default ACL. */
const withDatabase = (c: Catalog, role: string): Catalog =>
  c.objects.has(identity('Database', [])) ? c : catalog(c.pgVersion, [...c.objects.values(), { kind: 'Database', owner: role }])

export const diff = (from0: Catalog, to0: Catalog, options: DiffOptions = {}): ChangeSet => {
  const role = options.role ?? 'postgres'
  const from = withDatabase(from0, role)
  const to = withDatabase(to0, role)
  const plan = makePlan(from, to, (p) => {
    // foreign keys that close a cycle among tables whose FK is (re)created are added at the end
    const cyc = cyclic(fkEdges(p.g1, to))
    const out = new Map<string, Set<string>>()
    for (const e of fkEdges(p.g1, to)) {
      if (!cyc(e.from, e.to)) continue
      const t0 = from.objects.get(e.from) as Table | undefined
      const t1 = to.objects.get(e.from) as Table
      const isNew =
        p.created.has(e.from) ||
        p.recreated.has(e.from) ||
        p.forcedFks.get(e.from)?.has(e.fk) === true ||
        !irEqual(fkOf(t0, e.fk), fkOf(t1, e.fk))
      if (isNew) out.set(e.from, new Set([...(out.get(e.from) ?? []), e.fk]))
    }
    return out
  })
  return changeSet(order(plan, role))
}

const order = (p: Plan & { deferred: ReadonlyMap<string, ReadonlySet<string>> }, role: string): Change[] => {
  const { from, to } = p
  const ctx: AclContext = { role, v: to.pgVersion, defaults: defaultsOf(to), schemaUsage: schemaUsageOf(to) }
  const nodes: Node[] = []
  const edges: Array<[number, number]> = []
  const node = (phase: number, o: DbObject, id: string, sub: string, changes: Change[]): number => {
    nodes.push({ key: `${phase}|${KIND_ORDER[o.kind]}|${id}|${sub}`, changes })
    return nodes.length - 1
  }
  const edge = (a: number | undefined, b: number | undefined): void => {
    if (a !== undefined && b !== undefined && a !== b) edges.push([a, b])
  }
  const drop = new Map<string, number>()
  const rename = new Map<string, number>()
  const create = new Map<string, number>()
  const pre = new Map<string, number>()
  const post = new Map<string, number>()

  // drops (explicit ones first; implied ones point at the node of what takes them along)
  const goneIds = [...p.dropped, ...p.recreated.keys()].sort()
  for (const id of goneIds) {
    if (p.impliedBy.has(id)) continue
    const o = from.objects.get(id) as DbObject
    if (p.renamed.has(id)) {
      rename.set(id, node(0, o, id, 'rename', [renameChange(o)]))
      drop.set(id, node(1, o, id, 'drop-old', [dropChange({ ...o, name: tempName(o) } as DbObject, false, p.recreated.get(id))]))
      continue
    }
    const cascade = o.kind === 'Schema' && [...from.objects.values()].some((x) => 'schema' in x && x.kind !== 'Extension' && x.schema === o.name)
    drop.set(id, node(0, o, id, 'drop', o.kind === 'DefaultAcl' ? defaultAclChanges(o, undefined, to.pgVersion) : [dropChange(o, cascade, p.recreated.get(id))]))
  }
  // alters
  for (const [id, t] of p.tables) {
    const o1 = to.objects.get(id) as DbObject
    const readded = new Set(t.pre.flatMap((s) => (s.action.kind === 'DropColumn' ? [s.action.column] : [])))
    const preChanges = [...(t.detach ? [t.detach] : []), ...alterTableChange(o1.kind === 'Table' ? o1.schema : '', (o1 as Table).name, t.pre, 'Modify')]
    const postChanges = [
      ...alterTableChange((o1 as Table).schema, (o1 as Table).name, t.post, 'Modify'),
      ...(t.attach ? [t.attach] : []),
      ...t.meta,
      ...metaChanges(from.objects.get(id), o1, role),
      ...aclChanges(from.objects.get(id), o1, ctx, readded),
    ]
    if (preChanges.length) pre.set(id, node(0, o1, id, 'pre', preChanges))
    if (postChanges.length) post.set(id, node(1, o1, id, 'post', postChanges))
  }
  for (const [id, d] of p.others) {
    const o0 = from.objects.get(id) as DbObject
    const o1 = to.objects.get(id) as DbObject
    const changes = [...d.changes, ...metaChanges(o0, o1, role), ...subComments(o0, o1), ...aclChanges(o0, o1, ctx)]
    if (changes.length) post.set(id, node(1, o1, id, 'alter', changes))
  }
  // creates
  for (const id of [...p.created, ...p.recreated.keys()].sort()) {
    const o = to.objects.get(id) as DbObject
    const deferred = p.deferred.get(id) ?? new Set<string>()
    const parent = o.kind === 'Table' && o.partitionOf ? to.objects.get(identity('Table', [o.partitionOf.parent.schema, o.partitionOf.parent.name])) : undefined
    const obj: DbObject =
      o.kind === 'Table'
        ? withoutInherited({ ...o, constraints: o.constraints.filter((k) => !deferred.has(k.name)) }, parent?.kind === 'Table' ? parent : undefined)
        : o
    create.set(id, node(1, o, id, 'create', creation(obj, o, role, deferred, ctx, to)))
  }
  const avail = (id: string): number[] => {
    const c = create.get(id)
    if (c !== undefined) return [c]
    return [pre.get(id), post.get(id)].filter((x): x is number => x !== undefined)
  }
  const dropNode = (id: string): number | undefined => {
    const imp = p.impliedBy.get(id)
    if (imp) return imp.pre ? pre.get(imp.id) : dropNode(imp.id)
    return drop.get(id)
  }
  const isGone = (id: string): boolean => gone(p, id)
  // default privileges of the migration role change before every creation they govern
  for (const [id, d] of [...from.objects, ...to.objects]) {
    if (d.kind !== 'DefaultAcl' || d.role !== role) continue
    const dn = drop.get(id) ?? create.get(id) ?? post.get(id)
    if (dn === undefined) continue
    for (const [cid, n] of create) {
      const o = to.objects.get(cid) as DbObject
      const k = aclKindOf(o)
      if (k === undefined || defaultObjectType(k) !== d.objectType) continue
      if (d.schema === '' || ('schema' in o && o.schema === d.schema)) edge(dn, n)
    }
  }
  const cyc0 = cyclic(fkEdges(p.g0, from))
  // late steps: deferred foreign keys, OWNED BY
  for (const [id, names] of p.deferred) {
    const t = to.objects.get(id) as Table
    for (const name of [...names].sort()) {
      const k = t.constraints.find((c) => c.name === name)
      if (!k) continue
      const { comment: _c, span: _s, ...bare } = k
      const n = node(2, t, id, `fk:${name}`, [
        { kind: 'AlterTable', schema: t.schema, name: t.name, actions: [{ kind: 'AddConstraint', constraint: bare as typeof k }], summary: `add foreign key "${name}" to "${t.name}"` },
        ...commentChange(subTarget('Constraint', t.schema, t.name, name), undefined, k.comment),
      ])
      for (const d of p.g1.deps.get(id) ?? []) if (isFk(d.via) && d.via.fk === name) for (const a of avail(d.id)) edge(a, n)
      for (const a of avail(id)) edge(a, n)
    }
  }
  for (const [id, o] of to.objects) {
    if (o.kind !== 'Sequence') continue
    const o0 = from.objects.get(id)
    const before = o0?.kind === 'Sequence' && !isGone(id) ? o0.ownedBy : undefined
    if (irEqual(before, o.ownedBy)) continue
    if (before) {
      // detach first, or dropping the old owning column would take the sequence along
      const n = node(0, o, id, 'owned-none', [{ kind: 'SequenceOwnedBy', schema: o.schema, name: o.name, summary: `detach sequence "${o.name}" from its column` }])
      for (const d of p.g0.deps.get(id) ?? []) if (d.via === 'ownedBy') for (const x of [pre.get(d.id), drop.get(d.id)]) edge(n, x)
    }
    if (o.ownedBy) {
      const ob = o.ownedBy
      const n = node(2, o, id, 'owned', [{ kind: 'SequenceOwnedBy', schema: o.schema, name: o.name, ownedBy: ob, summary: `set sequence "${o.name}" owned by "${ob.table}"."${ob.column}"` }])
      for (const a of avail(id)) edge(a, n)
      for (const d of p.g1.deps.get(id) ?? []) if (d.via === 'ownedBy') for (const a of avail(d.id)) edge(a, n)
    }
  }
  // the FKs of dropped tables that close a cycle are dropped on their own first
  for (const [id, ds] of p.g0.deps) {
    if (!isGone(id) || p.impliedBy.has(id)) continue
    const t = from.objects.get(id) as Table
    for (const d of ds) {
      if (!isFk(d.via) || !cyc0(id, d.id) || d.id === id) continue
      const n = node(0, t, id, `dropfk:${d.via.fk}`, [
        { kind: 'AlterTable', schema: t.schema, name: t.name, actions: [{ kind: 'DropConstraint', constraint: d.via.fk }], summary: `drop foreign key "${d.via.fk}" of "${t.name}"` },
      ])
      edge(n, dropNode(id))
      edge(n, dropNode(d.id))
      edge(n, pre.get(d.id))
    }
  }
  // 1. drops: dependents first
  for (const id of goneIds) {
    const dn = dropNode(id)
    const imp = p.impliedBy.get(id)
    for (const d of p.g0.deps.get(id) ?? []) {
      if (d.via === 'ownedBy' || (imp && imp.id === d.id)) continue
      if (isFk(d.via) && cyc0(id, d.id)) continue
      if (isGone(d.id)) edge(dn, dropNode(d.id))
      else {
        edge(dn, pre.get(d.id))
        edge(dn, post.get(d.id))
      }
    }
    // 3. recreate after drop; 4. a name freed before it is taken again
    if (to.objects.has(id)) edge(rename.get(id) ?? dn, create.get(id))
  }
  const nameKey = (o: DbObject): string | undefined =>
    'schema' in o && 'name' in o && o.kind !== 'Extension' && o.kind !== 'Function' && o.kind !== 'Trigger' && o.kind !== 'Policy' ? `${o.schema}\u0000${o.name}` : undefined
  const freed = new Map<string, number>()
  for (const id of goneIds) {
    const k = nameKey(from.objects.get(id) as DbObject)
    const n = rename.get(id) ?? dropNode(id)
    if (k !== undefined && n !== undefined) freed.set(k, n)
  }
  // identity sequences go away with DROP IDENTITY or their table
  for (const [id, o] of from.objects) {
    if (o.kind !== 'Table') continue
    for (const c of o.columns) {
      if (!c.identity) continue
      const n = isGone(id)
        ? dropNode(id)
        : p.tables.get(id)?.pre.some((s) => s.action.kind === 'DropIdentity' && s.action.column === c.name)
          ? pre.get(id)
          : undefined
      if (n !== undefined) freed.set(`${o.schema}\u0000${c.identity.sequence}`, n)
    }
  }
  // an identity takes its sequence name when its column gets it
  for (const [id, o] of to.objects) {
    if (o.kind !== 'Table') continue
    for (const c of o.columns) if (c.identity) edge(freed.get(`${o.schema}\u0000${c.identity.sequence}`), create.get(id) ?? post.get(id))
  }
  for (const id of create.keys()) {
    const k = nameKey(to.objects.get(id) as DbObject)
    if (k !== undefined) edge(freed.get(k), create.get(id))
  }
  // 2. creates and alters: what they use first
  for (const id of [...create.keys(), ...post.keys(), ...pre.keys()]) {
    const targets = [create.get(id), post.get(id)].filter((x): x is number => x !== undefined)
    const deferred = p.deferred.get(id)
    for (const d of p.g1.deps.get(id) ?? []) {
      if (d.via === 'ownedBy') continue
      if (isFk(d.via) && deferred?.has(d.via.fk)) continue
      for (const tn of targets) for (const a of avail(d.id)) edge(a, tn)
    }
    // 5. alters stop using what goes away before it goes
    if (!create.has(id)) {
      for (const d of p.g0.deps.get(id) ?? []) {
        if (isGone(d.id)) for (const x of [pre.get(id), post.get(id)]) edge(x, dropNode(d.id))
        else if (isFk(d.via) && !cyc0(id, d.id)) edge(pre.get(id), pre.get(d.id))
      }
      edge(pre.get(id), post.get(id))
    }
  }
  return topoOrder(nodes, edges).flatMap((n) => n.changes)
}

/** Comments on view columns, composite type attributes and domain checks. */
const subComments = (o0: DbObject, o1: DbObject): Change[] => {
  if (o1.kind === 'CompositeType' && o0.kind === 'CompositeType') {
    const a0 = new Map(o0.attributes.map((a) => [a.name, a.comment]))
    return o1.attributes.flatMap((a) => commentChange(subTarget('Column', o1.schema, o1.name, a.name), a0.get(a.name), a.comment))
  }
  if (o1.kind === 'Domain' && o0.kind === 'Domain') {
    const c0 = new Map(o0.checks.map((c) => [c.name, c]))
    return o1.checks.flatMap((b) => {
      const a = c0.get(b.name)
      // a check dropped and added again (AlterDomain) comes back without a comment
      return commentChange(subTarget('DomainConstraint', o1.schema, o1.name, b.name), a && checkKept(a, b) ? a.comment : undefined, b.comment)
    })
  }
  if ((o1.kind !== 'View' && o1.kind !== 'MaterializedView') || o0.kind !== o1.kind) return []
  const c0 = o0.columnComments ?? {}
  const c1 = o1.columnComments ?? {}
  const names = [...new Set([...Object.keys(c0), ...Object.keys(c1)])].sort()
  return names.flatMap((n) => commentChange(subTarget('Column', o1.schema, o1.name, n), c0[n], c1[n]))
}

/** The changes of a creation: CREATE (or the default-privilege statements of a new entry), what follows it, its privileges. */
const creation = (obj: DbObject, o: DbObject, role: string, deferred: ReadonlySet<string>, ctx: AclContext, to: Catalog): Change[] => {
  if (o.kind === 'DefaultAcl') return defaultAclChanges(undefined, o, to.pgVersion)
  if (o.kind === 'Role') {
    const r = createdRole(o)
    return [createChange(r.role), ...createMeta(o, role, deferred), ...r.after]
  }
  const rls = o.kind === 'Table' ? createdRowSecurity(o) : []
  return [createChange(obj), ...createMeta(o, role, deferred), ...rls, ...aclChanges(undefined, o, ctx)]
}

/** What follows a CREATE: comments (object, columns, constraints), owner, trigger state. */
const createMeta = (o: DbObject, role: string, deferred: ReadonlySet<string>): Change[] => {
  const subs: Change[] = []
  if (o.kind === 'Table') {
    for (const c of o.columns) subs.push(...commentChange(subTarget('Column', o.schema, o.name, c.name), undefined, c.comment))
    for (const k of o.constraints)
      if (!deferred.has(k.name)) subs.push(...commentChange(subTarget('Constraint', o.schema, o.name, k.name), undefined, k.comment))
  }
  if (o.kind === 'View' || o.kind === 'MaterializedView') {
    const c1 = o.columnComments ?? {}
    for (const n of Object.keys(c1).sort()) subs.push(...commentChange(subTarget('Column', o.schema, o.name, n), undefined, c1[n]))
  }
  if (o.kind === 'CompositeType')
    for (const a of o.attributes) subs.push(...commentChange(subTarget('Column', o.schema, o.name, a.name), undefined, a.comment))
  if (o.kind === 'Domain')
    for (const k of o.checks) subs.push(...commentChange(subTarget('DomainConstraint', o.schema, o.name, k.name), undefined, k.comment))
  if (o.kind === 'Trigger' && o.enabled !== 'origin') subs.push(triggerEnabledChange(o))
  return [...metaChanges(undefined, o, role), ...subs]
}
