/**
 * The current database, as an object only when something about it differs from what creating it
 * as the connecting role gives: another owner, or a non-default ACL (the SQL side follows the same rule).
 */
import type { PgVersion } from '../ir/catalog.js'
import type { Database } from '../ir/objects.js'
import type { Queryable } from './queryable.js'
import { aclJson, objectAcl } from './read-acl.js'
import { opt, str, type Row } from './rows.js'

const DATABASE = `
SELECT pg_catalog.pg_get_userbyid(d.datdba)::pg_catalog.text AS owner, CURRENT_USER::pg_catalog.text AS me,
       ${aclJson('d.datacl')} AS acl
FROM pg_catalog.pg_database d
WHERE d.datname = pg_catalog.current_database()`

export const readDatabase = async (db: Queryable, v: PgVersion): Promise<ReadonlyArray<Database>> =>
  (await db.query<Row>(DATABASE)).rows.flatMap((r): Database[] => {
    const owner = str(r.owner)
    const acl = objectAcl('database', owner, r.acl, v)
    if (owner === str(r.me) && acl === undefined) return []
    return [Object.freeze({ kind: 'Database', owner, ...opt('acl', acl) })]
  })
