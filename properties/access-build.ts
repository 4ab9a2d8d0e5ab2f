/**
 * AccessPlan + Catalog → Catalog with roles, memberships, ACLs, default ACLs, policies and RLS.
 * Every ACL goes through the ACL algebra (grant, revoke, alterDefaultAcl, storedAcl), so it is one
 * the server could hold: grant options only to roles, privileges that apply to the kind and
 * version, memberships acyclic (a role is only granted to roles generated before it).
 * Requires `await ready()` (policy expressions are canonicalised).
 */
import { catalog, type Catalog } from '../src/ir/catalog.js'
import { idOf } from '../src/ir/identity.js'
import { quoteIdent } from '../src/ir/names.js'
import type { Acl, DbObject, DefaultAcl, DefaultAclObjectType, Membership, Policy, PolicyCommand, Privilege, Role, Table } from '../src/ir/objects.js'
import {
  aclKindOf, alterDefaultAcl, aclKindOfObjectType, effectiveAcl, grant, privilegesOf, revoke, storedAcl, storedColumnAcl, type AclKind,
} from '../src/normalize/acl.js'
import { canonicalExpr } from '../src/normalize/expr.js'
import * as E from 'fp-ts/lib/Either.js'
import type { AccessPlan, GrantPlan } from './access-plan.js'
import { COMMENTS, Namespace, poolOf, type NameMode } from './names.js'

const at = <T>(xs: ReadonlyArray<T>, i: number): T => xs[i % xs.length] as T

/** Role settings with values as the server stores them (setconfig). */
const SETTINGS = [
  { name: 'work_mem', values: ['64MB', '1GB'] },
  { name: 'statement_timeout', values: ['5s', '1min'] },
  { name: 'application_name', values: ['app', 'report'] },
  { name: 'lock_timeout', values: ['10s', '2s'] },
] as const
// not 'infinity': the IR stores it as absent (objects.ts, Role)
const VALID_UNTIL = ['2030-01-01 00:00:00+00', '-infinity'] as const
const OBJECT_TYPES: ReadonlyArray<DefaultAclObjectType> = ['tables', 'sequences', 'functions', 'types', 'schemas']
const COMMANDS: ReadonlyArray<PolicyCommand> = ['all', 'select', 'insert', 'update', 'delete']
/** Policy expression templates; `c` is replaced by a quoted column of the table. */
const EXPRS = ['c IS NOT NULL', 'true', 'c IS NULL', "CURRENT_USER = 'postgres'::name"] as const
/** Names a role cannot take (reserved, or the superuser we run as). */
const NOT_ROLES = ['public', 'none', 'PUBLIC', 'postgres', 'current_user', 'current_role', 'session_user']

/** The privileges of `kind` picked by a bit set (never empty). */
const pick = (kind: AclKind, bits: number, c: Catalog): Privilege[] => {
  const all = privilegesOf(kind, c.pgVersion)
  const some = all.filter((_, i) => (bits >> i) & 1)
  return some.length ? some : [at(all, bits)]
}

const ownerOf = (o: DbObject): string => ('owner' in o ? o.owner : 'postgres')

/** Apply one GRANT or REVOKE (as the owner) to an ACL. */
const applyGrant = (acl: Acl, g: GrantPlan, kind: AclKind, grantee: string, owner: string, c: Catalog): Acl => {
  const privileges = pick(kind, g.privileges, c)
  if (!g.revoke) return grant(acl, { grantees: [grantee], privileges, grantable: g.grantable && grantee !== 'PUBLIC', grantor: owner })
  const r = revoke(acl, { grantees: [grantee], privileges, grantOptionOnly: false, grantor: owner, cascade: true, owner })
  return E.getOrElse((): Acl => acl)(r)
}

export const decorate = (base: Catalog, plan: AccessPlan, mode: NameMode): Catalog => {
  const v = base.pgVersion
  const objects = new Map(base.objects)
  const put = (o: DbObject, id: string): void => void objects.set(id, o)

  // ── roles ──
  const roleNs = new Namespace(poolOf(mode).filter((p) => !p.startsWith('pg_') && !NOT_ROLES.includes(p.toLowerCase())))
  for (const r of NOT_ROLES) roleNs.reserve(r)
  const roles: Role[] = plan.roles.map((r) => {
    const bit = (i: number): boolean => ((r.attrs >> i) & 1) === 1
    const settings = [...new Map(r.settings.map((s) => {
      const def = at(SETTINGS, s.name)
      return [`${s.inDatabase}\u0000${def.name}`, { name: def.name, value: at(def.values, s.value), inDatabase: s.inDatabase }] as const
    })).values()].sort((a, b) => (a.inDatabase !== b.inDatabase ? (a.inDatabase ? 1 : -1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return {
      kind: 'Role', name: roleNs.take(r.name), superuser: bit(0), createDb: bit(1), createRole: bit(2), inherit: !bit(3),
      login: bit(4), replication: bit(5), bypassRls: bit(6), connectionLimit: r.connectionLimit ?? -1,
      ...(r.validUntil === undefined ? {} : { validUntil: at(VALID_UNTIL, r.validUntil) }),
      ...(settings.length ? { settings } : {}),
      ...(r.comment === undefined ? {} : { comment: at(COMMENTS, r.comment) }),
    }
  })
  for (const r of roles) put(r, idOf(r))
  const names = roles.map((r) => r.name)
  const grantee = (i: number): string => (names.length === 0 ? 'PUBLIC' : i % (names.length + 1) === names.length ? 'PUBLIC' : at(names, i))

  // ── memberships: the later role is granted to the earlier one, so there is no cycle ──
  const ms = new Map<string, Membership>()
  for (const m of plan.memberships) {
    if (names.length < 2) break
    const [x, y] = [m.role % names.length, m.member % names.length]
    if (x === y) continue
    const role = names[Math.max(x, y)] as string
    const member = names[Math.min(x, y)] as string
    ms.set(`${role}\u0000${member}`, { kind: 'Membership', role, member, admin: m.admin, inherit: v >= 16 ? m.inherit : true, set: v >= 16 ? m.set : true })
  }
  for (const m of ms.values()) put(m, idOf(m))

  // ── grants on objects and table columns ──
  const securable = (): Array<[string, DbObject]> => [...objects].filter(([, o]) => aclKindOf(o) !== undefined && 'owner' in o)
  for (const g of plan.grants) {
    const list = securable()
    if (!list.length) break
    const [id, o] = at(list, g.object)
    const kind = aclKindOf(o) as AclKind
    const owner = ownerOf(o)
    const who = g.revoke && g.grantee % 3 === 0 ? owner : grantee(g.grantee)
    if (g.column !== undefined && o.kind === 'Table' && o.columns.length) {
      const ci = g.column % o.columns.length
      const col = o.columns[ci] as Table['columns'][number]
      const acl = storedColumnAcl(applyGrant(col.acl ?? [], { ...g, revoke: false }, 'column', grantee(g.grantee), owner, base))
      const { acl: _drop, ...rest } = col
      const columns = o.columns.map((x, i) => (i === ci ? (acl ? { ...rest, acl } : rest) : x))
      put({ ...o, columns }, id)
      continue
    }
    const acl = storedAcl(kind, owner, applyGrant(effectiveAcl(o, v), g, kind, who, owner, base), v)
    const { acl: _old, ...rest } = o as DbObject & { acl?: Acl }
    put((acl ? { ...rest, acl } : rest) as DbObject, id)
  }

  // ── default privileges, through alterDefaultAcl so that each entry is one the server stores ──
  const schemas = [...objects.values()].flatMap((o) => (o.kind === 'Schema' ? [o.name] : []))
  const entries = new Map<string, DefaultAcl>()
  for (const d of plan.defaultAcls) {
    const role = d.role % (names.length + 1) === 0 ? 'postgres' : at(names, d.role - 1)
    const objectType = at(OBJECT_TYPES, d.objectType)
    const schema = d.schema === undefined || objectType === 'schemas' || !schemas.length ? '' : at(schemas, d.schema)
    const key = `${role}\u0000${schema}\u0000${objectType}`
    let acl: Acl | undefined = entries.get(key)?.acl
    for (const op of d.ops) {
      const privileges = pick(aclKindOfObjectType(objectType), op.privileges, base)
      const to = grantee(op.grantee)
      acl = alterDefaultAcl(
        acl, role, schema, objectType,
        op.revoke
          ? { action: 'revoke', grantees: [to], privileges, grantOptionOnly: false }
          : { action: 'grant', grantees: [to], privileges, grantable: op.grantable && to !== 'PUBLIC' },
        v,
      )
    }
    if (acl === undefined) entries.delete(key)
    else entries.set(key, { kind: 'DefaultAcl', role, schema, objectType, acl })
  }

  // ── RLS flags and policies ──
  const tables = (): Array<[string, Table]> => [...objects].flatMap(([id, o]) => (o.kind === 'Table' ? [[id, o] as [string, Table]] : []))
  for (const r of plan.rls) {
    const ts = tables()
    if (!ts.length) break
    const [id, t] = at(ts, r.table)
    put({ ...t, ...(r.enable ? { rowSecurity: true as const } : {}), ...(r.force ? { forceRowSecurity: true as const } : {}) }, id)
  }
  const policies: Policy[] = []
  const policyNs = new Map<string, Namespace>()
  for (const p of plan.policies) {
    const ts = tables()
    if (!ts.length) break
    const [id, t] = at(ts, p.table)
    const ns = policyNs.get(id) ?? new Namespace(poolOf(mode))
    policyNs.set(id, ns)
    const command = at(COMMANDS, p.command)
    const col = t.columns[0]
    const expr = (i: number): string => canonicalExpr(at(EXPRS, i).replace(/\bc\b/g, col ? quoteIdent(col.name) : 'true'))
    const rs = [...new Set(p.roles.map(grantee))]
    const roleList = rs.length === 0 || rs.includes('PUBLIC') ? ['PUBLIC'] : rs.sort()
    const using = command === 'insert' || p.using === undefined ? {} : { using: expr(p.using) }
    const check = command === 'select' || command === 'delete' || p.check === undefined ? {} : { check: expr(p.check) }
    policies.push({
      kind: 'Policy', schema: t.schema, table: t.name, name: ns.take(p.name), permissive: p.permissive, command, roles: roleList,
      ...using, ...check, ...(p.comment === undefined ? {} : { comment: at(COMMENTS, p.comment) }),
    })
  }
  return catalog(v, [...objects.values(), ...entries.values(), ...policies])
}
