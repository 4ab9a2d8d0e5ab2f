/**
 * GRANT / REVOKE privileges on objects: the ACL algebra (normalize/acl.ts) applied to the objects
 * the statement names, with the grantor the server would record and its diagnostics.
 */
import type { GrantStmt } from '@pgsql/types'
import * as E from 'fp-ts/lib/Either.js'
import type { Acl, Privilege } from '../../ir/objects.js'
import {
  appliesTo,
  columnAclOf,
  columnNames,
  effectiveAcl,
  grant,
  holdsColumnAcls,
  privilegesOf,
  revoke,
  storedAcl,
  withColumnAcl,
  type AclKind,
  type ColumnAclHolder,
} from '../../normalize/acl.js'
import { bestGrantor } from './acl-grantor.js'
import { privilegeList, type PrivilegeList } from './acl-privileges.js'
import { roleRefs, withAcl } from './acl-roles.js'
import { grantTargets, type Target } from './acl-target.js'
import { roleName, type Ctx } from './util.js'

/** How the server names an object kind in "invalid privilege type" messages. */
const KIND_WORD: Readonly<Record<AclKind, string>> = {
  table: 'relation',
  sequence: 'sequence',
  function: 'function',
  type: 'type',
  schema: 'schema',
  database: 'database',
  language: 'language',
  column: 'column',
} as const

interface Action {
  readonly isGrant: boolean
  readonly grantees: ReadonlyArray<string>
  /** WITH GRANT OPTION, or REVOKE GRANT OPTION FOR */
  readonly grantOption: boolean
  readonly cascade: boolean
}

/** The object-level privileges for one target; undefined (error given) when one does not apply. */
const objectPrivileges = (c: Ctx, objtype: string, t: Target, list: PrivilegeList): ReadonlyArray<Privilege> | undefined => {
  const v = c.st.pgVersion
  if (list.object === 'ALL') return list.columns.length ? [] : privilegesOf(t.kind, v)
  const out: Privilege[] = []
  for (const p of list.object) {
    const relationLevel = objtype === 'OBJECT_TABLE' && (appliesTo('table', p, v) || appliesTo('sequence', p, v))
    if (appliesTo(t.kind, p, v)) out.push(p)
    else if (t.kind === 'sequence' && relationLevel)
      c.st.warn('W-SEQUENCE-PRIVILEGE', `sequence "${t.name}" only supports USAGE, SELECT, and UPDATE privileges`, c.span)
    else {
      const word = objtype === 'OBJECT_TABLE' ? (relationLevel ? 'table' : 'relation') : KIND_WORD[t.kind]
      c.st.error('E-INVALID-PRIVILEGE', `invalid privilege type ${p} for ${word}`, c.span)
      return undefined
    }
  }
  return out
}

/** Grant or revoke on one ACL; Left with the server's message on a revoke with dependents. */
const applyAcl = (acl: Acl, a: Action, privileges: ReadonlyArray<Privilege>, grantor: string, owner: string): E.Either<string, Acl> =>
  a.isGrant
    ? E.right(grant(acl, { grantees: a.grantees, privileges, grantable: a.grantOption, grantor }))
    : revoke(acl, { grantees: a.grantees, privileges, grantOptionOnly: a.grantOption, grantor, cascade: a.cascade, owner })

/** The grantor for these privileges, or undefined (with the server's warning or error) when nothing can be done. */
const grantorFor = (c: Ctx, a: Action, t: Target, owner: string, acls: ReadonlyArray<Acl>, privileges: ReadonlyArray<Privilege>) => {
  const g = bestGrantor(c.st, owner, acls, privileges)
  if (!g.privileges.length && !g.holdsAny) {
    c.st.error('E-PERMISSION-DENIED', `permission denied for ${KIND_WORD[t.kind]} ${t.name}`, c.span)
    return undefined
  }
  if (g.privileges.length < privileges.length) {
    const what = g.privileges.length ? 'not all' : 'no'
    c.st.warn('W-NOT-GRANTED', a.isGrant ? `${what} privileges were granted for "${t.name}"` : `${what} privileges could be revoked for "${t.name}"`, c.span)
  }
  return g.privileges.length ? g : undefined
}

/** Table-level REVOKE also takes the same privileges away from every column. */
const revokeColumns = <T extends ColumnAclHolder>(c: Ctx, a: Action, rel: T, privileges: ReadonlyArray<Privilege>, grantor: string): T | undefined => {
  const colPrivs = privileges.filter((p) => appliesTo('column', p, c.st.pgVersion))
  if (a.isGrant || !colPrivs.length) return rel
  let next = rel
  for (const name of columnNames(rel)) {
    const acl = columnAclOf(rel, name)
    if (!acl.length) continue
    const r = applyAcl(acl, a, colPrivs, grantor, rel.owner)
    if (E.isLeft(r)) {
      c.st.error('E-DEPENDENT-PRIVILEGES', r.left, c.span)
      return undefined
    }
    next = withColumnAcl(next, name, r.right)
  }
  return next
}

const onObject = (c: Ctx, a: Action, t: Target, privileges: ReadonlyArray<Privilege>): void => {
  if (!privileges.length) return
  const obj = t.get()
  const g = grantorFor(c, a, t, obj.owner, [effectiveAcl(obj, c.st.pgVersion)], privileges)
  if (!g) return
  const r = applyAcl(effectiveAcl(obj, c.st.pgVersion), a, g.privileges, g.grantor, obj.owner)
  if (E.isLeft(r)) return c.st.error('E-DEPENDENT-PRIVILEGES', r.left, c.span)
  let next = withAcl(obj, storedAcl(t.kind, obj.owner, r.right, c.st.pgVersion))
  if (holdsColumnAcls(next)) {
    const withColumns = revokeColumns(c, a, next, g.privileges, g.grantor)
    if (!withColumns) return
    next = withColumns
  }
  t.put(next)
}

const onColumns = (c: Ctx, a: Action, t: Target, list: PrivilegeList): void => {
  const v = c.st.pgVersion
  for (const cp of list.columns) {
    const obj = t.get()
    if (!holdsColumnAcls(obj)) return c.st.error('E-INVALID-PRIVILEGE', `invalid privilege type ${cp.privilege} for column`, c.span)
    const privileges = cp.privilege === 'ALL' ? privilegesOf('column', v) : [cp.privilege]
    if (cp.privilege !== 'ALL' && !appliesTo('column', cp.privilege, v))
      return c.st.error('E-INVALID-PRIVILEGE', `invalid privilege type ${cp.privilege} for column`, c.span)
    const names = columnNames(obj)
    let next: ColumnAclHolder = obj
    for (const name of cp.columns) {
      if (!names.includes(name)) return c.st.error('E-UNDEFINED-COLUMN', `column "${name}" of relation "${obj.name}" does not exist`, c.span)
      const current = columnAclOf(next, name)
      const g = grantorFor(c, a, t, obj.owner, [effectiveAcl(obj, v), current], privileges)
      if (!g) continue
      const r = applyAcl(current, a, g.privileges, g.grantor, obj.owner)
      if (E.isLeft(r)) return c.st.error('E-DEPENDENT-PRIVILEGES', r.left, c.span)
      next = withColumnAcl(next, name, r.right)
    }
    t.put(next)
  }
}

export const grantStmt = (c: Ctx, n: GrantStmt): void => {
  const objtype = n.objtype ?? 'OBJECT_TABLE'
  const grantees = roleRefs(c, n.grantees)
  if (!grantees) return
  if (n.grantor && roleName(c.st, n.grantor) !== c.st.role) return c.st.error('E-INVALID-GRANTOR', 'grantor must be current user', c.span)
  if (n.is_grant && n.grant_option && grantees.includes('PUBLIC'))
    return c.st.error('E-INVALID-GRANT-OPERATION', 'grant options can only be granted to roles', c.span)
  const list = privilegeList(c, n.privileges)
  if (!list) return
  const targets = grantTargets(c, n)
  if (!targets) return
  const a: Action = { isGrant: !!n.is_grant, grantees, grantOption: !!n.grant_option, cascade: n.behavior === 'DROP_CASCADE' }
  const plans: Array<[Target, ReadonlyArray<Privilege>]> = []
  for (const t of targets) {
    const privileges = objectPrivileges(c, objtype, t, list)
    if (!privileges) return
    if (list.columns.length && t.kind !== 'table')
      return c.st.error('E-INVALID-PRIVILEGE', `column privileges are only valid for relations`, c.span)
    plans.push([t, privileges])
  }
  for (const [t, privileges] of plans) {
    onObject(c, a, t, privileges)
    onColumns(c, a, t, list)
  }
}
