/**
 * The interpreter's working catalog: every object keyed for O(1) lookup, with reverse indexes for the
 * dependencies that renames and drops must follow. Private to the interpreter; `toCatalog` freezes it.
 */
import type { RangeVar } from '@pgsql/types'
import {
  catalog,
  freshCatalog,
  type Catalog,
  type PgVersion,
} from '../../ir/catalog.js'
import { relationKey, qualified } from '../../ir/names.js'
import { idOf } from '../../ir/identity.js'
import type {
  Acl,
  CompositeType,
  Constraint,
  Database,
  DefaultAcl,
  Domain,
  Enum,
  Extension,
  Function,
  Index,
  MaterializedView,
  Membership,
  Policy,
  Role,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from '../../ir/objects.js'
import { diagnostic, type Diagnostic, type Span } from '../../ir/span.js'
import type { TypeResolver } from '../../normalize/types.js'
import { initialAcl, type AclKind, type DefaultAcls } from '../../normalize/acl.js'

export type Relation = Table | View | MaterializedView | Index | Sequence
export type UserType = Enum | Domain | CompositeType

const addTo = <K, V>(m: Map<K, Set<V>>, k: K, v: V): void => {
  const s = m.get(k)
  if (s) s.add(v)
  else m.set(k, new Set([v]))
}
const removeFrom = <K, V>(m: Map<K, Set<V>>, k: K, v: V): void => {
  const s = m.get(k)
  if (!s) return
  s.delete(v)
  if (!s.size) m.delete(k)
}
const count = (m: Map<string, number>, k: string, d: number): void => {
  const n = (m.get(k) ?? 0) + d
  if (n > 0) m.set(k, n)
  else m.delete(k)
}

export const triggerKey = (schema: string, table: string, name: string): string =>
  `${relationKey(schema, table)}\0${name}`
export const policyKey = (schema: string, table: string, name: string): string => `${relationKey(schema, table)}\0${name}`
export const membershipKey = (role: string, member: string): string => `${role}\0${member}`
export const defaultAclKey = (role: string, schema: string, objectType: string): string => `${role}\0${schema}\0${objectType}`

const INDEX_BACKED = new Set(['PrimaryKey', 'Unique', 'Exclusion'])

export class State {
  role: string
  sessionRole: string
  searchPath: ReadonlyArray<string> = ['$user', 'public']
  readonly diagnostics: Diagnostic[] = []

  readonly schemas = new Map<string, Schema>()
  readonly extensions = new Map<string, Extension>()
  readonly relations = new Map<string, Relation>()
  readonly types = new Map<string, UserType>()
  readonly functions = new Map<string, Function>()
  readonly functionsByName = new Map<string, Set<string>>()
  readonly triggers = new Map<string, Trigger>()

  // ───────────── access control ─────────────
  /** the role the files started as (`--role`): a superuser */
  readonly initialRole: string
  /** roles the files declare (managed), by name */
  readonly roles = new Map<string, Role>()
  /** roles declared and then dropped in the files: naming them again is an error */
  readonly droppedRoles = new Set<string>()
  /** memberships by `membershipKey(role, member)` */
  readonly memberships = new Map<string, Membership>()
  /** pg_default_acl rows by `defaultAclKey(role, schema, objectType)` */
  readonly defaultAcls = new Map<string, DefaultAcl>()
  /** policies by `policyKey(schema, table, name)` */
  readonly policies = new Map<string, Policy>()
  /** the target database, once a statement says something about it (owner, ACL) */
  database: Database | undefined = undefined

  // reverse indexes
  readonly indexesOf = new Map<string, Set<string>>()
  readonly triggersOf = new Map<string, Set<string>>()
  readonly referencedBy = new Map<string, Set<string>>()
  readonly ownedSequences = new Map<string, Set<string>>()
  readonly partitions = new Map<string, Set<string>>()
  readonly viewDependents = new Map<string, Set<string>>()
  readonly viewDependencies = new Map<string, ReadonlyArray<string>>()
  /** constraint names per schema (`schema\0name`), and those that are also index (relation) names */
  private readonly constraintNames = new Map<string, number>()
  private readonly indexConstraintNames = new Map<string, number>()
  /** identity sequences are relations too, though not objects of the IR */
  private readonly identitySequences = new Map<string, number>()

  constructor(
    readonly pgVersion: PgVersion,
    role: string,
  ) {
    this.role = role
    this.sessionRole = role
    this.initialRole = role
    for (const o of freshCatalog(pgVersion).objects.values()) {
      if (o.kind === 'Schema') this.schemas.set(o.name, o)
      else if (o.kind === 'Extension') this.extensions.set(o.name, o)
    }
  }

  // ───────────── diagnostics ─────────────
  error(code: string, message: string, span?: Span): void {
    this.diagnostics.push(diagnostic('error', code, message, span))
  }
  warn(code: string, message: string, span?: Span): void {
    this.diagnostics.push(diagnostic('warning', code, message, span))
  }

  // ───────────── search path ─────────────
  /** Existing schemas of the search path, in order ($user resolved). */
  path(): ReadonlyArray<string> {
    const out: string[] = []
    for (const p of this.searchPath) {
      const s = p === '$user' ? this.role : p
      if (this.schemas.has(s) && !out.includes(s)) out.push(s)
    }
    return out
  }

  /** Schema where an object is created: the explicit one (must exist) or the first of the path. */
  creationSchema(schema: string | undefined, span: Span): string | undefined {
    if (schema !== undefined) {
      if (this.schemas.has(schema)) return schema
      this.error('E-UNDEFINED-SCHEMA', `schema "${schema}" does not exist`, span)
      return undefined
    }
    const first = this.path()[0]
    if (first === undefined) this.error('E-NO-SCHEMA', 'no schema has been selected to create in', span)
    return first
  }

  /** Resolve a name through the search path (or the explicit schema) with a membership test. */
  resolve(schema: string | undefined, name: string, has: (key: string) => boolean): string | undefined {
    if (schema !== undefined) {
      const k = relationKey(schema, name)
      return has(k) ? k : undefined
    }
    for (const s of this.path()) {
      const k = relationKey(s, name)
      if (has(k)) return k
    }
    return undefined
  }

  relationKeyOf(rv: RangeVar): string | undefined {
    return this.resolve(rv.schemaname, rv.relname ?? '', (k) => this.relations.has(k))
  }

  // ───────────── name availability ─────────────
  relationNameTaken(schema: string, name: string): boolean {
    const k = relationKey(schema, name)
    const n = `${schema}\0${name}`
    return this.relations.has(k) || this.types.has(k) || this.indexConstraintNames.has(n) || this.identitySequences.has(n)
  }
  constraintNameTaken(schema: string, name: string): boolean {
    return this.constraintNames.has(`${schema}\0${name}`)
  }

  // ───────────── updates (maintain reverse indexes) ─────────────
  setRelation(key: string, next: Relation | undefined): void {
    const prev = this.relations.get(key)
    if (prev) this.unindex(key, prev)
    if (next) {
      this.relations.set(key, next)
      this.index(key, next)
    } else this.relations.delete(key)
  }

  private index(key: string, r: Relation): void {
    switch (r.kind) {
      case 'Table':
        for (const c of r.constraints) this.indexConstraint(r.schema, key, c, 1)
        for (const col of r.columns) if (col.identity) count(this.identitySequences, `${r.schema}\0${col.identity.sequence}`, 1)
        if (r.partitionOf) addTo(this.partitions, relationKey(r.partitionOf.parent.schema, r.partitionOf.parent.name), key)
        return
      case 'Index':
        addTo(this.indexesOf, relationKey(r.schema, r.table), key)
        return
      case 'Sequence':
        if (r.ownedBy) addTo(this.ownedSequences, relationKey(r.ownedBy.schema, r.ownedBy.table), key)
        return
      case 'View':
      case 'MaterializedView':
        for (const d of this.viewDependencies.get(key) ?? []) addTo(this.viewDependents, d, key)
        return
    }
  }

  private unindex(key: string, r: Relation): void {
    switch (r.kind) {
      case 'Table':
        for (const c of r.constraints) this.indexConstraint(r.schema, key, c, -1)
        for (const col of r.columns) if (col.identity) count(this.identitySequences, `${r.schema}\0${col.identity.sequence}`, -1)
        if (r.partitionOf) removeFrom(this.partitions, relationKey(r.partitionOf.parent.schema, r.partitionOf.parent.name), key)
        return
      case 'Index':
        removeFrom(this.indexesOf, relationKey(r.schema, r.table), key)
        return
      case 'Sequence':
        if (r.ownedBy) removeFrom(this.ownedSequences, relationKey(r.ownedBy.schema, r.ownedBy.table), key)
        return
      case 'View':
      case 'MaterializedView':
        for (const d of this.viewDependencies.get(key) ?? []) removeFrom(this.viewDependents, d, key)
        return
    }
  }

  private indexConstraint(schema: string, key: string, c: Constraint, d: number): void {
    count(this.constraintNames, `${schema}\0${c.name}`, d)
    if (INDEX_BACKED.has(c.kind)) count(this.indexConstraintNames, `${schema}\0${c.name}`, d)
    if (c.kind === 'ForeignKey') {
      const target = relationKey(c.references.schema, c.references.name)
      if (d > 0) addTo(this.referencedBy, target, key)
      // removal is lazy: referencedBy may hold stale entries, callers re-check the constraints
    }
  }

  /** Tables that currently have a foreign key to `key` (other than itself). */
  referencing(key: string): ReadonlyArray<string> {
    const out: string[] = []
    const t = this.relations.get(key)
    for (const k of this.referencedBy.get(key) ?? []) {
      const r = this.relations.get(k)
      if (r?.kind !== 'Table' || k === key || !t) continue
      if (r.constraints.some((c) => c.kind === 'ForeignKey' && c.references.schema === t.schema && c.references.name === t.name))
        out.push(k)
    }
    return out
  }

  setView(key: string, v: View | MaterializedView | undefined, deps?: ReadonlyArray<string>): void {
    const prev = this.relations.get(key)
    if (prev) this.unindex(key, prev)
    if (deps) this.viewDependencies.set(key, deps)
    if (!v) this.viewDependencies.delete(key)
    this.setRelation(key, v)
  }

  setType(key: string, t: UserType | undefined): void {
    if (t) this.types.set(key, t)
    else this.types.delete(key)
  }

  setFunction(id: string, f: Function | undefined, prevId?: string): void {
    const old = this.functions.get(prevId ?? id)
    if (old) {
      removeFrom(this.functionsByName, relationKey(old.schema, old.name), prevId ?? id)
      this.functions.delete(prevId ?? id)
    }
    if (f) {
      this.functions.set(id, f)
      addTo(this.functionsByName, relationKey(f.schema, f.name), id)
    }
  }

  setTrigger(key: string, t: Trigger | undefined): void {
    const old = this.triggers.get(key)
    if (old) removeFrom(this.triggersOf, relationKey(old.schema, old.table), key)
    if (t) {
      this.triggers.set(key, t)
      addTo(this.triggersOf, relationKey(t.schema, t.table), key)
    } else this.triggers.delete(key)
  }

  // ───────────── access control ─────────────
  /** Is the role a superuser? The role the files start as is; a declared role is when it says so. */
  isSuperuser(role: string): boolean {
    return role === this.initialRole || role === 'postgres' || this.roles.get(role)?.superuser === true
  }

  readonly defaultAclLookup: DefaultAcls = (role, schema, objectType) => this.defaultAcls.get(defaultAclKey(role, schema, objectType))?.acl

  /** The ACL a new object gets (pg_default_acl emulation): owned by `owner`, in `schema` ('' for a schema). */
  initialAcl(kind: AclKind, owner: string, schema: string): Acl {
    return initialAcl(kind, owner, schema, this.defaultAclLookup, this.pgVersion)
  }

  // ───────────── type resolution ─────────────
  readonly typeResolver: TypeResolver = {
    userType: (schema, name) => {
      const k = this.resolve(schema, name, (key) => {
        if (this.types.has(key)) return true
        const r = this.relations.get(key)
        return r !== undefined && r.kind !== 'Index' && r.kind !== 'Sequence'
      })
      if (k === undefined) return undefined
      const o = this.types.get(k) ?? this.relations.get(k)
      return o ? qualified(o.schema, o.name) : undefined
    },
    extensionSchema: (ext) => this.extensions.get(ext)?.schema,
  }

  // ───────────── output ─────────────
  toCatalog(): Catalog {
    const out: Array<Schema | Extension | Relation | UserType | Function | Trigger | Role | Membership | DefaultAcl | Policy | Database> = [
      ...this.roles.values(),
      ...this.memberships.values(),
      ...this.defaultAcls.values(),
      ...this.policies.values(),
      // the target database is an object only when something about it differs from a fresh one
      ...(this.database && (this.database.owner !== this.initialRole || this.database.acl) ? [this.database] : []),
      ...this.schemas.values(),
      ...this.extensions.values(),
      // domain checks in name order, as inspection reads them
      ...[...this.types.values()].map((t) =>
        t.kind === 'Domain' && t.checks.length > 1 ? { ...t, checks: [...t.checks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) } : t,
      ),
      ...this.functions.values(),
      ...this.triggers.values(),
    ]
    for (const r of this.relations.values()) {
      if (r.kind === 'Table' && r.constraints.length > 1) {
        const constraints = [...r.constraints].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        out.push({ ...r, constraints })
      } else out.push(r)
    }
    return catalog(this.pgVersion, out.map(deepFreeze))
  }
}

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const x of Object.values(v)) deepFreeze(x)
  }
  return v
}

/** Drop keys whose value is undefined (IR objects never store undefined). */
export const clean = <T extends object>(o: T): T => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v
  return out as T
}

/** A copy without the given optional keys. */
export const without = <T extends object, K extends keyof T>(o: T, ...keys: K[]): T => {
  const out: Record<string, unknown> = { ...(o as Record<string, unknown>) }
  for (const k of keys) delete out[k as string]
  return out as T
}

export { idOf }
