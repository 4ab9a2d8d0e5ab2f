/**
 * Who a GRANT/REVOKE is recorded as coming from (the server's select_best_grantor): the owner when
 * the current role is a superuser or has the owner's privileges; otherwise the current role, or a
 * role it inherits from, that holds grant options for the most of the privileges asked for.
 */
import type { Acl, Privilege } from '../../ir/objects.js'
import type { State } from './state.js'

/** Roles whose privileges `role` has (itself first, then inherited memberships, breadth first). */
export const privilegeRoles = (st: State, role: string): ReadonlyArray<string> => {
  const out = [role]
  for (let i = 0; i < out.length; i++)
    for (const m of st.memberships.values())
      if (m.member === out[i] && m.inherit && !out.includes(m.role)) out.push(m.role)
  return out
}

export interface Grantor {
  readonly grantor: string
  /** the privileges it may grant or revoke (all asked for when it is the owner) */
  readonly privileges: ReadonlyArray<Privilege>
  /** does the current role hold any privilege at all on the object (else: permission denied) */
  readonly holdsAny: boolean
}

/** `acls`: the ACLs that can hold grant options for these privileges (table and column for column privileges). */
export const bestGrantor = (st: State, owner: string, acls: ReadonlyArray<Acl>, privileges: ReadonlyArray<Privilege>): Grantor => {
  const roles = privilegeRoles(st, st.role)
  if (st.isSuperuser(st.role) || roles.includes(owner)) return { grantor: owner, privileges, holdsAny: true }
  const options = (r: string): ReadonlyArray<Privilege> =>
    privileges.filter((p) => acls.some((acl) => acl.some((i) => i.grantee === r && i.privilege === p && i.grantable)))
  let best = { grantor: st.role, privileges: options(st.role) }
  if (best.privileges.length < privileges.length)
    for (const r of roles.slice(1)) {
      const o = options(r)
      if (o.length > best.privileges.length) best = { grantor: r, privileges: o }
      if (o.length === privileges.length) break
    }
  const holdsAny = acls.some((acl) => acl.some((i) => roles.includes(i.grantee) || i.grantee === 'PUBLIC'))
  return { ...best, holdsAny }
}
