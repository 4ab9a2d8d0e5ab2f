/**
 * Privileges of one securable object as Grant / Revoke changes. The ACL compared is what the
 * server holds just before the statements run: for an object altered in place its ACL on the
 * `from` side, rewritten by ALTER … OWNER TO when the owner changes; for an object the migration
 * creates, the ACL the server gives it at creation (the migration role's default privileges of the
 * `to` side, which the diff orders before every creation they govern), then the owner change.
 * Column privileges follow the same method; a table-level REVOKE also takes the privilege of the
 * same kind from every column, as on the server.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Catalog, PgVersion } from '../ir/catalog.js'
import type { Change, Target } from '../ir/change.js'
import { identity } from '../ir/names.js'
import type { Acl, DbObject, Privilege, Table } from '../ir/objects.js'
import { aclKindOf, columnAclOf, columnNames, effectiveAcl, holdsColumnAcls, initialAcl, newOwner, privilegesOf, type DefaultAcls } from '../normalize/acl.js'
import { aclSteps, applyRevoke, grantSteps, revokeSteps, type AclStep } from './acl-steps.js'
import { isTargetable, targetOf } from './meta.js'

export interface AclContext {
  /** the role the migration runs as: it creates every object */
  readonly role: string
  readonly v: PgVersion
  /** the default privileges in force when objects are created (those of the `to` side) */
  readonly defaults: DefaultAcls
  /**
   * Does `role` have USAGE on `schema` (directly or through PUBLIC) in the target state? Schemas'
   * privileges are changed before the objects in them, so that is the state a grant runs in.
   */
  readonly schemaUsage: (schema: string, role: string) => boolean
}

/** schemaUsage over the `to` catalog (memberships are not followed: lending then is harmless). */
export const schemaUsageOf = (c: Catalog): AclContext['schemaUsage'] => (schema, role) => {
  const s = c.objects.get(identity('Schema', [schema]))
  return s === undefined || effectiveAcl(s, c.pgVersion).some((i) => i.privilege === 'USAGE' && (i.grantee === role || i.grantee === 'PUBLIC'))
}

export const defaultsOf = (c: Catalog): DefaultAcls => (role, schema, objectType) => {
  const o = c.objects.get(identity('DefaultAcl', [role, schema, objectType]))
  return o?.kind === 'DefaultAcl' ? o.acl : undefined
}

const describe = (t: Target, columns: ReadonlyArray<string> | undefined): string =>
  `${t.on === 'Database' ? 'the database' : `${t.on.toLowerCase()} "${t.name}"`}${columns ? ` (${columns.join(', ')})` : ''}`

/** The schema of an object that lives in one (not schemas, not the database). */
const schemaOfTarget = (t: Target): string | undefined => (t.on === 'Schema' || t.on === 'Database' || t.on === 'Role' ? undefined : t.schema)

const toChange = (target: Target, owner: string, s: AclStep, ctx: AclContext, columns?: ReadonlyArray<string>): Change => {
  const schema = schemaOfTarget(target)
  const lend = s.grantor !== owner && schema !== undefined && !ctx.schemaUsage(schema, s.grantor)
  const extra = { ...(columns ? { columns } : {}), ...(s.grantor !== owner ? { grantor: s.grantor } : {}), ...(lend && schema !== undefined ? { lendUsage: schema } : {}) }
  const privs = s.privileges.join(', ')
  return s.action === 'grant'
    ? {
        kind: 'Grant',
        target,
        grantee: s.grantee,
        privileges: s.privileges,
        grantable: s.flag,
        ...extra,
        summary: `grant ${privs} on ${describe(target, columns)} to "${s.grantee}"${s.flag ? ' with grant option' : ''}`,
      }
    : {
        kind: 'Revoke',
        target,
        grantee: s.grantee,
        privileges: s.privileges,
        grantOptionOnly: s.flag,
        cascade: s.cascade,
        ...extra,
        summary: `revoke ${s.flag ? 'grant option for ' : ''}${privs} on ${describe(target, columns)} from "${s.grantee}"`,
      }
}

/** The ACL of `o1` just before its GRANT/REVOKE statements run (see the header). */
export const aclBefore = (o0: DbObject | undefined, o1: DbObject, ctx: AclContext): Acl => {
  const kind = aclKindOf(o1)
  if (kind === undefined || !('owner' in o1)) return []
  if (o0 !== undefined && 'owner' in o0) return newOwner(effectiveAcl(o0, ctx.v), o0.owner, o1.owner)
  const schema = o1.kind === 'Schema' || !('schema' in o1) ? '' : o1.schema
  return newOwner(initialAcl(kind, ctx.role, schema, ctx.defaults, ctx.v), ctx.role, o1.owner)
}

/** Column steps of all columns merged into one change per (action, grantee, grantor, option, columns). */
const columnChanges = (target: Target, owner: string, perColumn: ReadonlyArray<readonly [string, ReadonlyArray<AclStep>]>, action: AclStep['action'], ctx: AclContext): Change[] => {
  const units = new Map<string, { step: AclStep; byPrivilege: Map<Privilege, string[]> }>()
  for (const [column, steps] of perColumn)
    for (const s of steps) {
      if (s.action !== action) continue
      const k = `${s.grantor === owner ? 0 : 1}\u0000${s.grantee}\u0000${s.grantor}\u0000${s.flag}\u0000${s.cascade}`
      const u = units.get(k) ?? { step: s, byPrivilege: new Map<Privilege, string[]>() }
      for (const p of s.privileges) u.byPrivilege.set(p, [...(u.byPrivilege.get(p) ?? []), column])
      units.set(k, u)
    }
  return [...units.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .flatMap(([, u]) => {
      const byColumns = new Map<string, { columns: string[]; privileges: Privilege[] }>()
      for (const [p, columns] of u.byPrivilege) {
        const k = JSON.stringify(columns)
        const g = byColumns.get(k) ?? { columns, privileges: [] }
        g.privileges.push(p)
        byColumns.set(k, g)
      }
      return [...byColumns.values()].map((g) => toChange(target, owner, { ...u.step, privileges: g.privileges }, ctx, g.columns))
    })
}

/**
 * Grant / Revoke changes for `o1` (`o0` its version on the `from` side when it is altered in
 * place, undefined when the migration creates it). `readded` names columns dropped and added again.
 */
export const aclChanges = (o0: DbObject | undefined, o1: DbObject, ctx: AclContext, readded: ReadonlySet<string> = new Set()): Change[] => {
  const kind = aclKindOf(o1)
  if (kind === undefined || !('owner' in o1) || !isTargetable(o1)) return []
  const target = targetOf(o1)
  const owner = o1.owner
  const before = aclBefore(o0, o1, ctx)
  const after = effectiveAcl(o1, ctx.v)
  if (!holdsColumnAcls(o1)) return aclSteps(before, after, owner).map((s) => toChange(target, owner, s, ctx))
  const t0 = o0 !== undefined && holdsColumnAcls(o0) ? o0 : undefined
  const names0 = new Set(t0 ? columnNames(t0) : [])
  const revokes = revokeSteps(before, after, owner)
  const grants = grantSteps(revokes.acl, after, owner)
  const columnPrivileges = privilegesOf('column', ctx.v)
  const perColumn = columnNames(o1).map((name) => {
    const kept = t0 !== undefined && !readded.has(name) && names0.has(name)
    let acl: Acl = kept && t0 ? newOwner(columnAclOf(t0, name), t0.owner, owner) : []
    // a table-level REVOKE takes the same privileges from every column
    for (const s of revokes.steps) {
      const privileges = s.privileges.filter((p) => columnPrivileges.includes(p))
      if (privileges.length) acl = E.getOrElse((): Acl => acl)(applyRevoke(acl, { ...s, privileges, cascade: true }, owner))
    }
    return [name, aclSteps(acl, columnAclOf(o1, name), owner)] as const
  })
  return [
    ...revokes.steps.map((s) => toChange(target, owner, s, ctx)),
    ...columnChanges(target, owner, perColumn, 'revoke', ctx),
    ...grants.steps.map((s) => toChange(target, owner, s, ctx)),
    ...columnChanges(target, owner, perColumn, 'grant', ctx),
  ]
}

/** ENABLE / FORCE ROW LEVEL SECURITY for a table the migration creates. */
export const createdRowSecurity = (t: Table): Change[] => {
  const actions = [
    ...(t.rowSecurity ? [{ kind: 'SetRowSecurity' as const, enabled: true }] : []),
    ...(t.forceRowSecurity ? [{ kind: 'SetForceRowSecurity' as const, forced: true }] : []),
  ]
  return actions.length ? [{ kind: 'AlterTable', schema: t.schema, name: t.name, actions, summary: `enable row level security on "${t.name}"` }] : []
}
