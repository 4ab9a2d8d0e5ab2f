/** Constructors for access-control objects in hand-built catalogs. */
import type { PgVersion } from '../../src/ir/catalog.js'
import type { Acl, AclItem, DefaultAcl, Membership, Policy, Privilege, Role } from '../../src/ir/objects.js'
import { aclDefault, sortAcl, type AclKind } from '../../src/normalize/acl.js'

export const role = (name: string, extra: Partial<Role> = {}): Role => ({
  kind: 'Role',
  name,
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
  login: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
  ...extra,
})

export const member = (r: string, m: string, extra: Partial<Membership> = {}): Membership => ({
  kind: 'Membership',
  role: r,
  member: m,
  admin: false,
  inherit: true,
  set: true,
  ...extra,
})

export const policy = (name: string, table: string, extra: Partial<Policy> = {}): Policy => ({
  kind: 'Policy',
  schema: 'public',
  table,
  name,
  permissive: true,
  command: 'all',
  roles: ['PUBLIC'],
  ...extra,
})

export const item = (grantee: string, privilege: Privilege, grantor: string, grantable = false): AclItem => ({ grantee, privilege, grantable, grantor })

/** acldefault(kind, owner) plus these items. */
export const plus = (kind: AclKind, owner: string, items: AclItem[], v: PgVersion = 16): Acl => sortAcl([...aclDefault(kind, owner, v), ...items])

/** acldefault(kind, owner) without the items matching (grantee, privilege). */
export const minus = (kind: AclKind, owner: string, drop: Array<[string, Privilege]>, v: PgVersion = 16): Acl =>
  aclDefault(kind, owner, v).filter((i) => !drop.some(([g, p]) => i.grantee === g && i.privilege === p))

export const defaultAcl = (r: string, schema: string, objectType: DefaultAcl['objectType'], acl: Acl): DefaultAcl => ({ kind: 'DefaultAcl', role: r, schema, objectType, acl: sortAcl(acl) })

/** The changes without their summaries, for exact comparison. */
export const bare = (cs: { changes: ReadonlyArray<object> }): unknown[] =>
  cs.changes.map((c) => {
    const { summary: _s, ...rest } = c as { summary?: string }
    return rest
  })
