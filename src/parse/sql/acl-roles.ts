/** Role references in GRANT/REVOKE, ALTER DEFAULT PRIVILEGES and policies. */
import type { Node, RoleSpec } from '@pgsql/types'
import type { Acl } from '../../ir/objects.js'
import { at, roleName, type Ctx } from './util.js'

/** The role a RoleSpec names (`PUBLIC` for the pseudo-role); undefined, with E-UNDEFINED-ROLE, for a role the files dropped. */
export const roleRef = (c: Ctx, r: RoleSpec): string | undefined => {
  if (r.roletype === 'ROLESPEC_PUBLIC') return 'PUBLIC'
  const name = roleName(c.st, r)
  if (c.st.droppedRoles.has(name)) {
    c.st.error('E-UNDEFINED-ROLE', `role "${name}" does not exist`, at(c, r.location))
    return undefined
  }
  return name
}

/** Every RoleSpec of a list, resolved; undefined when one of them is not a role. */
export const roleRefs = (c: Ctx, nodes: ReadonlyArray<Node> | undefined): ReadonlyArray<string> | undefined => {
  const out: string[] = []
  for (const n of nodes ?? []) {
    if (!('RoleSpec' in n)) continue
    const r = roleRef(c, n.RoleSpec)
    if (r === undefined) return undefined
    if (!out.includes(r)) out.push(r)
  }
  return out
}

/** A copy of an object with its stored ACL set (the key removed when undefined). */
export const withAcl = <T extends { readonly acl?: Acl }>(o: T, acl: Acl | undefined): T => {
  const { acl: _old, ...rest } = o
  return (acl ? { ...rest, acl } : rest) as T
}
