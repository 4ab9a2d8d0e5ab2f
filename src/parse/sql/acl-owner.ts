/** ALTER … OWNER TO, the ACL part: the server's aclnewowner on the stored ACL (and on column ACLs). */
import { aclKindOf, columnAclOf, columnNames, effectiveAcl, holdsColumnAcls, newOwner, storedAcl, withColumnAcl, type ColumnAclHolder } from '../../normalize/acl.js'
import type { PgVersion } from '../../ir/catalog.js'
import type { SecurableObject } from './acl-target.js'
import { withAcl } from './acl-roles.js'

/** The object with a new owner: old-owner entries (as grantee and as grantor) pass to the new owner. */
export const reowned = <T extends SecurableObject>(o: T, owner: string, v: PgVersion): T => {
  if (o.owner === owner) return o
  const kind = aclKindOf(o)
  const acl = kind === undefined ? undefined : storedAcl(kind, owner, newOwner(effectiveAcl(o, v), o.owner, owner), v)
  const next = withAcl({ ...o, owner }, acl)
  const rel: SecurableObject = next
  if (!holdsColumnAcls(rel)) return next
  let out: ColumnAclHolder = rel
  for (const name of columnNames(rel)) {
    const c = columnAclOf(rel, name)
    if (c.length) out = withColumnAcl(out, name, newOwner(c, o.owner, owner))
  }
  return out as T
}
