/** A table's `column` blocks as column definitions of CREATE TABLE (identity and generated columns included). */
import { quoteIdent } from '../../../ir/names.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool, readKeyword } from './read.js'
import { queueComment, readDefault, readSql, readSqlName, readType, required, sequenceOptions, sqlWords } from './sql-common.js'

const GENERATION = ['ALWAYS', 'BY_DEFAULT'] as const

/** ` GENERATED ALWAYS AS IDENTITY (…)` from an `identity` block (generated defaults to BY_DEFAULT). */
const identity = (ctx: LowerContext, i: BlockView): string => {
  ctx.allow(i, ['generated', 'start', 'increment', 'min_value', 'max_value', 'cache', 'cycle'], [])
  const gen = readKeyword(ctx, i, 'generated', GENERATION) ?? 'BY_DEFAULT'
  const opts = sequenceOptions(ctx, i).trim()
  return ` GENERATED ${sqlWords(gen)} AS IDENTITY${opts ? ` (${opts})` : ''}`
}

/** ` GENERATED ALWAYS AS (expr) STORED` from an `as` block. */
const generated = (ctx: LowerContext, g: BlockView): string => {
  ctx.allow(g, ['expr', 'type'], [])
  readKeyword(ctx, g, 'type', ['STORED'] as const)
  const expr = required(ctx, g, 'expr', readSql(ctx, g, 'expr'))
  return expr === undefined ? '' : ` GENERATED ALWAYS AS (${expr}) STORED`
}

/**
 * A column definition. `null` defaults to true and is then not written (an identity or primary-key
 * column is NOT NULL anyway, as in SQL).
 */
export const columnDef = (ctx: LowerContext, c: BlockView): string | undefined => {
  ctx.allow(c, ['type', 'null', 'default', 'collate', 'comment'], ['identity', 'as'])
  const type = readType(ctx, c)
  const collate = readSqlName(ctx, c, 'collate')
  const dflt = readDefault(ctx, c)
  const nullable = readBool(ctx, c, 'null') ?? true
  const ident = c.blocks('identity')
  const gen = c.blocks('as')
  for (const extra of [...ident.slice(1), ...gen.slice(1)]) ctx.error('E-DUPLICATE', `column "${c.address.name}" has more than one ${extra.type} block`, extra.span)
  if (type === undefined) return undefined
  return [
    `${quoteIdent(c.address.name)} ${type}`,
    collate !== undefined ? ` COLLATE ${collate}` : '',
    ident[0] !== undefined ? identity(ctx, ident[0]) : '',
    gen[0] !== undefined ? generated(ctx, gen[0]) : '',
    dflt !== undefined ? ` DEFAULT ${dflt}` : '',
    nullable ? '' : ' NOT NULL',
  ].join('')
}

/**
 * A column of a partition (`partition_of`): its type comes from the parent, so only `null` and
 * `default` of its own (`c WITH OPTIONS NOT NULL DEFAULT …`) and its comment; undefined when
 * there is nothing to say in the CREATE.
 */
export const partitionColumnDef = (ctx: LowerContext, c: BlockView): string | undefined => {
  ctx.allow(c, ['null', 'default', 'comment'], [])
  const dflt = readDefault(ctx, c)
  const notNull = readBool(ctx, c, 'null') === false
  if (dflt === undefined && !notNull) return undefined
  return `${quoteIdent(c.address.name)} WITH OPTIONS${notNull ? ' NOT NULL' : ''}${dflt !== undefined ? ` DEFAULT ${dflt}` : ''}`
}

/** `COMMENT ON COLUMN t.c`. */
export const columnComment = (ctx: LowerContext, c: BlockView, table: string): void => queueComment(ctx, c, `COLUMN ${table}.${quoteIdent(c.address.name)}`)
