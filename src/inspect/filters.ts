/** SQL fragments shared by the catalog queries. */

/** Not a system schema: pg_catalog, information_schema, pg_toast*, pg_temp* (users cannot create `pg_` schemas). */
export const userSchema = (n: string): string => `(${n}.nspname !~ '^pg_' AND ${n}.nspname <> 'information_schema')`

/** The object (catalog `cls`, oid expression) is not a member of an extension. */
export const notExtensionMember = (cls: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.${cls}'::pg_catalog.regclass AND x.objid = ${oid} AND x.deptype = 'e')`

/** A relation's namespace and extension filter. */
export const userRelation = (c: string, n: string): string => `${userSchema(n)} AND ${notExtensionMember('pg_class', `${c}.oid`)}`

/**
 * A collation reference as the SQL interpreter stores it: name parts unquoted, joined by `.`, the
 * schema left out for pg_catalog collations (`C`, `en-x-icu`, `public.mine`).
 */
export const collationText = (co: string, cn: string): string =>
  `CASE WHEN ${cn}.nspname = 'pg_catalog' THEN ${co}.collname::pg_catalog.text ELSE ${cn}.nspname || '.' || ${co}.collname END`
