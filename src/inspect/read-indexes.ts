/**
 * Indexes that do not back a constraint and are not partitions of a partitioned index. Keys,
 * opclasses (printed only when not the default) and collations (only when not the column's) come
 * from parsing pg_get_indexdef; ordering from indoption.
 */
import type { Index, IndexKey } from '../ir/objects.js'
import { exprText } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { keyText, nameOf, parseOne } from './ast.js'
import { bool, int, jsonArray, opt, optStr, optionsOf, str, type Row } from './rows.js'

const INDEXES = `
SELECT n.nspname AS schema, c.relname AS name, t.relname AS table, i.indisunique AS unique,
       pg_catalog.pg_get_indexdef(c.oid) AS def, pg_catalog.to_json(i.indoption::pg_catalog.int2[]) AS indoption,
       i.indnullsnotdistinct AS nullsnotdistinct, pg_catalog.to_json(c.reloptions) AS options,
       pg_catalog.obj_description(c.oid, 'pg_class') AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT c.relispartition AND t.relkind IN ('r', 'p', 'm') AND ${userRelation('t', 'n')}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid
                  AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))`

const indexOf = (r: Row): Index => {
  const def = str(r.def)
  const node = parseOne(def)
  if (!('IndexStmt' in node)) throw new Error(`inspect: unexpected index definition ${def}`)
  const s = node.IndexStmt
  const options = jsonArray(r.indoption).map(int)
  const keys = (s.indexParams ?? []).map((p, k): IndexKey => {
    if (!('IndexElem' in p)) throw new Error(`inspect: unexpected index key in ${def}`)
    const e = p.IndexElem
    const o = options[k] ?? 0
    return Object.freeze({
      expression: keyText(e),
      descending: (o & 1) !== 0,
      nullsFirst: (o & 2) !== 0,
      ...opt('opclass', nameOf(e.opclass)),
      ...opt('collation', nameOf(e.collation)),
    })
  })
  const include = (s.indexIncludingParams ?? []).map((p) => {
    if (!('IndexElem' in p) || p.IndexElem.name === undefined) throw new Error(`inspect: unexpected INCLUDE in ${def}`)
    return p.IndexElem.name
  })
  return Object.freeze({
    kind: 'Index',
    schema: str(r.schema),
    name: str(r.name),
    table: str(r.table),
    unique: bool(r.unique),
    method: s.accessMethod ?? 'btree',
    keys: Object.freeze(keys),
    include: Object.freeze(include),
    nullsNotDistinct: bool(r.nullsnotdistinct),
    ...opt('where', s.whereClause ? exprText(s.whereClause) : undefined),
    ...opt('options', optionsOf(r.options)),
    ...opt('comment', optStr(r.comment)),
  })
}

export const readIndexes = async (db: Queryable): Promise<ReadonlyArray<Index>> =>
  (await db.query<Row>(INDEXES)).rows.map(indexOf)

