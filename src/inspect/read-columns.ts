/**
 * Columns of every user relation (tables, views, materialized views, composite types), in attnum
 * order, with identity parameters read from the implicit sequence.
 */
import type { Column, Identity } from '../ir/objects.js'
import { canonicalExpr } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { collationOf, collationText, userRelation } from './filters.js'
import { aclJson, columnAcl } from './read-acl.js'
import { bool, groupBy, opt, optStr, str, type Row } from './rows.js'

const COLUMNS = `
SELECT a.attrelid::pg_catalog.text AS relid, a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
       a.attgenerated::pg_catalog.text AS generated, a.attidentity::pg_catalog.text AS identity,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS expr,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ${collationText('co', 'con')} END AS collation,
       pg_catalog.col_description(a.attrelid, a.attnum) AS comment,
       s.relname AS seq_name, q.seqstart::pg_catalog.text AS seq_start, q.seqincrement::pg_catalog.text AS seq_increment,
       q.seqmin::pg_catalog.text AS seq_min, q.seqmax::pg_catalog.text AS seq_max, q.seqcache::pg_catalog.text AS seq_cache,
       q.seqcycle AS seq_cycle, ${aclJson('a.attacl')} AS acl
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_depend d ON a.attidentity <> '' AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.deptype = 'i'
LEFT JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
LEFT JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c') AND ${userRelation('c', 'n')}
  AND (a.attidentity = '' OR s.oid IS NOT NULL)
ORDER BY a.attrelid, a.attnum`

const identityOf = (r: Row): Identity | undefined => {
  const g = str(r.identity)
  if (g === '') return undefined
  return Object.freeze({
    generation: g === 'a' ? ('always' as const) : ('by default' as const),
    sequence: str(r.seq_name),
    start: str(r.seq_start),
    increment: str(r.seq_increment),
    minValue: str(r.seq_min),
    maxValue: str(r.seq_max),
    cache: str(r.seq_cache),
    cycle: bool(r.seq_cycle),
  })
}

const columnOf = (r: Row): Column => {
  const expr = optStr(r.expr)
  const generated = str(r.generated) !== ''
  const text = expr === undefined ? undefined : canonicalExpr(expr)
  return Object.freeze({
    name: str(r.name),
    type: str(r.type),
    notNull: bool(r.notnull),
    ...opt('default', generated ? undefined : text),
    ...opt('identity', identityOf(r)),
    ...opt('generated', generated ? text : undefined),
    ...opt('collation', collationOf(r.collation)),
    ...opt('comment', optStr(r.comment)),
    ...opt('acl', columnAcl(r.acl)),
  })
}

/** Columns by relation oid (as text), in attnum order. */
export const readColumns = async (db: Queryable): Promise<ReadonlyMap<string, ReadonlyArray<Column>>> => {
  const rows = (await db.query<Row>(COLUMNS)).rows
  const byRel = groupBy(rows, (r) => str(r.relid))
  return new Map([...byRel].map(([k, rs]) => [k, Object.freeze(rs.map(columnOf))]))
}
