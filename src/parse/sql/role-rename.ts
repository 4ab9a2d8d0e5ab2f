/**
 * ALTER ROLE a RENAME TO b: the server keeps role OIDs in its catalogs, so every reference follows
 * the rename — owners, ACL grantees and grantors (column ACLs included), memberships, default
 * privileges and policy roles.
 */
import type { Acl, AclItem, DbObject, Membership, Policy } from '../../ir/objects.js'
import { columnAclOf, columnNames, holdsColumnAcls, sortAcl, withColumnAcl } from '../../normalize/acl.js'
import { defaultAclKey, membershipKey, type State } from './state.js'
import { roleNameAllowed } from './role.js'
import { roleNotDropped } from './role-refs.js'
import type { Ctx } from './util.js'

export const renameRoleEverywhere = (st: State, from: string, to: string): void => {
  const r = (name: string): string => (name === from ? to : name)
  const item = (i: AclItem): AclItem => ({ ...i, grantee: r(i.grantee), grantor: r(i.grantor) })
  const acl = (a: Acl): Acl => (a.some((i) => i.grantee === from || i.grantor === from) ? sortAcl(a.map(item)) : a)
  const named = (a: Acl): boolean => a.some((i) => i.grantee === from || i.grantor === from)
  const touches = (o: DbObject): boolean =>
    ('owner' in o && o.owner === from) ||
    ('acl' in o && o.acl !== undefined && named(o.acl)) ||
    (holdsColumnAcls(o) && columnNames(o).some((n) => named(columnAclOf(o, n))))
  const fix = <T extends DbObject>(o: T): T => {
    if (!touches(o)) return o
    let out: DbObject = o
    if ('owner' in out && out.owner === from) out = { ...out, owner: to }
    if ('acl' in out && out.acl) out = { ...out, acl: acl(out.acl) }
    if (holdsColumnAcls(out)) {
      let rel = out
      for (const n of columnNames(rel)) if (named(columnAclOf(rel, n))) rel = withColumnAcl(rel, n, acl(columnAclOf(rel, n)))
      out = rel
    }
    return out as T
  }

  const role = st.roles.get(from)
  if (role) {
    st.roles.delete(from)
    st.roles.set(to, { ...role, name: to })
  }
  st.droppedRoles.delete(to)
  st.droppedRoles.add(from)

  for (const [k, s] of st.schemas) st.schemas.set(k, fix(s))
  for (const [k, rel] of [...st.relations]) if (touches(rel)) st.setRelation(k, fix(rel))
  for (const [k, t] of [...st.types]) if (touches(t)) st.setType(k, fix(t))
  for (const [k, f] of [...st.functions]) if (touches(f)) st.setFunction(k, fix(f))
  if (st.database) st.database = fix(st.database)

  const memberships: Membership[] = [...st.memberships.values()]
  st.memberships.clear()
  for (const m of memberships) {
    const next = { ...m, role: r(m.role), member: r(m.member) }
    st.memberships.set(membershipKey(next.role, next.member), next)
  }
  for (const [k, d] of [...st.defaultAcls]) {
    if (d.role !== from && !d.acl.some((i) => i.grantee === from || i.grantor === from)) continue
    st.defaultAcls.delete(k)
    const next = { ...d, role: r(d.role), acl: acl(d.acl) }
    st.defaultAcls.set(defaultAclKey(next.role, next.schema, next.objectType), next)
  }
  for (const [k, p] of [...st.policies]) {
    if (!p.roles.includes(from)) continue
    const next: Policy = { ...p, roles: [...new Set(p.roles.map(r))].sort() }
    st.policies.set(k, next)
  }
}

/** ALTER ROLE from RENAME TO to: the server's checks, then every reference follows. */
export const renameRole = (c: Ctx, from: string, to: string): void => {
  if (!roleNotDropped(c, from)) return
  if (from === c.st.sessionRole || from === c.st.role) {
    c.st.error('E-ROLE-IN-USE', from === c.st.sessionRole ? 'session user cannot be renamed' : 'current user cannot be renamed', c.span)
    return
  }
  if (!c.st.roles.has(from)) {
    c.st.warn('W-EXTERNAL-ROLE', `role "${from}" is not declared in the files (external): it is not managed; statement skipped`, c.span)
    return
  }
  if (!roleNameAllowed(c, to)) return
  renameRoleEverywhere(c.st, from, to)
}
