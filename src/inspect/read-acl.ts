/**
 * ACL columns (relacl, nspacl, proacl, typacl, attacl, datacl, defaclacl) read set-based: each
 * query selects `aclJson(column)`, the aclitem[] exploded to json in SQL, and `aclOf` turns it
 * into a canonical IR Acl. A NULL acl (the built-in default) stays null, so that it is stored as
 * absent whatever version the catalog is modelled as.
 */
import type { PgVersion } from '../ir/catalog.js'
import { Privilege, type Acl, type AclItem } from '../ir/objects.js'
import { sortAcl, storedAcl, storedColumnAcl, type AclKind } from '../normalize/acl.js'
import { bool, jsonArray, str } from './rows.js'

/** A role name from an oid expression; 0 is the pseudo-role PUBLIC. */
export const roleName = (oid: string): string =>
  `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(${oid})::pg_catalog.text END`

/** json `[[grantee, grantor, privilege, grantable], …]`, `[]` for an empty acl, null for a NULL acl. */
export const aclJson = (acl: string): string =>
  `CASE WHEN ${acl} IS NOT NULL THEN COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
     ${roleName('x.grantee')}, pg_catalog.pg_get_userbyid(x.grantor)::pg_catalog.text, x.privilege_type, x.is_grantable))
     FROM pg_catalog.aclexplode(${acl}) x), '[]'::pg_catalog.json) END`

const itemOf = (v: unknown): AclItem => {
  const [grantee, grantor, privilege, grantable] = jsonArray(v)
  const p = str(privilege)
  if (!Privilege.is(p)) throw new Error(`inspect: unexpected privilege ${p}`)
  return Object.freeze({ grantee: str(grantee), privilege: p, grantable: bool(grantable), grantor: str(grantor) })
}

/** The canonical Acl from `aclJson`, undefined for a NULL acl. */
export const aclOf = (v: unknown): Acl | undefined =>
  v === null || v === undefined ? undefined : Object.freeze(sortAcl(jsonArray(v).map(itemOf)))

/** An object's stored acl: absent for NULL or when equal to the built-in default. */
export const objectAcl = (kind: AclKind, owner: string, v: unknown, pgVersion: PgVersion): Acl | undefined => {
  const acl = aclOf(v)
  return acl === undefined ? undefined : storedAcl(kind, owner, acl, pgVersion)
}

/** A column's stored acl: absent when NULL or empty. */
export const columnAcl = (v: unknown): Acl | undefined => {
  const acl = aclOf(v)
  return acl === undefined ? undefined : storedColumnAcl(acl)
}
