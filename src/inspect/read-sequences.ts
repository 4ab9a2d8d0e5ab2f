/** Sequences, except the implicit sequences of identity columns (those live in the column). */
import type { PgVersion } from '../ir/catalog.js'
import type { Sequence } from '../ir/objects.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { aclJson, objectAcl } from './read-acl.js'
import { bool, opt, optStr, str, type Row } from './rows.js'

const SEQUENCES = `
SELECT n.nspname AS schema, c.relname AS name, pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       c.relpersistence::pg_catalog.text AS persistence, pg_catalog.format_type(q.seqtypid, NULL) AS type,
       q.seqstart::pg_catalog.text AS start, q.seqincrement::pg_catalog.text AS increment,
       q.seqmin::pg_catalog.text AS min, q.seqmax::pg_catalog.text AS max, q.seqcache::pg_catalog.text AS cache,
       q.seqcycle AS cycle, pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
       own.schema AS own_schema, own.table AS own_table, own.column AS own_column, ${aclJson('c.relacl')} AS acl
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence q ON q.seqrelid = c.oid
LEFT JOIN LATERAL (
  SELECT tn.nspname AS schema, t.relname AS table, a.attname AS column
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid > 0 AND d.deptype = 'a'
  LIMIT 1) own ON true
WHERE c.relkind = 'S' AND c.relpersistence <> 't' AND ${userRelation('c', 'n')}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.objid = c.oid AND d.deptype = 'i')`

export const readSequences = async (db: Queryable, v: PgVersion): Promise<ReadonlyArray<Sequence>> =>
  (await db.query<Row>(SEQUENCES)).rows.map((r): Sequence => {
    const table = optStr(r.own_table)
    return Object.freeze({
      kind: 'Sequence',
      schema: str(r.schema),
      name: str(r.name),
      owner: str(r.owner),
      dataType: str(r.type),
      start: str(r.start),
      increment: str(r.increment),
      minValue: str(r.min),
      maxValue: str(r.max),
      cache: str(r.cache),
      cycle: bool(r.cycle),
      persistence: str(r.persistence) === 'u' ? 'unlogged' : 'permanent',
      ...opt(
        'ownedBy',
        table === undefined
          ? undefined
          : Object.freeze({ schema: str(r.own_schema), table, column: str(r.own_column) }),
      ),
      ...opt('comment', optStr(r.comment)),
      ...opt('acl', objectAcl('sequence', str(r.owner), r.acl, v)),
    })
  })
