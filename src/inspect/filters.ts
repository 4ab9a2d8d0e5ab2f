/** SQL fragments shared by the catalog queries. */
import { sqlPath } from '../ir/names.js'
import { strArray } from './rows.js'

/** Not a system schema: pg_catalog, information_schema, pg_toast*, pg_temp* (users cannot create `pg_` schemas). */
export const userSchema = (n: string): string => `(${n}.nspname !~ '^pg_' AND ${n}.nspname <> 'information_schema')`

/** The object (catalog `cls`, oid expression) is not a member of an extension. */
export const notExtensionMember = (cls: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.${cls}'::pg_catalog.regclass AND x.objid = ${oid} AND x.deptype = 'e')`

/** A relation's namespace and extension filter. */
export const userRelation = (c: string, n: string): string => `${userSchema(n)} AND ${notExtensionMember('pg_class', `${c}.oid`)}`

/**
 * A collation reference as its name parts (`text[]`: schema, name); map it with `collationOf` to the
 * form the SQL interpreter stores (`"C"`, `"en-x-icu"`, `public."MyColl"`).
 */
export const collationText = (co: string, cn: string): string =>
  `ARRAY[${cn}.nspname::pg_catalog.text, ${co}.collname::pg_catalog.text]`

/** The stored collation text (`sqlPath`) from the parts `collationText` selected; undefined for NULL. */
export const collationOf = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : sqlPath(strArray(v))
