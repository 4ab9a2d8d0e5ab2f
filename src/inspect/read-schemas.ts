/** Schemas and extensions. */
import type { PgVersion } from '../ir/catalog.js'
import type { Extension, Schema } from '../ir/objects.js'
import type { Queryable } from './queryable.js'
import { notExtensionMember, userSchema } from './filters.js'
import { aclJson, objectAcl } from './read-acl.js'
import { opt, optStr, str, type Row } from './rows.js'

const SCHEMAS = `
SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner) AS owner,
       pg_catalog.obj_description(n.oid, 'pg_namespace') AS comment, ${aclJson('n.nspacl')} AS acl
FROM pg_catalog.pg_namespace n
WHERE ${userSchema('n')} AND ${notExtensionMember('pg_namespace', 'n.oid')}`

const EXTENSIONS = `
SELECT e.extname AS name, n.nspname AS schema, pg_catalog.obj_description(e.oid, 'pg_extension') AS comment
FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace`

export const readSchemas = async (db: Queryable, v: PgVersion): Promise<ReadonlyArray<Schema>> =>
  (await db.query<Row>(SCHEMAS)).rows.map(
    (r): Schema =>
      Object.freeze({
        kind: 'Schema',
        name: str(r.name),
        owner: str(r.owner),
        ...opt('comment', optStr(r.comment)),
        ...opt('acl', objectAcl('schema', str(r.owner), r.acl, v)),
      }),
  )

/** `version` is left out on purpose: SQL files without VERSION must compare equal. */
export const readExtensions = async (db: Queryable): Promise<ReadonlyArray<Extension>> =>
  (await db.query<Row>(EXTENSIONS)).rows.map(
    (r): Extension =>
      Object.freeze({ kind: 'Extension', name: str(r.name), schema: str(r.schema), ...opt('comment', optStr(r.comment)) }),
  )
