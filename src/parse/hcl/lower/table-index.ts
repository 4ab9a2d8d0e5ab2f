/**
 * `index` blocks (of tables and materialized views) and the `on { … }` key parts shared with
 * `exclude` constraints: CREATE INDEX statements.
 */
import { quoteIdent } from '../../../ir/names.js'
import type { Phase, BlockView, LowerContext } from './context.js'
import { readBool, readRef, readString } from './read.js'
import { columnList, queueComment, readColumnRefs, readSql, readSqlName, storageParams } from './sql-common.js'

/** An index method: a keyword (BTREE, GIST, …) in lower case, or a string as written. */
export const readMethod = (ctx: LowerContext, b: BlockView): string | undefined => {
  const v = b.attr('type')
  const m = readString(ctx, b, 'type', true)
  return m === undefined ? undefined : quoteIdent(v?.kind === 'keyword' ? m.toLowerCase() : m)
}

/** One `on { column | expr, desc, nulls_first, ops, collate [, op] }` part as SQL. */
const part = (ctx: LowerContext, p: BlockView, exclusion: boolean): string | undefined => {
  ctx.allow(p, ['column', 'expr', 'desc', 'nulls_first', 'ops', 'collate', ...(exclusion ? ['op'] : [])], [])
  const col = readRef(ctx, p, 'column', ['column'])
  const expr = readSql(ctx, p, 'expr')
  if ((p.attr('column') === undefined) === (p.attr('expr') === undefined)) {
    ctx.error('E-MISSING-ATTRIBUTE', `an "on" part needs exactly one of "column" or "expr"`, p.span)
    return undefined
  }
  const key = col !== undefined ? quoteIdent(col.name) : expr !== undefined ? `(${expr})` : undefined
  const collate = readSqlName(ctx, p, 'collate')
  const ops = readSqlName(ctx, p, 'ops')
  const desc = readBool(ctx, p, 'desc')
  const nullsFirst = readBool(ctx, p, 'nulls_first')
  const op = exclusion ? readString(ctx, p, 'op') : undefined
  if (exclusion && op === undefined) ctx.error('E-MISSING-ATTRIBUTE', `an "on" part of an exclusion constraint needs "op"`, p.span)
  if (key === undefined) return undefined
  return [
    key,
    collate !== undefined ? ` COLLATE ${collate}` : '',
    ops !== undefined ? ` ${ops}` : '',
    desc === true ? ' DESC' : '',
    nullsFirst === undefined ? '' : nullsFirst ? ' NULLS FIRST' : ' NULLS LAST',
    op !== undefined ? ` WITH ${op}` : '',
  ].join('')
}

/** The key parts of an index (`columns = […]` or `on {…}` blocks) or exclusion (`on {…}` blocks). */
export const keyParts = (ctx: LowerContext, b: BlockView, exclusion: boolean): string | undefined => {
  const ons = b.blocks('on')
  if (!exclusion && b.attr('columns') !== undefined) {
    if (ons.length) ctx.error('E-TYPE', `${b.type} "${b.address.name}": "columns" and "on" blocks cannot be used together`, b.span)
    const cols = readColumnRefs(ctx, b, 'columns')
    return cols === undefined ? undefined : `(${cols.map((c) => quoteIdent(c.name)).join(', ')})`
  }
  if (!ons.length) {
    ctx.error('E-MISSING-ATTRIBUTE', `${b.type} "${b.address.name}" needs ${exclusion ? '' : '"columns" or '}"on" blocks`, b.span)
    return undefined
  }
  const parts = ons.map((p) => part(ctx, p, exclusion))
  return parts.every((p): p is string => p !== undefined) ? `(${parts.join(', ')})` : undefined
}

/** ` INCLUDE (a, b)` or ''. */
export const includeClause = (ctx: LowerContext, b: BlockView): string => {
  const cols = columnList(ctx, b, 'include')
  return cols === undefined ? '' : ` INCLUDE ${cols}`
}

/** ` WHERE (pred)` or ''. */
export const whereClause = (ctx: LowerContext, b: BlockView): string => {
  const w = readSql(ctx, b, 'where')
  return w === undefined ? '' : ` WHERE (${w})`
}

/**
 * `index "name"` on `relation` (the qualified SQL name; `schema` the relation's schema, where
 * the index lives): CREATE INDEX in `phase`, its comment in 'attached'.
 */
export const lowerIndex = (ctx: LowerContext, i: BlockView, relation: string, schema: string | undefined, phase: Phase): void => {
  ctx.allow(i, ['unique', 'columns', 'type', 'where', 'include', 'nulls_distinct', 'storage_params', 'comment'], ['on'])
  const unique = readBool(ctx, i, 'unique') ?? false
  const method = readMethod(ctx, i)
  const keys = keyParts(ctx, i, false)
  const include = includeClause(ctx, i)
  const nullsDistinct = readBool(ctx, i, 'nulls_distinct') ?? true
  const options = storageParams(ctx, i)
  const where = whereClause(ctx, i)
  if (keys === undefined) return
  const name = quoteIdent(i.address.name)
  ctx.sql(
    phase,
    `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${relation}${method !== undefined ? ` USING ${method}` : ''} ${keys}${include}${nullsDistinct ? '' : ' NULLS NOT DISTINCT'}${options}${where}`,
    i.nameSpan,
  )
  queueComment(ctx, i, `INDEX ${schema !== undefined ? `${quoteIdent(schema)}.` : ''}${name}`)
}
