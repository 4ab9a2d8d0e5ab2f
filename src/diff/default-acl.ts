/**
 * Default privileges (pg_default_acl rows) as changes: the ALTER DEFAULT PRIVILEGES statements that
 * take the stored entry of one side to the other. A missing global entry is the built-in default
 * for the role, a missing per-schema entry is empty (it only ever adds to the global one).
 */
import type { PgVersion } from '../ir/catalog.js'
import type { Change } from '../ir/change.js'
import type { Acl, AclItem, DefaultAcl, Privilege } from '../ir/objects.js'
import { aclDefault, aclKindOfObjectType, PRIVILEGE_ORDER } from '../normalize/acl.js'

const byPrivilege = (a: Privilege, b: Privilege): number => PRIVILEGE_ORDER.indexOf(a) - PRIVILEGE_ORDER.indexOf(b)

interface Group {
  readonly grantee: string
  readonly flag: boolean
  readonly privileges: Privilege[]
}

const groupBy = (entries: ReadonlyArray<{ grantee: string; flag: boolean; privilege: Privilege }>): Group[] => {
  const m = new Map<string, Group>()
  for (const e of entries) {
    const k = `${e.grantee}\u0000${e.flag ? 1 : 0}`
    const g = m.get(k) ?? { grantee: e.grantee, flag: e.flag, privileges: [] }
    g.privileges.push(e.privilege)
    m.set(k, g)
  }
  return [...m.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, g]) => ({ ...g, privileges: [...g.privileges].sort(byPrivilege) }))
}

/** The stored entry, or what a missing one means. */
export const defaultEntry = (d: DefaultAcl | undefined, role: string, schema: string, objectType: DefaultAcl['objectType'], v: PgVersion): Acl =>
  d?.acl ?? (schema === '' ? aclDefault(aclKindOfObjectType(objectType), role, v) : [])

/** ALTER DEFAULT PRIVILEGES changes from `d0` to `d1` (either may be missing, not both). */
export const defaultAclChanges = (d0: DefaultAcl | undefined, d1: DefaultAcl | undefined, v: PgVersion): Change[] => {
  const d = d1 ?? d0
  if (d === undefined) return []
  const { role, schema, objectType } = d
  const start = defaultEntry(d0, role, schema, objectType, v)
  const target = defaultEntry(d1, role, schema, objectType, v)
  // every item of an entry is recorded with the role as grantor: (grantee, privilege) identifies it
  const key = (i: AclItem): string => `${i.grantee}\u0000${i.privilege}`
  const s = new Map(start.map((i) => [key(i), i]))
  const t = new Map(target.map((i) => [key(i), i]))
  const revokes = groupBy(
    start.flatMap((i) => {
      const w = t.get(key(i))
      return !w ? [{ grantee: i.grantee, flag: false as boolean, privilege: i.privilege }] : i.grantable && !w.grantable ? [{ grantee: i.grantee, flag: true, privilege: i.privilege }] : []
    }),
  )
  const grants = groupBy(
    target.flatMap((i) => {
      const h = s.get(key(i))
      return !h || (i.grantable && !h.grantable) ? [{ grantee: i.grantee, flag: i.grantable, privilege: i.privilege }] : []
    }),
  )
  const where = `${schema === '' ? '' : ` in schema "${schema}"`}`
  const base = { kind: 'DefaultPrivileges' as const, role, schema, objectType }
  return [
    ...revokes.map(
      (g): Change => ({
        ...base,
        action: 'revoke',
        grantee: g.grantee,
        privileges: g.privileges,
        grantable: g.flag,
        summary: `default privileges of "${role}"${where}: revoke ${g.flag ? 'grant option for ' : ''}${g.privileges.join(', ')} on ${objectType} from "${g.grantee}"`,
      }),
    ),
    ...grants.map(
      (g): Change => ({
        ...base,
        action: 'grant',
        grantee: g.grantee,
        privileges: g.privileges,
        grantable: g.flag,
        summary: `default privileges of "${role}"${where}: grant ${g.privileges.join(', ')} on ${objectType} to "${g.grantee}"${g.flag ? ' with grant option' : ''}`,
      }),
    ),
  ]
}
