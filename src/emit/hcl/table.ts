/** A table block: columns, constraints, indexes, partitioning, row security and its policies. */
import { absurd } from 'fp-ts/lib/function.js'
import { irEqual } from '../../ir/equal.js'
import type { Column, Constraint, Index, Policy, Table } from '../../ir/objects.js'
import { attr, block, comment, opt, type Block, type Item } from './doc.js'
import { commentAttr, ownerAttr, schemaAttr, type HclContext } from './context.js'
import { sequenceParams, sqlName } from './objects.js'
import { constraintBlock, indexBlock, orderedConstraints, partitionBlock, storageParams } from './table-parts.js'
import { list, quoted, sqlCall, sqlTextValue } from './strings.js'

const identityBlock = (ctx: HclContext, t: Table, c: Column): Block | undefined => {
  const id = c.identity
  if (id === undefined) return undefined
  if (id.sequence !== `${t.name}_${c.name}_seq`) ctx.note(`the identity sequence of ${t.schema}.${t.name}.${c.name} is named "${id.sequence}": the dialect has no attribute for it`)
  return block('identity', [], [
    attr('generated', id.generation === 'always' ? 'ALWAYS' : 'BY_DEFAULT'),
    ...sequenceParams(id, c.type).map(([k, v]) => attr(k, v)),
  ])
}

const columnBlock = (ctx: HclContext, t: Table, c: Column): Block =>
  block('column', [c.name], [
    attr('type', ctx.refs.type(c.type)),
    attr('null', c.notNull ? 'false' : 'true'),
    opt('default', c.default === undefined ? undefined : sqlCall(c.default)),
    opt('collate', c.collation === undefined ? undefined : sqlName(c.collation)),
    commentAttr(c.comment),
    identityBlock(ctx, t, c),
    c.generated === undefined ? undefined : block('as', [], [attr('expr', quoted(c.generated)), attr('type', 'STORED')]),
  ])

const COMMAND = { all: 'ALL', select: 'SELECT', insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' } as const

/** A policy nested in its table (no `on`). */
export const policyBlock = (ctx: HclContext, p: Policy): Block =>
  block('policy', [p.name], [
    p.command !== 'all' ? attr('for', COMMAND[p.command]) : undefined,
    p.roles.length === 1 && p.roles[0] === 'PUBLIC' ? undefined : attr('to', list(p.roles.map((r) => ctx.refs.role(r)))),
    p.permissive ? undefined : attr('as', 'RESTRICTIVE'),
    opt('using', p.using === undefined ? undefined : sqlTextValue(p.using)),
    opt('check', p.check === undefined ? undefined : sqlTextValue(p.check)),
    commentAttr(p.comment),
  ])

/**
 * A partition's columns come from its parent: a column block says only what the partition adds
 * (NOT NULL, a default of its own) and its comment. Every column has a block, possibly empty, so
 * that the partition's own keys and indexes can reference it (`column.c`).
 */
const partitionColumns = (ctx: HclContext, t: Table): Block[] => {
  const parent = parentOf(ctx, t)
  return t.columns.flatMap((c) => {
    const pc = parent?.columns.find((x) => x.name === c.name)
    if (pc !== undefined && pc.default !== undefined && c.default === undefined)
      ctx.note(`column ${c.name} of partition ${t.schema}.${t.name} drops its parent's default: the dialect cannot say so`)
    const items = [
      c.notNull && pc?.notNull !== true ? attr('null', 'false') : undefined,
      c.default !== undefined && c.default !== pc?.default ? attr('default', sqlCall(c.default)) : undefined,
      commentAttr(c.comment),
    ]
    return [block('column', [c.name], items)]
  })
}

/** The parent of a partition, when the catalog has it. */
const parentOf = (ctx: HclContext, t: Table): Table | undefined => {
  const of = t.partitionOf
  if (of === undefined) return undefined
  return [...ctx.catalog.objects.values()].find((o): o is Table => o.kind === 'Table' && o.schema === of.parent.schema && o.name === of.parent.name)
}

/**
 * Constraints a partition gets from its parent when it is created (as the SQL front end gives
 * them: checks and foreign keys by name, keys under the partition's own name) are not written.
 */
const inherited = (parent: Table | undefined, k: Constraint): boolean => {
  if (parent === undefined) return false
  const same = (a: Constraint, b: Constraint): boolean => irEqual({ ...a, name: '', comment: undefined }, { ...b, name: '', comment: undefined })
  switch (k.kind) {
    case 'Check':
    case 'ForeignKey':
      return parent.constraints.some((p) => p.name === k.name && same(p, k) && !(p.kind === 'Check' && p.noInherit))
    case 'PrimaryKey':
    case 'Unique':
      return parent.constraints.some((p) => p.kind === k.kind && same(p, k))
    case 'Exclusion':
      return false
    default:
      return absurd(k)
  }
}

export const tableBlock = (ctx: HclContext, t: Table, indexes: ReadonlyArray<Index>, policies: ReadonlyArray<Policy>): Block => {
  const columns: Item[] = t.partitionOf ? partitionColumns(ctx, t) : t.columns.map((c) => columnBlock(ctx, t, c))
  const rls =
    t.rowSecurity || t.forceRowSecurity
      ? block('row_security', [], [attr('enabled', t.rowSecurity ? 'true' : 'false'), t.forceRowSecurity ? attr('enforced', 'true') : undefined])
      : undefined
  return block('table', [t.name], [
    schemaAttr(ctx, t.schema),
    t.persistence === 'unlogged' ? attr('unlogged', 'true') : undefined,
    opt('partition_of', t.partitionOf === undefined ? undefined : ctx.refs.object('table', t.partitionOf.parent.schema, t.partitionOf.parent.name)),
    opt('partition_bound', t.partitionOf === undefined ? undefined : quoted(t.partitionOf.bound)),
    storageParams(t.options),
    commentAttr(t.comment),
    ownerAttr(ctx, t.owner),
    ...columns,
    ...orderedConstraints(t)
      .filter((k) => !inherited(parentOf(ctx, t), k))
      .map((k) => constraintBlock(ctx, t, k)),
    ...indexes.map((i) => indexBlock(ctx, t, i)),
    t.partitionBy === undefined ? undefined : partitionBlock(ctx, t, t.partitionBy),
    rls,
    ...policies.map((p) => policyBlock(ctx, p)),
  ])
}

/** Notes are printed inside the block they are about. */
export const withNotes = (b: Block, notes: ReadonlyArray<string>): Block =>
  notes.length ? { ...b, body: [...notes.map((n) => comment(`note: ${n}`)), ...b.body] } : b
