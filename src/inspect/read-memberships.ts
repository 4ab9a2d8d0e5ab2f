/**
 * Memberships of user roles (the granted role may be a predefined one, e.g. pg_read_all_data).
 * PostgreSQL 16+ records one row per grantor and has INHERIT and SET options; the IR has one
 * membership per (role, member) with the options OR-ed; on 15 both options are true.
 */
import type { Membership } from '../ir/objects.js'
import { idOf } from '../ir/identity.js'
import type { Queryable } from './queryable.js'
import { FIRST_NORMAL_OID } from './read-roles.js'
import { bool, type Row, str } from './rows.js'

const memberships = (options: boolean): string => `
SELECT pg_catalog.pg_get_userbyid(m.roleid)::pg_catalog.text AS role, pg_catalog.pg_get_userbyid(m.member)::pg_catalog.text AS member,
       m.admin_option AS admin, ${options ? 'm.inherit_option' : 'true'} AS inherit, ${options ? 'm.set_option' : 'true'} AS set
FROM pg_catalog.pg_auth_members m
WHERE m.member >= ${FIRST_NORMAL_OID}`

/** `serverMajor` is the server's real major version: it decides which columns exist. */
export const readMemberships = async (db: Queryable, serverMajor: number): Promise<ReadonlyArray<Membership>> => {
  const merged = new Map<string, Membership>()
  for (const r of (await db.query<Row>(memberships(serverMajor >= 16))).rows) {
    const m: Membership = { kind: 'Membership', role: str(r.role), member: str(r.member), admin: bool(r.admin), inherit: bool(r.inherit), set: bool(r.set) }
    const id = idOf(m)
    const prev = merged.get(id)
    merged.set(
      id,
      Object.freeze(prev ? { ...m, admin: prev.admin || m.admin, inherit: prev.inherit || m.inherit, set: prev.set || m.set } : m),
    )
  }
  return [...merged.values()]
}
