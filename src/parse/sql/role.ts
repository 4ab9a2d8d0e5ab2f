/**
 * CREATE / ALTER / DROP ROLE (USER, GROUP), as a superuser runs them. A role the files create is
 * managed (a Role object); any other role is external: ALTER of it is a warning and is skipped.
 */
import type { AlterRoleStmt, CreateRoleStmt, DropRoleStmt, Node } from '@pgsql/types'
import type { Span } from '../../ir/span.js'
import { applyRoleOptions, newRole, type MemberClauses } from './role-attrs.js'
import { addMembership, removeMembership } from './membership.js'
import { roleNotDropped, roleUse } from './role-refs.js'
import { at, roleName, type Ctx } from './util.js'

export { alterRoleSet } from './role-setting.js'

const RESERVED = new Set(['public', 'none'])

/** The server's check of a new role name (CREATE ROLE, RENAME TO); false with the error. */
export const roleNameAllowed = (c: Ctx, name: string, span: Span = c.span): boolean => {
  if (RESERVED.has(name) || name.startsWith('pg_')) {
    c.st.error('E-RESERVED-ROLE', `role name "${name}" is reserved`, span)
    return false
  }
  if (c.st.roles.has(name)) {
    c.st.error('E-DUPLICATE-ROLE', `role "${name}" already exists`, span)
    return false
  }
  return true
}

const specs = (nodes: ReadonlyArray<Node>) => nodes.flatMap((n) => ('RoleSpec' in n ? [n.RoleSpec] : []))

const applyMembers = (c: Ctx, name: string, m: MemberClauses): void => {
  for (const r of specs(m.inRoles)) addMembership(c, roleName(c.st, r), name, {}, at(c, r.location))
  for (const r of specs(m.members)) addMembership(c, name, roleName(c.st, r), {}, at(c, r.location))
  for (const r of specs(m.admins)) addMembership(c, name, roleName(c.st, r), { admin: true }, at(c, r.location))
}

export const createRole = (c: Ctx, n: CreateRoleStmt): void => {
  const name = n.role ?? ''
  if (!roleNameAllowed(c, name)) return
  const draft = newRole(name, n.stmt_type === 'ROLESTMT_USER')
  const members = applyRoleOptions(c, draft, n.options)
  draft.span = c.span
  c.st.roles.set(name, draft)
  c.st.droppedRoles.delete(name)
  // PG16+: a non-superuser creator (CREATEROLE) gets ADMIN on the new role, INHERIT and SET false
  const creator = c.st.role
  if (c.st.pgVersion >= 16 && !c.st.isSuperuser(creator)) addMembership(c, name, creator, { admin: true, inherit: false, set: false })
  applyMembers(c, name, members)
}

export const alterRole = (c: Ctx, n: AlterRoleStmt): void => {
  if (!n.role) return
  const name = roleName(c.st, n.role)
  if (!roleNotDropped(c, name, at(c, n.role.location))) return
  // ALTER GROUP g ADD|DROP USER u: a membership change, whether or not g is declared
  const opts = n.options ?? []
  const groupOnly = opts.length > 0 && opts.every((o) => 'DefElem' in o && o.DefElem.defname === 'rolemembers')
  if (groupOnly) {
    for (const o of opts) {
      if (!('DefElem' in o)) continue
      const arg = o.DefElem.arg
      const users = arg && 'List' in arg ? (arg.List.items ?? []) : []
      for (const u of specs(users)) {
        if (n.action === -1) removeMembership(c, name, roleName(c.st, u), undefined, at(c, u.location))
        else addMembership(c, name, roleName(c.st, u), {}, at(c, u.location))
      }
    }
    return
  }
  const role = c.st.roles.get(name)
  if (!role) {
    c.st.warn('W-EXTERNAL-ROLE', `role "${name}" is not declared in the files (external): it is not managed; statement skipped`, c.span)
    applyRoleOptions(c, newRole(name, false), opts.filter((o) => 'DefElem' in o && o.DefElem.defname === 'password'))
    return
  }
  const draft = { ...role }
  applyRoleOptions(c, draft, opts)
  c.st.roles.set(name, draft)
}

export const dropRole = (c: Ctx, n: DropRoleStmt): void => {
  const names: Array<[string, Span]> = []
  for (const r of specs(n.roles ?? [])) {
    const name = roleName(c.st, r)
    const span = at(c, r.location)
    if (name === c.st.role || name === c.st.sessionRole) {
      c.st.error('E-ROLE-IN-USE', name === c.st.sessionRole ? 'session user cannot be dropped' : 'current user cannot be dropped', span)
      return
    }
    if (c.st.droppedRoles.has(name)) {
      if (!n.missing_ok) c.st.error('E-UNDEFINED-ROLE', `role "${name}" does not exist`, span)
      continue
    }
    const use = roleUse(c.st, name)
    if (use) {
      c.st.error('E-ROLE-IN-USE', `role "${name}" cannot be dropped because some objects depend on it (${use})`, span)
      return
    }
    if (!c.st.roles.has(name) && !n.missing_ok)
      c.st.warn('W-EXTERNAL-ROLE', `role "${name}" is not declared in the files (external): it is not managed`, span)
    names.push([name, span])
  }
  for (const [name] of names) {
    c.st.roles.delete(name)
    c.st.droppedRoles.add(name)
    for (const [k, m] of [...c.st.memberships]) if (m.role === name || m.member === name) c.st.memberships.delete(k)
  }
}
