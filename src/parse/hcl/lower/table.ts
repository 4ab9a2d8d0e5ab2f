/**
 * The lowerer for table blocks: CREATE TABLE (columns, primary key, unique, check and exclusion
 * constraints, partitioning, storage parameters) in 'tables'; foreign keys, NOT VALID checks and
 * indexes in 'constraints'; comments, owner, row security, nested policies and triggers in 'attached'.
 * A partition (`partition_of`) is created in 'tables' too: if its parent comes later, the runner
 * retries it after the rest of the phase.
 */
import type { BlockLowerer, BlockView, LowerContext } from './context.js'
import { lowerPolicy } from './access-policy.js'
import { readBool, readRef } from './read.js'
import { queueComment, queueOwner, readSql, sqlName, storageParams } from './sql-common.js'
import { columnComment, columnDef, partitionColumnDef } from './table-column.js'
import { check, exclude, foreignKey, primaryKey, unique, type OnTable } from './table-constraints.js'
import { lowerIndex } from './table-index.js'
import { partitionBy } from './table-partition.js'
import { lowerNestedTrigger } from './table-trigger.js'

const ATTRIBUTES = ['schema', 'comment', 'owner', 'unlogged', 'partition_of', 'partition_bound', 'storage_params'] as const
const BLOCKS = ['column', 'primary_key', 'index', 'unique', 'foreign_key', 'check', 'exclude', 'partition', 'row_security', 'policy', 'trigger'] as const

/** The only block of a type that may appear once (E-DUPLICATE for the others). */
const single = (ctx: LowerContext, b: BlockView, type: string): BlockView | undefined => {
  const all = b.blocks(type)
  for (const extra of all.slice(1)) ctx.error('E-DUPLICATE', `table "${b.address.name}" has more than one ${type} block`, extra.span)
  return all[0]
}

/** `row_security { enabled, enforced }`: ENABLE / FORCE ROW LEVEL SECURITY. */
const rowSecurity = (ctx: LowerContext, r: BlockView | undefined, t: OnTable): void => {
  if (r === undefined) return
  ctx.allow(r, ['enabled', 'enforced'], [])
  if (readBool(ctx, r, 'enabled') === true) ctx.sql('attached', `ALTER TABLE ${t.sql} ENABLE ROW LEVEL SECURITY`, r.span)
  if (readBool(ctx, r, 'enforced') === true) ctx.sql('attached', `ALTER TABLE ${t.sql} FORCE ROW LEVEL SECURITY`, r.span)
}

/** `CREATE TABLE t PARTITION OF parent … FOR VALUES …` head, or undefined when not a partition. */
const partitionOf = (ctx: LowerContext, b: BlockView): { readonly parent: string; readonly bound: string } | undefined => {
  const parent = readRef(ctx, b, 'partition_of', ['table'])
  const bound = readSql(ctx, b, 'partition_bound')
  const hasParent = b.attr('partition_of') !== undefined
  const hasBound = b.attr('partition_bound') !== undefined
  if (hasParent !== hasBound)
    ctx.error('E-MISSING-ATTRIBUTE', `table "${b.address.name}": "partition_of" and "partition_bound" go together`, b.attrSpan(hasParent ? 'partition_of' : 'partition_bound') ?? b.span)
  return parent !== undefined && bound !== undefined ? { parent: sqlName(parent), bound } : undefined
}

const table: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ATTRIBUTES, BLOCKS)
  const t: OnTable = { sql: sqlName(b.address), address: b.address }
  const of = partitionOf(ctx, b)
  const partitioned = b.attr('partition_of') !== undefined
  const columns = b.blocks('column')
  const elements = columns.map((c) => (partitioned ? partitionColumnDef(ctx, c) : columnDef(ctx, c)))
  const pk = single(ctx, b, 'primary_key')
  const constraints = [
    ...(pk !== undefined ? [primaryKey(ctx, pk, t)] : []),
    ...b.blocks('unique').map((k) => unique(ctx, k, t)),
    ...b.blocks('check').map((k) => check(ctx, k, t)),
    ...b.blocks('exclude').map((k) => exclude(ctx, k, t)),
  ]
  const part = single(ctx, b, 'partition')
  const by = part === undefined ? '' : (partitionBy(ctx, part) ?? '')
  const unlogged = readBool(ctx, b, 'unlogged') ?? false
  const options = storageParams(ctx, b)
  const defs = [...elements, ...constraints].filter((d): d is string => d !== undefined)
  const head = `CREATE ${unlogged ? 'UNLOGGED ' : ''}TABLE ${t.sql}`
  if (of !== undefined) ctx.sql('tables', `${head} PARTITION OF ${of.parent}${defs.length ? ` (${defs.join(', ')})` : ''} ${of.bound}${by}${options}`, b.nameSpan)
  else if (!partitioned) ctx.sql('tables', `${head} (${defs.join(', ')})${by}${options}`, b.nameSpan)
  for (const k of b.blocks('foreign_key')) foreignKey(ctx, k, t)
  for (const i of b.blocks('index')) lowerIndex(ctx, i, t.sql, b.address.schema, 'constraints')
  queueComment(ctx, b, `TABLE ${t.sql}`)
  for (const c of columns) columnComment(ctx, c, t.sql)
  queueOwner(ctx, b, 'TABLE', t.sql)
  rowSecurity(ctx, single(ctx, b, 'row_security'), t)
  for (const p of b.blocks('policy')) lowerPolicy(p, ctx, { schema: b.address.schema ?? 'public', name: b.address.name })
  for (const tr of b.blocks('trigger')) lowerNestedTrigger(ctx, tr, b.address)
}

export const TABLE_LOWERERS: Readonly<Record<string, BlockLowerer>> = { table }
