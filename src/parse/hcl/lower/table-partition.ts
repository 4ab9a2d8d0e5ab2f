/** `partition { type, columns | by {…} }`: the PARTITION BY clause of CREATE TABLE. */
import { quoteIdent } from '../../../ir/names.js'
import type { BlockView, LowerContext } from './context.js'
import { readKeyword, readRef } from './read.js'
import { readColumnRefs, readSql, readSqlName, required } from './sql-common.js'

const STRATEGIES = ['RANGE', 'LIST', 'HASH'] as const

/** One `by { column | expr, collate, ops }` key. */
const key = (ctx: LowerContext, k: BlockView): string | undefined => {
  ctx.allow(k, ['column', 'expr', 'collate', 'ops'], [])
  const col = readRef(ctx, k, 'column', ['column'])
  const expr = readSql(ctx, k, 'expr')
  if ((k.attr('column') === undefined) === (k.attr('expr') === undefined)) {
    ctx.error('E-MISSING-ATTRIBUTE', `a partition "by" key needs exactly one of "column" or "expr"`, k.span)
    return undefined
  }
  const collate = readSqlName(ctx, k, 'collate')
  const ops = readSqlName(ctx, k, 'ops')
  const head = col !== undefined ? quoteIdent(col.name) : expr !== undefined ? `(${expr})` : undefined
  return head === undefined ? undefined : `${head}${collate !== undefined ? ` COLLATE ${collate}` : ''}${ops !== undefined ? ` ${ops}` : ''}`
}

/** ` PARTITION BY RANGE (a, (expr))`, or undefined after reporting errors. */
export const partitionBy = (ctx: LowerContext, p: BlockView): string | undefined => {
  ctx.allow(p, ['type', 'columns'], ['by'])
  const strategy = required(ctx, p, 'type', readKeyword(ctx, p, 'type', STRATEGIES))
  const by = p.blocks('by')
  let keys: ReadonlyArray<string | undefined>
  if (p.attr('columns') !== undefined) {
    if (by.length) ctx.error('E-TYPE', `partition: "columns" and "by" blocks cannot be used together`, p.span)
    keys = (readColumnRefs(ctx, p, 'columns') ?? [undefined]).map((c) => (c === undefined ? undefined : quoteIdent(c.name)))
  } else if (by.length) keys = by.map((k) => key(ctx, k))
  else {
    ctx.error('E-MISSING-ATTRIBUTE', `partition needs "columns" or "by" blocks`, p.span)
    return undefined
  }
  if (strategy === undefined || keys.some((k) => k === undefined)) return undefined
  return ` PARTITION BY ${strategy} (${keys.join(', ')})`
}
