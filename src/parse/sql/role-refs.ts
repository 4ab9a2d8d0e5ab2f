/** Where the working state refers to a role: for DROP ROLE (in use?) and ALTER ROLE … RENAME. */
import type { AclItem, DbObject } from '../../ir/objects.js'
import { columnAclOf, columnNames, holdsColumnAcls } from '../../normalize/acl.js'
import type { Span } from '../../ir/span.js'
import type { State } from './state.js'
import type { Ctx } from './util.js'

/** False, with E-UNDEFINED-ROLE, when the files dropped the role. */
export const roleNotDropped = (c: Ctx, name: string, span: Span = c.span): boolean => {
  if (!c.st.droppedRoles.has(name)) return true
  c.st.error('E-UNDEFINED-ROLE', `role "${name}" does not exist`, span)
  return false
}

/** Every object of the state that can own something or carry an ACL. */
export const holders = (st: State): ReadonlyArray<DbObject> => [
  ...st.schemas.values(),
  ...st.relations.values(),
  ...st.types.values(),
  ...st.functions.values(),
  ...(st.database ? [st.database] : []),
]

const named = (name: string) => (i: AclItem): boolean => i.grantee === name || i.grantor === name


/**
 * What keeps the server from dropping the role (owned objects, privileges, default privileges,
 * policies), described for the message; undefined when nothing does.
 */
export const roleUse = (st: State, name: string): string | undefined => {
  for (const h of holders(st)) {
    const label = 'name' in h && typeof h.name === 'string' ? `${h.kind} "${h.name}"` : h.kind
    if ('owner' in h && h.owner === name) return `owner of ${label}`
    if (('acl' in h && h.acl?.some(named(name))) || (holdsColumnAcls(h) && columnNames(h).some((n) => columnAclOf(h, n).some(named(name)))))
      return `privileges on ${label}`
  }
  for (const d of st.defaultAcls.values())
    if (d.role === name || d.acl.some(named(name))) return `default privileges for role ${d.role}`
  for (const p of st.policies.values()) if (p.roles.includes(name)) return `target of policy "${p.name}" on table "${p.table}"`
  return undefined
}
