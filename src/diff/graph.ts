/**
 * The dependency graph of a catalog, computed from the IR itself: for every object, the objects
 * it needs to exist first, each edge tagged with why (schema membership, a foreign key, a column
 * type, a name mentioned in an expression or a query, …).
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { Catalog } from '../ir/catalog.js'
import { idOf, signatureTypes } from '../ir/identity.js'
import { identity } from '../ir/names.js'
import type { Acl, DbObject } from '../ir/objects.js'
import { exprRefs, queryRefs, routineBodyRefs, typeRefName, type NameRef, type Refs } from './refs.js'

/**
 * Why an edge exists. `fk` carries the constraint name; `ownedBy` (a sequence owned by a table)
 * and `on` (an index, trigger or policy on a table) mean the dependent goes away with what it depends on;
 * `role` is a managed role an object names (owner, grantee, grantor, member, policy role): order only,
 * the object never goes away with the role.
 */
export type Via = 'schema' | 'ref' | 'type' | 'parent' | 'on' | 'ownedBy' | 'ext' | 'role' | { readonly fk: string }
export interface Dep {
  readonly id: string
  readonly via: Via
}

export interface Lookup {
  readonly relation: (r: NameRef) => string | undefined
  readonly type: (r: NameRef) => string | undefined
  readonly functions: (r: NameRef) => ReadonlyArray<string>
}

const RELATION_KINDS = new Set(['Table', 'View', 'MaterializedView', 'Sequence', 'Index'])
const TYPE_KINDS = new Set(['Enum', 'Domain', 'CompositeType', 'Table', 'View', 'MaterializedView'])

const push = (m: Map<string, string[]>, k: string, v: string): void => {
  const a = m.get(k)
  if (a) a.push(v)
  else m.set(k, [v])
}
const key = (schema: string, name: string): string => `${schema}\u0000${name}`

/** Name resolution against a catalog: qualified names exactly, unqualified ones in `public` or the only match. */
export const lookup = (c: Catalog): Lookup => {
  const rel = new Map<string, string[]>()
  const typ = new Map<string, string[]>()
  const fun = new Map<string, string[]>()
  const relByName = new Map<string, string[]>()
  const typByName = new Map<string, string[]>()
  const funByName = new Map<string, string[]>()
  for (const [id, o] of c.objects) {
    if (o.kind === 'Schema' || o.kind === 'Extension' || o.kind === 'Trigger' || o.kind === 'Policy' || !('schema' in o) || !('name' in o)) continue
    if (RELATION_KINDS.has(o.kind)) {
      push(rel, key(o.schema, o.name), id)
      push(relByName, o.name, id)
    }
    if (TYPE_KINDS.has(o.kind)) {
      push(typ, key(o.schema, o.name), id)
      push(typByName, o.name, id)
    }
    if (o.kind === 'Function') {
      push(fun, key(o.schema, o.name), id)
      push(funByName, o.name, id)
    }
  }
  const resolve = (exact: Map<string, string[]>, byName: Map<string, string[]>, r: NameRef): ReadonlyArray<string> => {
    if (r.schema !== undefined) return exact.get(key(r.schema, r.name)) ?? []
    const pub = exact.get(key('public', r.name))
    if (pub) return pub
    const any = byName.get(r.name) ?? []
    const schemas = new Set(any.map((id) => id.slice(0, id.indexOf('.'))))
    return schemas.size === 1 ? any : []
  }
  return {
    relation: (r) => resolve(rel, relByName, r)[0],
    type: (r) => resolve(typ, typByName, r)[0],
    functions: (r) => resolve(fun, funByName, r),
  }
}

const schemaDep = (c: Catalog, schema: string): Dep[] => {
  const id = identity('Schema', [schema])
  return c.objects.has(id) ? [{ id, via: 'schema' }] : []
}

const refsDeps = (l: Lookup, refs: Refs): Dep[] => [
  ...refs.relations.flatMap((r) => {
    const id = l.relation(r)
    return id ? [{ id, via: 'ref' as const }] : []
  }),
  ...refs.types.flatMap((r) => {
    const id = l.type(r)
    return id ? [{ id, via: 'type' as const }] : []
  }),
  ...refs.functions.flatMap((r) => l.functions(r).map((id) => ({ id, via: 'ref' as const }))),
]

const typeDeps = (l: Lookup, ref: string | undefined): Dep[] => {
  if (ref === undefined) return []
  const n = typeRefName(ref)
  const id = n ? l.type(n) : undefined
  return id ? [{ id, via: 'type' }] : []
}

const exprDeps = (l: Lookup, e: string | undefined): Dep[] => (e === undefined ? [] : refsDeps(l, exprRefs(e)))

/** The managed roles (Role objects of the catalog) among these names. */
const roleDeps = (c: Catalog, names: Iterable<string>): Dep[] =>
  [...new Set(names)].flatMap((n) => {
    const id = identity('Role', [n])
    return c.objects.has(id) ? [{ id, via: 'role' as const }] : []
  })

const aclRoles = (acl: Acl | undefined): string[] => (acl ?? []).flatMap((i) => [i.grantee, i.grantor])

/** Roles an object names: its owner and everyone in its ACL (column ACLs included). */
const securableRoles = (o: DbObject): string[] => [
  ...('owner' in o ? [o.owner] : []),
  ...('acl' in o && o.kind !== 'DefaultAcl' ? aclRoles(o.acl) : []),
  ...(o.kind === 'Table' ? o.columns.flatMap((col) => aclRoles(col.acl)) : []),
]

const extCache = new WeakMap<Catalog, ReadonlyArray<string>>()
const extensionsOf = (c: Catalog): ReadonlyArray<string> => {
  let e = extCache.get(c)
  if (!e) {
    e = [...c.objects].filter(([, o]) => o.kind === 'Extension' && o.name !== 'plpgsql').map(([id]) => id)
    extCache.set(c, e)
  }
  return e
}

/** Every dependency of one object within catalog `c` (self-references removed). */
export const depsOf = (c: Catalog, l: Lookup, o: DbObject): ReadonlyArray<Dep> => {
  const own = idOf(o)
  const all = ((): Dep[] => {
    switch (o.kind) {
      case 'Schema':
        return []
      case 'Extension':
        return schemaDep(c, o.schema)
      case 'Table':
        return [
          ...schemaDep(c, o.schema),
          ...o.columns.flatMap((col) => [
            ...typeDeps(l, col.type),
            ...exprDeps(l, col.default),
            ...exprDeps(l, col.generated),
          ]),
          ...o.constraints.flatMap((k): Dep[] => {
            switch (k.kind) {
              case 'ForeignKey': {
                const id = l.relation({ schema: k.references.schema, name: k.references.name })
                return id ? [{ id, via: { fk: k.name } }] : []
              }
              case 'Check':
                return exprDeps(l, k.expression)
              case 'Exclusion':
                return [...k.elements.flatMap((e) => exprDeps(l, e.expression)), ...exprDeps(l, k.where)]
              case 'PrimaryKey':
              case 'Unique':
                return []
              default:
                return absurd(k)
            }
          }),
          ...(o.partitionOf
            ? ((): Dep[] => {
                const id = l.relation({ schema: o.partitionOf.parent.schema, name: o.partitionOf.parent.name })
                return id ? [{ id, via: 'parent' }] : []
              })()
            : []),
          ...(o.partitionBy ? o.partitionBy.keys.flatMap((k) => exprDeps(l, k.expression)) : []),
        ]
      case 'Index': {
        const on = l.relation({ schema: o.schema, name: o.table })
        return [
          ...schemaDep(c, o.schema),
          ...(on ? [{ id: on, via: 'on' as const }] : []),
          ...o.keys.flatMap((k) => (k.expression.startsWith('(') ? exprDeps(l, k.expression) : [])),
          ...exprDeps(l, o.where),
        ]
      }
      case 'View':
      case 'MaterializedView':
        return [...schemaDep(c, o.schema), ...refsDeps(l, queryRefs(o.query))]
      case 'Sequence': {
        const owner = o.ownedBy ? l.relation({ schema: o.ownedBy.schema, name: o.ownedBy.table }) : undefined
        return [...schemaDep(c, o.schema), ...(owner ? [{ id: owner, via: 'ownedBy' as const }] : [])]
      }
      case 'Enum':
        return schemaDep(c, o.schema)
      case 'Domain':
        return [
          ...schemaDep(c, o.schema),
          ...typeDeps(l, o.baseType),
          ...exprDeps(l, o.default),
          ...o.checks.flatMap((k) => exprDeps(l, k.expression)),
        ]
      case 'CompositeType':
        return [...schemaDep(c, o.schema), ...o.attributes.flatMap((a) => typeDeps(l, a.type))]
      case 'Function':
        return [
          ...schemaDep(c, o.schema),
          ...o.args.flatMap((a) => [...typeDeps(l, a.type), ...exprDeps(l, a.default)]),
          ...typeDeps(l, o.returns),
          // SQL-language bodies are checked at creation: what they name must exist first
          ...(o.language === 'sql' ? refsDeps(l, routineBodyRefs(o.body, o.sqlBody === true)) : []),
        ]
      case 'Trigger': {
        const on = l.relation({ schema: o.schema, name: o.table })
        const fns = l.functions({ schema: o.function.schema, name: o.function.name })
        const fn =
          fns.find((id) => {
            const f = c.objects.get(id)
            return f?.kind === 'Function' && signatureTypes(f.args).length === 0
          }) ?? fns[0]
        return [
          ...schemaDep(c, o.schema),
          ...(on ? [{ id: on, via: 'on' as const }] : []),
          ...(fn ? [{ id: fn, via: 'ref' as const }] : []),
          ...exprDeps(l, o.when),
        ]
      }
      case 'Role':
        return []
      case 'Membership':
        return roleDeps(c, [o.role, o.member])
      case 'DefaultAcl':
        return [...(o.schema === '' ? [] : schemaDep(c, o.schema)), ...roleDeps(c, [o.role, ...aclRoles(o.acl)])]
      case 'Policy': {
        const on = l.relation({ schema: o.schema, name: o.table })
        return [
          ...schemaDep(c, o.schema),
          ...(on ? [{ id: on, via: 'on' as const }] : []),
          ...roleDeps(c, o.roles),
          ...exprDeps(l, o.using),
          ...exprDeps(l, o.check),
        ]
      }
      case 'Database':
        return []
      default:
        return absurd(o)
    }
  })()
  all.push(...roleDeps(c, securableRoles(o)))
  // objects may use what an extension provides (types, functions, operator classes): order only
  const NO_EXT = ['Schema', 'Extension', 'Sequence', 'Enum', 'Role', 'Membership', 'DefaultAcl', 'Database']
  const exts = NO_EXT.includes(o.kind) ? [] : extensionsOf(c)
  all.push(...exts.map((id) => ({ id, via: 'ext' as const })))
  const seen = new Set<string>()
  const out: Dep[] = []
  for (const d of all) {
    const k = `${d.id}\u0000${typeof d.via === 'string' ? d.via : `fk:${d.via.fk}`}`
    if (d.id === own || seen.has(k)) continue
    seen.add(k)
    out.push(d)
  }
  return out
}

export interface Graph {
  readonly deps: ReadonlyMap<string, ReadonlyArray<Dep>>
  /** reverse edges: who depends on an id */
  readonly dependents: ReadonlyMap<string, ReadonlyArray<{ readonly id: string; readonly via: Via }>>
}

export const graphOf = (c: Catalog): Graph => {
  const l = lookup(c)
  const deps = new Map<string, ReadonlyArray<Dep>>()
  const dependents = new Map<string, Array<{ id: string; via: Via }>>()
  for (const [id, o] of c.objects) {
    const ds = depsOf(c, l, o)
    deps.set(id, ds)
    for (const d of ds) {
      const a = dependents.get(d.id)
      if (a) a.push({ id, via: d.via })
      else dependents.set(d.id, [{ id, via: d.via }])
    }
  }
  return { deps, dependents }
}

export const isFk = (v: Via): v is { readonly fk: string } => typeof v !== 'string'
