/** The ACL an object gets when it is created: pg_default_acl emulation, stored form (absent = built-in default). */
import type { Acl } from '../../ir/objects.js'
import { storedAcl, type AclKind } from '../../normalize/acl.js'
import type { State } from './state.js'

/** `{ acl }` for a new object owned by `owner` in `schema` ('' for a schema), or `{}` when it is the built-in default. */
export const creationAcl = (st: State, kind: AclKind, owner: string, schema: string): { acl?: Acl } => {
  const acl = storedAcl(kind, owner, st.initialAcl(kind, owner, schema), st.pgVersion)
  return acl ? { acl } : {}
}
