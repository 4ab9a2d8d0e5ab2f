/**
 * GRANT role TO member / REVOKE role FROM member (and the membership clauses of CREATE ROLE and
 * ALTER GROUP). Options as PostgreSQL 16+ keeps them per membership; on 15 only ADMIN exists.
 */
import type { DefElem, GrantRoleStmt, Node } from '@pgsql/types'
import type { Membership } from '../../ir/objects.js'
import type { Span } from '../../ir/span.js'
import { membershipKey } from './state.js'
import { argText, at, roleName, type Ctx } from './util.js'
import { roleNotDropped } from './role-refs.js'

export interface MembershipOptions {
  readonly admin?: boolean
  readonly inherit?: boolean
  readonly set?: boolean
}

/** Is `role` (transitively) a member of `of`, through the memberships of the state? */
const isMemberOf = (c: Ctx, role: string, of: string): boolean => {
  const seen = new Set<string>()
  const todo = [role]
  while (todo.length) {
    const r = todo.pop()!
    if (r === of) return true
    if (seen.has(r)) continue
    seen.add(r)
    for (const m of c.st.memberships.values()) if (m.member === r) todo.push(m.role)
  }
  return false
}

/** GRANT role TO member with the given options, merged into an existing membership as the server does. */
export const addMembership = (c: Ctx, role: string, member: string, o: MembershipOptions, span: Span = c.span): void => {
  if (!roleNotDropped(c, role, span) || !roleNotDropped(c, member, span)) return
  if (role === 'public' || member === 'public') {
    c.st.error('E-UNDEFINED-ROLE', 'role "public" does not exist', span)
    return
  }
  if (isMemberOf(c, role, member)) {
    c.st.error('E-MEMBERSHIP-CYCLE', `role "${role}" is a member of role "${member}"`, span)
    return
  }
  const key = membershipKey(role, member)
  const prev = c.st.memberships.get(key)
  const v16 = c.st.pgVersion >= 16
  const next: Membership = {
    kind: 'Membership',
    role,
    member,
    // on 15 a second grant can only add the admin option
    admin: v16 ? (o.admin ?? prev?.admin ?? false) : o.admin === true || prev?.admin === true,
    inherit: v16 ? (o.inherit ?? prev?.inherit ?? c.st.roles.get(member)?.inherit ?? true) : true,
    set: v16 ? (o.set ?? prev?.set ?? true) : true,
    span: prev?.span ?? span,
  }
  c.st.memberships.set(key, next)
}

/** REVOKE [option FOR] role FROM member. */
export const removeMembership = (c: Ctx, role: string, member: string, option: keyof MembershipOptions | undefined, span: Span = c.span): void => {
  if (!roleNotDropped(c, role, span) || !roleNotDropped(c, member, span)) return
  const key = membershipKey(role, member)
  const prev = c.st.memberships.get(key)
  if (!prev) {
    c.st.warn('W-NOT-MEMBER', `role "${member}" has not been granted membership in role "${role}" in the files`, span)
    return
  }
  if (option === undefined) c.st.memberships.delete(key)
  else c.st.memberships.set(key, { ...prev, [option]: false })
}

const OPTION_NAMES = ['admin', 'inherit', 'set'] as const
type OptionName = (typeof OPTION_NAMES)[number]
const isOption = (s: string): s is OptionName => (OPTION_NAMES as ReadonlyArray<string>).includes(s)

const bool = (d: DefElem): boolean => {
  const v = argText(d.arg)
  return v === undefined || ['true', 'on', '1', 'yes', 'option'].includes(v.toLowerCase())
}

const options = (c: Ctx, opt: ReadonlyArray<Node> | undefined): Map<OptionName, boolean> | undefined => {
  const out = new Map<OptionName, boolean>()
  for (const n of opt ?? []) {
    if (!('DefElem' in n)) continue
    const name = (n.DefElem.defname ?? '').toLowerCase()
    if (!isOption(name)) {
      c.st.error('E-SYNTAX', `unrecognized role option "${name}"`, at(c, n.DefElem.location))
      return undefined
    }
    if (name !== 'admin' && c.st.pgVersion < 16) {
      c.st.error('E-VERSION', `the ${name.toUpperCase()} option of a role membership needs PostgreSQL 16 or later`, at(c, n.DefElem.location))
      return undefined
    }
    out.set(name, bool(n.DefElem))
  }
  return out
}

export const grantRole = (c: Ctx, n: GrantRoleStmt): void => {
  const opts = options(c, n.opt)
  if (!opts) return
  if (n.grantor) {
    const g = roleName(c.st, n.grantor)
    if (!roleNotDropped(c, g, at(c, n.grantor.location))) return
    if (c.st.pgVersion < 16 && g !== c.st.role) {
      c.st.error('E-VERSION', `GRANTED BY another role than the current one needs PostgreSQL 16 or later`, at(c, n.grantor.location))
      return
    }
  }
  const roles = (n.granted_roles ?? []).flatMap((x) => ('AccessPriv' in x ? [x.AccessPriv.priv_name ?? ''] : []))
  const members = (n.grantee_roles ?? []).flatMap((x) => ('RoleSpec' in x ? [x.RoleSpec] : []))
  for (const m of members) {
    const span = at(c, m.location)
    if (m.roletype === 'ROLESPEC_PUBLIC') {
      c.st.error('E-UNDEFINED-ROLE', 'role "public" does not exist', span)
      continue
    }
    const member = roleName(c.st, m)
    for (const role of roles) {
      if (n.is_grant) addMembership(c, role, member, Object.fromEntries(opts), span)
      else {
        // REVOKE <option> OPTION FOR: the grammar gives the option with value false
        const [option] = [...opts.keys()]
        removeMembership(c, role, member, option, span)
      }
    }
  }
}
