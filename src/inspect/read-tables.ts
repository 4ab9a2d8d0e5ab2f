/** Tables (ordinary and partitioned), with their columns, constraints, partitioning and options. */
import type { PgVersion } from '../ir/catalog.js'
import type { Column, Constraint, PartitionBy, Table } from '../ir/objects.js'
import { canonicalPartitionBound } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { nameOf, parseOne, partitionKeyText } from './ast.js'
import { aclJson, objectAcl } from './read-acl.js'
import { bool, opt, optStr, optionsOf, str, type Row } from './rows.js'

const TABLES = `
SELECT c.oid::pg_catalog.text AS relid, n.nspname AS schema, c.relname AS name,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relpersistence::pg_catalog.text AS persistence,
       pg_catalog.to_json(c.reloptions) AS options, pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound,
       pn.nspname AS parent_schema, pc.relname AS parent_name, ${aclJson('c.relacl')} AS acl,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't' AND ${userRelation('c', 'n')}`

const STRATEGIES = { range: 'range', list: 'list', hash: 'hash' } as const

/** Parse `RANGE (a, lower(b) COLLATE "C")` as printed by pg_get_partkeydef. */
export const partitionByOf = (def: string): PartitionBy => {
  const node = parseOne(`CREATE TABLE x () PARTITION BY ${def}`)
  const spec = 'CreateStmt' in node ? node.CreateStmt.partspec : undefined
  if (!spec) throw new Error(`inspect: unexpected partition key ${def}`)
  const word = (spec.strategy ?? '').replace(/^PARTITION_STRATEGY_/, '').toLowerCase()
  const strategy = word in STRATEGIES ? STRATEGIES[word as keyof typeof STRATEGIES] : undefined
  if (!strategy) throw new Error(`inspect: unexpected partition strategy ${def}`)
  const keys = (spec.partParams ?? []).map((p) => {
    if (!('PartitionElem' in p)) throw new Error(`inspect: unexpected partition key ${def}`)
    const e = p.PartitionElem
    return Object.freeze({
      expression: partitionKeyText(e),
      ...opt('collation', nameOf(e.collation)),
      ...opt('opclass', nameOf(e.opclass)),
    })
  })
  return Object.freeze({ strategy, keys: Object.freeze(keys) })
}

export const readTables = async (
  db: Queryable,
  columns: ReadonlyMap<string, ReadonlyArray<Column>>,
  constraints: ReadonlyMap<string, ReadonlyArray<Constraint>>,
  v: PgVersion,
): Promise<ReadonlyArray<Table>> =>
  (await db.query<Row>(TABLES)).rows.map((r): Table => {
    const relid = str(r.relid)
    const partkey = optStr(r.partkey)
    const bound = optStr(r.bound)
    const parentName = optStr(r.parent_name)
    return Object.freeze({
      kind: 'Table',
      schema: str(r.schema),
      name: str(r.name),
      owner: str(r.owner),
      persistence: str(r.persistence) === 'u' ? 'unlogged' : 'permanent',
      columns: columns.get(relid) ?? [],
      constraints: constraints.get(relid) ?? [],
      ...opt('partitionBy', partkey === undefined ? undefined : partitionByOf(partkey)),
      ...opt(
        'partitionOf',
        bound === undefined || parentName === undefined
          ? undefined
          : Object.freeze({
              parent: Object.freeze({ schema: str(r.parent_schema), name: parentName }),
              bound: canonicalPartitionBound(bound),
            }),
      ),
      ...opt('options', optionsOf(r.options)),
      ...opt('comment', optStr(r.comment)),
      ...opt('acl', objectAcl('table', str(r.owner), r.acl, v)),
      ...opt('rowSecurity', bool(r.rls) ? (true as const) : undefined),
      ...opt('forceRowSecurity', bool(r.force_rls) ? (true as const) : undefined),
    })
  })
