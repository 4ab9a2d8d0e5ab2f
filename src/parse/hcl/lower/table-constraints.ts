/**
 * A table's constraint blocks: primary_key, unique, check, exclude as table constraints of
 * CREATE TABLE; foreign keys (and NOT VALID checks, which CREATE TABLE cannot make) as
 * ALTER TABLE … ADD CONSTRAINT in 'constraints', so tables may reference each other in any order.
 */
import { quoteIdent } from '../../../ir/names.js'
import type { BlockAddress } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool, readKeyword, readString } from './read.js'
import { columnList, deferral, queueComment, readColumnRefs, readSql, required, sqlName, sqlWords } from './sql-common.js'
import { includeClause, keyParts, readMethod, whereClause } from './table-index.js'

/** The table a constraint is on: its SQL name and address. */
export interface OnTable {
  readonly sql: string
  readonly address: BlockAddress
}

const constraintComment = (ctx: LowerContext, b: BlockView, name: string, t: OnTable): void =>
  queueComment(ctx, b, `CONSTRAINT ${quoteIdent(name)} ON ${t.sql}`)

/** `primary_key { columns, include, name, deferrable, initially_deferred, comment }`. */
export const primaryKey = (ctx: LowerContext, b: BlockView, t: OnTable): string | undefined => {
  ctx.allow(b, ['columns', 'include', 'name', 'deferrable', 'initially_deferred', 'comment'], [])
  const explicit = readString(ctx, b, 'name')
  const cols = required(ctx, b, 'columns', columnList(ctx, b, 'columns'))
  const def = `${explicit !== undefined ? `CONSTRAINT ${quoteIdent(explicit)} ` : ''}PRIMARY KEY ${cols ?? '()'}${includeClause(ctx, b)}${deferral(ctx, b)}`
  // the implicit name, as PostgreSQL chooses it when it is free
  constraintComment(ctx, b, explicit ?? `${t.address.name}_pkey`, t)
  return cols === undefined ? undefined : def
}

export const unique = (ctx: LowerContext, b: BlockView, t: OnTable): string | undefined => {
  ctx.allow(b, ['columns', 'include', 'nulls_distinct', 'deferrable', 'initially_deferred', 'comment'], [])
  const cols = required(ctx, b, 'columns', columnList(ctx, b, 'columns'))
  const nullsDistinct = readBool(ctx, b, 'nulls_distinct') ?? true
  const def = `CONSTRAINT ${quoteIdent(b.address.name)} UNIQUE${nullsDistinct ? '' : ' NULLS NOT DISTINCT'} ${cols ?? '()'}${includeClause(ctx, b)}${deferral(ctx, b)}`
  constraintComment(ctx, b, b.address.name, t)
  return cols === undefined ? undefined : def
}

/** A check: inline, or ALTER TABLE … NOT VALID when `not_valid` (then undefined is returned). */
export const check = (ctx: LowerContext, b: BlockView, t: OnTable): string | undefined => {
  ctx.allow(b, ['expr', 'not_valid', 'no_inherit', 'deferrable', 'initially_deferred', 'comment'], [])
  const expr = required(ctx, b, 'expr', readSql(ctx, b, 'expr'))
  const noInherit = readBool(ctx, b, 'no_inherit') ?? false
  const notValid = readBool(ctx, b, 'not_valid') ?? false
  const def = `CONSTRAINT ${quoteIdent(b.address.name)} CHECK (${expr ?? ''})${noInherit ? ' NO INHERIT' : ''}${deferral(ctx, b)}`
  constraintComment(ctx, b, b.address.name, t)
  if (expr === undefined) return undefined
  if (!notValid) return def
  ctx.sql('constraints', `ALTER TABLE ${t.sql} ADD ${def} NOT VALID`, b.nameSpan)
  return undefined
}

export const exclude = (ctx: LowerContext, b: BlockView, t: OnTable): string | undefined => {
  ctx.allow(b, ['type', 'where', 'include', 'deferrable', 'initially_deferred', 'comment'], ['on'])
  const method = readMethod(ctx, b)
  const parts = keyParts(ctx, b, true)
  const def = `CONSTRAINT ${quoteIdent(b.address.name)} EXCLUDE${method !== undefined ? ` USING ${method}` : ''} ${parts ?? '()'}${includeClause(ctx, b)}${whereClause(ctx, b)}${deferral(ctx, b)}`
  constraintComment(ctx, b, b.address.name, t)
  return parts === undefined ? undefined : def
}

const ACTIONS = ['NO_ACTION', 'RESTRICT', 'CASCADE', 'SET_NULL', 'SET_DEFAULT'] as const
const MATCH = ['SIMPLE', 'FULL'] as const

/** `foreign_key "name"`: ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY in 'constraints'. */
export const foreignKey = (ctx: LowerContext, b: BlockView, t: OnTable): void => {
  ctx.allow(b, ['columns', 'ref_columns', 'on_update', 'on_delete', 'match', 'deferrable', 'initially_deferred', 'not_valid', 'comment'], [])
  const cols = required(ctx, b, 'columns', columnList(ctx, b, 'columns'))
  const refs = required(ctx, b, 'ref_columns', readColumnRefs(ctx, b, 'ref_columns'))
  const onUpdate = readKeyword(ctx, b, 'on_update', ACTIONS)
  const onDelete = readKeyword(ctx, b, 'on_delete', ACTIONS)
  const match = readKeyword(ctx, b, 'match', MATCH)
  const notValid = readBool(ctx, b, 'not_valid') ?? false
  const defer = deferral(ctx, b)
  constraintComment(ctx, b, b.address.name, t)
  if (cols === undefined || refs === undefined) return
  // `column.id` inside the table itself (a self reference) has this table as parent
  const targets = refs.map((r) => r.parent ?? t.address)
  const target = targets[0] ?? t.address
  if (targets.some((x) => sqlName(x) !== sqlName(target))) {
    ctx.error('E-TYPE', `attribute "ref_columns" of foreign_key "${b.address.name}": the columns must belong to one table`, b.attrSpan('ref_columns') ?? b.span)
    return
  }
  ctx.sql(
    'constraints',
    [
      `ALTER TABLE ${t.sql} ADD CONSTRAINT ${quoteIdent(b.address.name)} FOREIGN KEY ${cols}`,
      ` REFERENCES ${sqlName(target)} (${refs.map((r) => quoteIdent(r.name)).join(', ')})`,
      match !== undefined ? ` MATCH ${match}` : '',
      onUpdate !== undefined ? ` ON UPDATE ${sqlWords(onUpdate)}` : '',
      onDelete !== undefined ? ` ON DELETE ${sqlWords(onDelete)}` : '',
      defer,
      notValid ? ' NOT VALID' : '',
    ].join(''),
    b.nameSpan,
  )
}
