/**
 * Table constraints: primary key, unique, check, foreign key, exclusion. NOT NULL constraints
 * (PG18 contype 'n') are column facts and are left out. A partition keeps the constraints it got
 * from its parent (as the SQL interpreter does); the extra rows PostgreSQL adds on a referencing
 * table for each partition of a referenced partitioned table (same conrelid as their parent
 * constraint) are left out.
 */
import type { Constraint, FkAction } from '../ir/objects.js'
import { canonicalExpr, exprText } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { keyText, parseOne, strings } from './ast.js'
import { bool, groupBy, opt, optStr, str, strArray, type Row } from './rows.js'

const attnames = (rel: string, nums: string): string =>
  `(SELECT pg_catalog.json_agg(at.attname ORDER BY k.o) FROM pg_catalog.unnest(${nums}) WITH ORDINALITY k(num, o)
     JOIN pg_catalog.pg_attribute at ON at.attrelid = ${rel} AND at.attnum = k.num)`

const CONSTRAINTS = `
SELECT co.conrelid::pg_catalog.text AS relid, co.conname AS name, co.contype::pg_catalog.text AS type,
       co.condeferrable AS deferrable, co.condeferred AS deferred, co.convalidated AS validated,
       co.connoinherit AS noinherit,
       ${attnames('co.conrelid', 'co.conkey')} AS columns,
       ${attnames('co.confrelid', 'co.confkey')} AS refcolumns,
       fn.nspname AS ref_schema, fc.relname AS ref_name,
       co.confupdtype::pg_catalog.text AS onupdate, co.confdeltype::pg_catalog.text AS ondelete,
       co.confmatchtype::pg_catalog.text AS matchtype,
       CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_expr(co.conbin, co.conrelid) END AS check_expr,
       CASE WHEN co.contype = 'x' THEN pg_catalog.pg_get_constraintdef(co.oid) END AS def,
       i.indnkeyatts AS nkey, i.indnullsnotdistinct AS nullsnotdistinct,
       ${attnames('i.indrelid', '(i.indkey::pg_catalog.int2[])[i.indnkeyatts:]')} AS include,
       pg_catalog.obj_description(co.oid, 'pg_constraint') AS comment
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index i ON co.contype IN ('p', 'u', 'x') AND i.indexrelid = co.conindid
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE co.contype IN ('p', 'u', 'c', 'f', 'x')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc WHERE pc.oid = co.conparentid AND pc.conrelid = co.conrelid)
  AND c.relkind IN ('r', 'p') AND ${userRelation('c', 'n')}
ORDER BY co.conrelid, co.conname`

const FK_ACTIONS: Readonly<Record<string, FkAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

const fkAction = (code: string): FkAction => {
  const a = FK_ACTIONS[code]
  if (!a) throw new Error(`inspect: unknown foreign key action ${code}`)
  return a
}

/** INCLUDE columns of the backing index (int2vector subscripts start at 0, so `[nkey:]` are the non-key ones). */
const includeOf = (r: Row): ReadonlyArray<string> => strArray(r.include)

const exclusionOf = (r: Row, common: { name: string; deferrable: boolean; initiallyDeferred: boolean }): Constraint => {
  const node = parseOne(`ALTER TABLE x ADD ${str(r.def)}`)
  if (!('AlterTableStmt' in node)) throw new Error(`inspect: unexpected exclusion ${str(r.def)}`)
  const cmd = node.AlterTableStmt.cmds?.[0]
  const def = cmd && 'AlterTableCmd' in cmd ? cmd.AlterTableCmd.def : undefined
  if (!def || !('Constraint' in def)) throw new Error(`inspect: unexpected exclusion ${str(r.def)}`)
  const c = def.Constraint
  const elements = (c.exclusions ?? []).map((pair) => {
    const items = 'List' in pair ? (pair.List.items ?? []) : []
    const elem = items[0]
    const ops = items[1]
    if (!elem || !('IndexElem' in elem) || !ops || !('List' in ops)) throw new Error('inspect: bad exclusion element')
    return Object.freeze({ expression: keyText(elem.IndexElem), operator: strings(ops.List.items).join('.') })
  })
  const include = strings(c.including)
  return Object.freeze({
    kind: 'Exclusion' as const,
    ...common,
    method: c.access_method ?? 'gist',
    elements: Object.freeze(elements),
    ...opt('where', c.where_clause ? exprText(c.where_clause) : undefined),
    ...opt('include', include.length > 0 ? include : undefined),
    ...opt('comment', optStr(r.comment)),
  })
}

const constraintOf = (r: Row): Constraint => {
  const common = { name: str(r.name), deferrable: bool(r.deferrable), initiallyDeferred: bool(r.deferred) }
  const comment = opt('comment', optStr(r.comment))
  const type = str(r.type)
  const include = includeOf(r)
  switch (type) {
    case 'p':
      return Object.freeze({
        kind: 'PrimaryKey' as const,
        ...common,
        columns: strArray(r.columns),
        ...opt('include', include.length > 0 ? include : undefined),
        ...comment,
      })
    case 'u':
      return Object.freeze({
        kind: 'Unique' as const,
        ...common,
        columns: strArray(r.columns),
        nullsNotDistinct: bool(r.nullsnotdistinct),
        ...opt('include', include.length > 0 ? include : undefined),
        ...comment,
      })
    case 'c':
      return Object.freeze({
        kind: 'Check' as const,
        ...common,
        expression: canonicalExpr(str(r.check_expr)),
        notValid: !bool(r.validated),
        noInherit: bool(r.noinherit),
        ...comment,
      })
    case 'f':
      return Object.freeze({
        kind: 'ForeignKey' as const,
        ...common,
        columns: strArray(r.columns),
        references: Object.freeze({ schema: str(r.ref_schema), name: str(r.ref_name) }),
        referencedColumns: strArray(r.refcolumns),
        onDelete: fkAction(str(r.ondelete)),
        onUpdate: fkAction(str(r.onupdate)),
        match: str(r.matchtype) === 'f' ? ('full' as const) : ('simple' as const),
        notValid: !bool(r.validated),
        ...comment,
      })
    case 'x':
      return exclusionOf(r, common)
    default:
      throw new Error(`inspect: unexpected constraint type ${type}`)
  }
}

/** Constraints by relation oid (as text), sorted by name. */
export const readConstraints = async (db: Queryable): Promise<ReadonlyMap<string, ReadonlyArray<Constraint>>> => {
  const rows = (await db.query<Row>(CONSTRAINTS)).rows
  const byRel = groupBy(rows, (r) => str(r.relid))
  return new Map(
    [...byRel].map(([k, rs]) => {
      const cs = rs.map(constraintOf).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return [k, Object.freeze(cs)] as const
    }),
  )
}
