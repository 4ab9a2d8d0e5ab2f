/** CREATE INDEX. */
import type { IndexElem, IndexStmt, Node } from '@pgsql/types'
import { quoteIdent, relationKey, sqlPath } from '../../ir/names.js'
import type { Index, IndexKey } from '../../ir/objects.js'
import { exprText } from '../../normalize/expr.js'
import { chooseName, indexColumnNames, indexExprColname, nameAddition } from '../../normalize/names.js'
import { storedExpr } from './server-env.js'
import { at, optionsRecord, strings, type Ctx } from './util.js'

/** A key's canonical text: the column name (quoted as needed) or the parenthesised expression. */
export const elemExpression = (e: IndexElem, expr: (n: Node) => string = exprText): string =>
  e.name !== undefined ? quoteIdent(e.name) : `(${e.expr ? expr(e.expr) : ''})`

const indexKey = (e: IndexElem, expr: (n: Node) => string): IndexKey => {
  const descending = e.ordering === 'SORTBY_DESC'
  const nullsFirst =
    e.nulls_ordering === 'SORTBY_NULLS_FIRST' ? true : e.nulls_ordering === 'SORTBY_NULLS_LAST' ? false : descending
  const opclass = sqlPath(strings(e.opclass))
  const collation = sqlPath(strings(e.collation))
  return {
    expression: elemExpression(e, expr),
    descending,
    nullsFirst,
    ...(opclass ? { opclass } : {}),
    ...(collation ? { collation } : {}),
  }
}

const elems = (nodes: IndexStmt['indexParams']): IndexElem[] =>
  (nodes ?? []).flatMap((n) => ('IndexElem' in n ? [n.IndexElem] : []))

export const createIndex = (c: Ctx, n: IndexStmt): void => {
  const rv = n.relation
  if (!rv) return
  const tkey = c.st.relationKeyOf(rv)
  const table = tkey ? c.st.relations.get(tkey) : undefined
  if (!table || (table.kind !== 'Table' && table.kind !== 'MaterializedView')) {
    c.st.error('E-UNDEFINED-TABLE', `relation "${rv.relname ?? ''}" does not exist`, at(c, rv.location))
    return
  }
  const keys = elems(n.indexParams)
  const include = elems(n.indexIncludingParams)
  for (const e of [...keys, ...include])
    if (e.name !== undefined && !table.columns.some((col) => (typeof col === 'string' ? col : col.name) === e.name)) {
      c.st.error('E-UNDEFINED-COLUMN', `column "${e.name}" does not exist`, at(c, rv.location))
      return
    }
  const schema = table.schema
  let name = n.idxname
  if (name === undefined) {
    const cols = indexColumnNames([...keys, ...include].map((e) => e.name ?? (e.expr ? indexExprColname(e.expr) : 'expr')))
    name = chooseName(table.name, nameAddition(cols), 'idx', (x) => c.st.relationNameTaken(schema, x))
  } else if (c.st.relationNameTaken(schema, name)) {
    if (!n.if_not_exists) c.st.error('E-DUPLICATE-OBJECT', `relation "${name}" already exists`, c.span)
    return
  }
  const options = optionsRecord(n.options)
  const cols = table.kind === 'Table' ? table.columns : []
  const expr = (x: Node): string => storedExpr(c.st, cols, x)
  const index: Index = {
    kind: 'Index',
    schema,
    name,
    table: table.name,
    unique: !!n.unique,
    method: n.accessMethod ?? 'btree',
    keys: keys.map((k) => indexKey(k, expr)),
    include: include.map((e) => e.name ?? ''),
    nullsNotDistinct: !!n.nulls_not_distinct,
    ...(n.whereClause ? { where: expr(n.whereClause) } : {}),
    ...(options ? { options } : {}),
    span: c.span,
  }
  c.st.setRelation(relationKey(schema, name), index)
}
