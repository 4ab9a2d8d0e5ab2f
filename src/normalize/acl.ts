/**
 * The ACL algebra: PostgreSQL's access-control semantics as pure functions over IR ACLs.
 *
 * - `aclDefault` is `acldefault(kind, owner)` per server version; an object's `acl` is stored only
 *   when it differs from it (`storedAcl`), and `effectiveAcl` expands it back.
 * - `grant` / `revoke` are what GRANT and REVOKE do to an ACL (grant options cascade).
 * - `newOwner` is `aclnewowner`: what ALTER … OWNER TO does to an explicit ACL.
 * - `initialAcl` emulates pg_default_acl at creation; `alterDefaultAcl` what ALTER DEFAULT
 *   PRIVILEGES stores.
 *
 * Every producer (SQL interpreter, HCL evaluator, inspection) and the diff use these, so that the
 * compiler's idea of an ACL and the server's cannot drift apart.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { PgVersion } from '../ir/catalog.js'
import type { Acl, AclItem, DbObject, DefaultAclObjectType, MaterializedView, Privilege, Table, View } from '../ir/objects.js'

/** The kinds of securable objects, as acldefault distinguishes them. */
export type AclKind = 'table' | 'sequence' | 'function' | 'type' | 'schema' | 'database' | 'language' | 'column'

/** Privilege order: the server's ACL letter order `arwdDxtXUCTcm`. */
export const PRIVILEGE_ORDER: ReadonlyArray<Privilege> = [
  'INSERT',
  'SELECT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'EXECUTE',
  'USAGE',
  'CREATE',
  'TEMPORARY',
  'CONNECT',
  'MAINTAIN',
] as const

/** The letter aclitem uses for each privilege. */
export const PRIVILEGE_LETTER: Readonly<Record<Privilege, string>> = {
  INSERT: 'a',
  SELECT: 'r',
  UPDATE: 'w',
  DELETE: 'd',
  TRUNCATE: 'D',
  REFERENCES: 'x',
  TRIGGER: 't',
  EXECUTE: 'X',
  USAGE: 'U',
  CREATE: 'C',
  TEMPORARY: 'T',
  CONNECT: 'c',
  MAINTAIN: 'm',
} as const

const RANK: ReadonlyMap<Privilege, number> = new Map(PRIVILEGE_ORDER.map((p, i) => [p, i]))

/** Privileges that exist for a kind, in canonical order (what ALL [PRIVILEGES] means). */
const KIND_PRIVILEGES: Readonly<Record<AclKind, ReadonlyArray<Privilege>>> = {
  table: ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'],
  sequence: ['SELECT', 'UPDATE', 'USAGE'],
  function: ['EXECUTE'],
  type: ['USAGE'],
  schema: ['USAGE', 'CREATE'],
  database: ['CREATE', 'TEMPORARY', 'CONNECT'],
  language: ['USAGE'],
  column: ['INSERT', 'SELECT', 'UPDATE', 'REFERENCES'],
} as const

/** Privileges the owner's default entry has but PUBLIC's default entry has (per kind). */
const PUBLIC_DEFAULT: Readonly<Record<AclKind, ReadonlyArray<Privilege>>> = {
  table: [],
  sequence: [],
  function: ['EXECUTE'],
  type: ['USAGE'],
  schema: [],
  database: ['TEMPORARY', 'CONNECT'],
  language: ['USAGE'],
  column: [],
} as const

/** The privileges a kind has on a server version (MAINTAIN exists from 17). */
export const privilegesOf = (kind: AclKind, v: PgVersion): ReadonlyArray<Privilege> =>
  KIND_PRIVILEGES[kind].filter((p) => p !== 'MAINTAIN' || v >= 17)

/** Does `privilege` apply to objects of `kind` on this version? */
export const appliesTo = (kind: AclKind, privilege: Privilege, v: PgVersion): boolean => privilegesOf(kind, v).includes(privilege)

const itemKey = (i: AclItem): string => `${i.grantee}\u0000${i.grantor}\u0000${RANK.get(i.privilege) ?? 99}`

const compareItems = (a: AclItem, b: AclItem): number => {
  if (a.grantee !== b.grantee) return a.grantee < b.grantee ? -1 : 1
  if (a.grantor !== b.grantor) return a.grantor < b.grantor ? -1 : 1
  return (RANK.get(a.privilege) ?? 99) - (RANK.get(b.privilege) ?? 99)
}

/**
 * Canonical form: one item per (grantee, grantor, privilege), grantable if any duplicate was
 * (the server merges entries the same way), sorted by grantee, grantor, privilege order.
 */
export const sortAcl = (items: Iterable<AclItem>): Acl => {
  const m = new Map<string, AclItem>()
  for (const i of items) {
    const k = itemKey(i)
    const prev = m.get(k)
    m.set(k, prev && prev.grantable && !i.grantable ? prev : { grantee: i.grantee, privilege: i.privilege, grantable: i.grantable, grantor: i.grantor })
  }
  return [...m.values()].sort(compareItems)
}

/** `acldefault(kind, owner)` on this server version. */
export const aclDefault = (kind: AclKind, owner: string, v: PgVersion): Acl =>
  sortAcl([
    ...(kind === 'column' ? [] : privilegesOf(kind, v).map((privilege) => ({ grantee: owner, privilege, grantable: false, grantor: owner }))),
    ...PUBLIC_DEFAULT[kind].map((privilege) => ({ grantee: 'PUBLIC', privilege, grantable: false, grantor: owner })),
  ])

export const aclEqual = (a: Acl, b: Acl): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as AclItem
    const y = b[i] as AclItem
    if (x.grantee !== y.grantee || x.grantor !== y.grantor || x.privilege !== y.privilege || x.grantable !== y.grantable) return false
  }
  return true
}

/** The ACL kind of an object, or undefined for objects that have no ACL of their own. */
export const aclKindOf = (o: DbObject): AclKind | undefined => {
  switch (o.kind) {
    case 'Table':
    case 'View':
    case 'MaterializedView':
      return 'table'
    case 'Sequence':
      return 'sequence'
    case 'Function':
      return 'function'
    case 'Enum':
    case 'Domain':
    case 'CompositeType':
      return 'type'
    case 'Schema':
      return 'schema'
    case 'Database':
      return 'database'
    case 'Extension':
    case 'Index':
    case 'Trigger':
    case 'Role':
    case 'Membership':
    case 'DefaultAcl':
    case 'Policy':
      return undefined
  }
}

/** The explicit, effective ACL of an object: its stored ACL, or the built-in default. */
export const effectiveAcl = (o: DbObject, v: PgVersion): Acl => {
  const kind = aclKindOf(o)
  if (kind === undefined || !('owner' in o)) return []
  return 'acl' in o && o.acl !== undefined ? o.acl : aclDefault(kind, o.owner, v)
}

/** What an object stores: the canonical ACL, or undefined when it equals the built-in default. */
export const storedAcl = (kind: AclKind, owner: string, acl: Acl, v: PgVersion): Acl | undefined => {
  const s = sortAcl(acl)
  return aclEqual(s, aclDefault(kind, owner, v)) ? undefined : s
}

/** A column ACL as stored: canonical, undefined when empty. */
export const storedColumnAcl = (acl: Acl): Acl | undefined => (acl.length ? sortAcl(acl) : undefined)

// ───────────────────────────── GRANT / REVOKE ─────────────────────────────

export interface GrantSpec {
  readonly grantees: ReadonlyArray<string>
  readonly privileges: ReadonlyArray<Privilege>
  readonly grantable: boolean
  /** the role recorded as grantor (the owner when the owner or a superuser grants) */
  readonly grantor: string
}

/** GRANT: adds the items (a grant option only ever widens). */
export const grant = (acl: Acl, g: GrantSpec): Acl =>
  sortAcl([
    ...acl,
    ...g.grantees.flatMap((grantee) => g.privileges.map((privilege) => ({ grantee, privilege, grantable: g.grantable, grantor: g.grantor }))),
  ])

export interface RevokeSpec {
  readonly grantees: ReadonlyArray<string>
  readonly privileges: ReadonlyArray<Privilege>
  /** REVOKE GRANT OPTION FOR: the privilege stays, its grant option goes */
  readonly grantOptionOnly: boolean
  /** only the items recorded with this grantor are revoked */
  readonly grantor: string
  readonly cascade: boolean
  /** the object's owner: it always holds every grant option, so its own revokes never cascade */
  readonly owner?: string
}

/** Items that `holder` granted onward with `privilege` and that lose their basis when it loses the grant option. */
const dependents = (acl: Acl, holder: string, privilege: Privilege): ReadonlyArray<AclItem> =>
  acl.some((i) => i.grantee === holder && i.privilege === privilege && i.grantable)
    ? []
    : acl.filter((i) => i.grantor === holder && i.privilege === privilege && i.grantee !== holder)

/**
 * REVOKE: removes the privilege (or only its grant option) for the given grantees as granted by
 * `grantor`. When a grantee loses a grant option it passed on, the onward grants go too with
 * CASCADE; without it the result is `Left` with the server's message.
 */
export const revoke = (acl: Acl, r: RevokeSpec): E.Either<string, Acl> => {
  const hit = (i: AclItem, grantees: ReadonlyArray<string>, grantor: string): boolean =>
    grantees.includes(i.grantee) && i.grantor === grantor && r.privileges.includes(i.privilege)
  let cur: AclItem[] = acl.flatMap((i) =>
    hit(i, r.grantees, r.grantor) ? (r.grantOptionOnly ? (i.grantable ? [{ ...i, grantable: false }] : [i]) : []) : [i],
  )
  // grant options lost: onward grants by those grantees lose their basis, recursively
  const lost: Array<[string, Privilege]> = r.grantees.flatMap((g) => r.privileges.map((p) => [g, p] as [string, Privilege]))
  const seen = new Set<string>()
  while (lost.length) {
    const [holder, privilege] = lost.pop() as [string, Privilege]
    const k = `${holder}\u0000${privilege}`
    if (seen.has(k)) continue
    seen.add(k)
    const deps = holder === r.owner ? [] : dependents(cur, holder, privilege)
    if (!deps.length) continue
    if (!r.cascade) return E.left('dependent privileges exist')
    cur = cur.filter((i) => !deps.includes(i))
    for (const d of deps) lost.push([d.grantee, privilege])
  }
  return E.right(sortAcl(cur))
}

/** `aclnewowner`: the old owner's entries (as grantee and as grantor) pass to the new owner, merged. */
export const newOwner = (acl: Acl, oldOwner: string, owner: string): Acl =>
  oldOwner === owner
    ? acl
    : sortAcl(
        acl.map((i) => ({
          ...i,
          grantee: i.grantee === oldOwner ? owner : i.grantee,
          grantor: i.grantor === oldOwner ? owner : i.grantor,
        })),
      )

// ───────────────────────────── default privileges ─────────────────────────────

/** Which default-privilege object type governs objects of an ACL kind (none for columns, databases, languages). */
export const defaultObjectType = (kind: AclKind): DefaultAclObjectType | undefined =>
  kind === 'table'
    ? 'tables'
    : kind === 'sequence'
      ? 'sequences'
      : kind === 'function'
        ? 'functions'
        : kind === 'type'
          ? 'types'
          : kind === 'schema'
            ? 'schemas'
            : undefined

/** The ACL kind an ALTER DEFAULT PRIVILEGES object type is about. */
export const aclKindOfObjectType = (t: DefaultAclObjectType): AclKind =>
  t === 'tables' ? 'table' : t === 'sequences' ? 'sequence' : t === 'functions' ? 'function' : t === 'types' ? 'type' : 'schema'

/** Looks up a pg_default_acl entry: (role, schema or '' for global, object type) → its stored ACL. */
export type DefaultAcls = (role: string, schema: string, objectType: DefaultAclObjectType) => Acl | undefined

/**
 * The ACL an object gets when it is created, owned by `owner`, in `schema` ('' for a schema
 * itself): the owner's global default entry (or the built-in default), plus the owner's entry for
 * that schema.
 */
export const initialAcl = (kind: AclKind, owner: string, schema: string, defaults: DefaultAcls, v: PgVersion): Acl => {
  const t = defaultObjectType(kind)
  if (t === undefined) return kind === 'column' ? [] : aclDefault(kind, owner, v)
  const base = defaults(owner, '', t) ?? aclDefault(kind, owner, v)
  const extra = schema === '' ? undefined : defaults(owner, schema, t)
  const merged = extra ? sortAcl([...base, ...extra]) : base
  // the server's aclmerge gives NULL (= the built-in default) when both entries are empty
  return merged.length ? merged : aclDefault(kind, owner, v)
}

export type DefaultAclOp =
  | { readonly action: 'grant'; readonly grantees: ReadonlyArray<string>; readonly privileges: ReadonlyArray<Privilege>; readonly grantable: boolean }
  | { readonly action: 'revoke'; readonly grantees: ReadonlyArray<string>; readonly privileges: ReadonlyArray<Privilege>; readonly grantOptionOnly: boolean }

/**
 * ALTER DEFAULT PRIVILEGES FOR ROLE `role` [IN SCHEMA `schema`]: the entry after the statement,
 * undefined when the row is deleted (a global entry back to the built-in default, an empty
 * per-schema entry). Entries are recorded with `role` as grantor; revokes cascade.
 */
export const alterDefaultAcl = (
  current: Acl | undefined,
  role: string,
  schema: string,
  objectType: DefaultAclObjectType,
  op: DefaultAclOp,
  v: PgVersion,
): Acl | undefined => {
  const kind = aclKindOfObjectType(objectType)
  const start = current ?? (schema === '' ? aclDefault(kind, role, v) : [])
  const next =
    op.action === 'grant'
      ? grant(start, { grantees: op.grantees, privileges: op.privileges, grantable: op.grantable, grantor: role })
      : E.getOrElse((): Acl => start)(
          revoke(start, { grantees: op.grantees, privileges: op.privileges, grantOptionOnly: op.grantOptionOnly, grantor: role, cascade: true, owner: role }),
        )
  if (schema === '') return aclEqual(next, aclDefault(kind, role, v)) ? undefined : next
  return next.length ? next : undefined
}

// ───────────────────────────── column privileges ─────────────────────────────

/** Relations whose columns take privileges of their own. */
export type ColumnAclHolder = Table | View | MaterializedView

export const holdsColumnAcls = (o: DbObject): o is ColumnAclHolder => o.kind === 'Table' || o.kind === 'View' || o.kind === 'MaterializedView'

/** The relation's column names, in order. */
export const columnNames = (o: ColumnAclHolder): ReadonlyArray<string> => (o.kind === 'Table' ? o.columns.map((c) => c.name) : o.columns)

/** A column's privileges (empty when it has none). */
export const columnAclOf = (o: ColumnAclHolder, column: string): Acl =>
  (o.kind === 'Table' ? o.columns.find((c) => c.name === column)?.acl : o.columnAcls?.[column]) ?? []

/** The relation with one column's privileges replaced (stored canonically, absent when empty). */
export const withColumnAcl = <T extends ColumnAclHolder>(o: T, column: string, acl: Acl): T => {
  const stored = storedColumnAcl(acl)
  if (o.kind === 'Table') {
    const columns = o.columns.map((c) => {
      if (c.name !== column) return c
      const { acl: _a, ...rest } = c
      return stored ? { ...rest, acl: stored } : rest
    })
    return { ...o, columns }
  }
  const { [column]: _old, ...others } = o.columnAcls ?? {}
  const all = stored ? { ...others, [column]: stored } : others
  const { columnAcls: _c, ...rest } = o
  return (Object.keys(all).length ? { ...rest, columnAcls: Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : rest) as T
}
