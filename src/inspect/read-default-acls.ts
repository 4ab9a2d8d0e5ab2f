/**
 * pg_default_acl rows as stored: a global entry (schema '') holds the whole ACL new objects get, a
 * per-schema entry only its additions. An empty ACL (the owner revoked everything globally) is `[]`.
 */
import type { DefaultAcl, DefaultAclObjectType } from '../ir/objects.js'
import type { Queryable } from './queryable.js'
import { aclJson, aclOf } from './read-acl.js'
import { str, type Row } from './rows.js'

const DEFAULT_ACLS = `
SELECT pg_catalog.pg_get_userbyid(d.defaclrole)::pg_catalog.text AS role, COALESCE(n.nspname, '') AS schema,
       d.defaclobjtype::pg_catalog.text AS objtype, ${aclJson('d.defaclacl')} AS acl
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace`

const OBJECT_TYPES: Readonly<Record<string, DefaultAclObjectType>> = {
  r: 'tables',
  S: 'sequences',
  f: 'functions',
  T: 'types',
  n: 'schemas',
} as const

export const readDefaultAcls = async (db: Queryable): Promise<ReadonlyArray<DefaultAcl>> =>
  (await db.query<Row>(DEFAULT_ACLS)).rows.map((r): DefaultAcl => {
    const objectType = OBJECT_TYPES[str(r.objtype)]
    if (objectType === undefined) throw new Error(`inspect: unexpected defaclobjtype ${str(r.objtype)}`)
    return Object.freeze({ kind: 'DefaultAcl', role: str(r.role), schema: str(r.schema), objectType, acl: aclOf(r.acl) ?? [] })
  })
