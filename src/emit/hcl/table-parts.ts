/** The parts of a table block: constraints, indexes, the partition key. */
import { absurd } from 'fp-ts/lib/function.js'
import type { Constraint, Exclusion, ForeignKey, Index, IndexKey, MaterializedView, PartitionBy, Table } from '../../ir/objects.js'
import { attr, block, opt, type Block, type Item } from './doc.js'
import { commentAttr, type HclContext } from './context.js'
import { sqlName } from './objects.js'
import { bool, list, num, quoted, sqlTextValue } from './strings.js'

/** A relation with columns that indexes can be on. */
export type Relation = Table | MaterializedView
const columnsOf = (r: Relation): ReadonlyArray<string> => (r.kind === 'Table' ? r.columns.map((c) => c.name) : r.columns)

/**
 * A key's column name when the key is a plain column of the table (stored quoted as needed, see
 * the IR header), else undefined (an expression).
 */
export const keyColumn = (t: Relation, expression: string): string | undefined => {
  const q = /^"((?:[^"]|"")*)"$/.exec(expression)
  const name = q ? (q[1] as string).replace(/""/g, '"') : expression
  return columnsOf(t).includes(name) ? name : undefined
}

const columnList = (ctx: HclContext, names: ReadonlyArray<string>): string => list(names.map((n) => ctx.refs.local(n)))

const deferral = (k: { deferrable: boolean; initiallyDeferred: boolean }): Item[] => [
  ...(k.deferrable ? [attr('deferrable', 'true')] : []),
  ...(k.initiallyDeferred ? [attr('initially_deferred', 'true')] : []),
]

const include = (ctx: HclContext, cols: ReadonlyArray<string> | undefined): Item | undefined =>
  cols !== undefined && cols.length ? attr('include', columnList(ctx, cols)) : undefined

const FK_ACTION = { 'no action': 'NO_ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set null': 'SET_NULL', 'set default': 'SET_DEFAULT' } as const

const foreignKey = (ctx: HclContext, k: ForeignKey): Block => {
  const target = k.references
  return block('foreign_key', [k.name], [
    attr('columns', columnList(ctx, k.columns)),
    attr('ref_columns', list(k.referencedColumns.map((c) => ctx.refs.column('table', target.schema, target.name, c)))),
    k.onUpdate !== 'no action' ? attr('on_update', FK_ACTION[k.onUpdate]) : undefined,
    k.onDelete !== 'no action' ? attr('on_delete', FK_ACTION[k.onDelete]) : undefined,
    k.match === 'full' ? attr('match', 'FULL') : undefined,
    ...deferral(k),
    k.notValid ? attr('not_valid', 'true') : undefined,
    commentAttr(k.comment),
  ])
}

/** `on { column = column.a | expr = "…", … }` parts of an index or exclusion constraint. */
const part = (ctx: HclContext, t: Relation, expression: string, extra: ReadonlyArray<Item | undefined>): Block => {
  const col = keyColumn(t, expression)
  return block('on', [], [col !== undefined ? attr('column', ctx.refs.local(col)) : attr('expr', quoted(expression)), ...extra])
}

const METHODS = ['btree', 'hash', 'gin', 'gist', 'brin', 'spgist'] as const
const method = (m: string): string => ((METHODS as ReadonlyArray<string>).includes(m) ? m.toUpperCase() : quoted(m))

const exclusion = (ctx: HclContext, t: Table, k: Exclusion): Block =>
  block('exclude', [k.name], [
    attr('type', method(k.method)),
    ...k.elements.map((e) => part(ctx, t, e.expression, [attr('op', quoted(e.operator))])),
    include(ctx, k.include),
    opt('where', k.where === undefined ? undefined : sqlTextValue(k.where)),
    ...deferral(k),
    commentAttr(k.comment),
  ])

export const constraintBlock = (ctx: HclContext, t: Table, k: Constraint): Block => {
  switch (k.kind) {
    case 'PrimaryKey':
      return block('primary_key', [], [
        attr('columns', columnList(ctx, k.columns)),
        include(ctx, k.include),
        k.name !== `${t.name}_pkey` ? attr('name', quoted(k.name)) : undefined,
        ...deferral(k),
        commentAttr(k.comment),
      ])
    case 'Unique':
      return block('unique', [k.name], [
        attr('columns', columnList(ctx, k.columns)),
        include(ctx, k.include),
        k.nullsNotDistinct ? attr('nulls_distinct', 'false') : undefined,
        ...deferral(k),
        commentAttr(k.comment),
      ])
    case 'Check':
      return block('check', [k.name], [
        attr('expr', sqlTextValue(k.expression)),
        k.notValid ? attr('not_valid', 'true') : undefined,
        k.noInherit ? attr('no_inherit', 'true') : undefined,
        ...deferral(k),
        commentAttr(k.comment),
      ])
    case 'ForeignKey':
      return foreignKey(ctx, k)
    case 'Exclusion':
      return exclusion(ctx, t, k)
    default:
      return absurd(k)
  }
}

/** Constraints in the dialect's order: primary key, unique, foreign keys, checks, exclusions (each by name). */
const ORDER: Readonly<Record<Constraint['kind'], number>> = { PrimaryKey: 0, Unique: 1, ForeignKey: 2, Check: 3, Exclusion: 4 } as const
export const orderedConstraints = (t: Table): ReadonlyArray<Constraint> =>
  [...t.constraints].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

const plainKey = (t: Relation, k: IndexKey): boolean =>
  keyColumn(t, k.expression) !== undefined && !k.descending && !k.nullsFirst && k.opclass === undefined && k.collation === undefined

/** Storage parameters: `{ fillfactor = 70 }` (integers as numbers, everything else as strings). */
export const storageParams = (o: Readonly<Record<string, string>> | undefined): Item | undefined => {
  if (o === undefined || Object.keys(o).length === 0) return undefined
  const entries = Object.keys(o)
    .sort()
    .map((k) => {
      const v = o[k] as string
      return `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : quoted(k)} = ${/^-?(0|[1-9][0-9]{0,14})$/.test(v) ? num(v) : quoted(v)}`
    })
  return attr('storage_params', `{ ${entries.join(', ')} }`)
}

export const indexBlock = (ctx: HclContext, t: Relation, i: Index): Block =>
  block('index', [i.name], [
    i.unique ? attr('unique', 'true') : undefined,
    i.keys.every((k) => plainKey(t, k))
      ? attr('columns', columnList(ctx, i.keys.map((k) => keyColumn(t, k.expression) as string)))
      : undefined,
    i.method !== 'btree' ? attr('type', method(i.method)) : undefined,
    opt('where', i.where === undefined ? undefined : sqlTextValue(i.where)),
    include(ctx, i.include),
    i.nullsNotDistinct ? attr('nulls_distinct', 'false') : undefined,
    storageParams(i.options),
    commentAttr(i.comment),
    ...(i.keys.every((k) => plainKey(t, k))
      ? []
      : i.keys.map((k) =>
          part(ctx, t, k.expression, [
            k.descending ? attr('desc', 'true') : undefined,
            k.nullsFirst !== k.descending ? attr('nulls_first', bool(k.nullsFirst)) : undefined,
            opt('ops', k.opclass === undefined ? undefined : sqlName(k.opclass)),
            opt('collate', k.collation === undefined ? undefined : sqlName(k.collation)),
          ]),
        )),
  ])

export const partitionBlock = (ctx: HclContext, t: Table, p: PartitionBy): Block => {
  const plain = p.keys.every((k) => keyColumn(t, k.expression) !== undefined && k.collation === undefined && k.opclass === undefined)
  return block('partition', [], [
    attr('type', p.strategy.toUpperCase()),
    plain ? attr('columns', columnList(ctx, p.keys.map((k) => keyColumn(t, k.expression) as string))) : undefined,
    ...(plain
      ? []
      : p.keys.map((k) => {
          const col = keyColumn(t, k.expression)
          return block('by', [], [
            col !== undefined ? attr('column', ctx.refs.local(col)) : attr('expr', quoted(k.expression)),
            opt('collate', k.collation === undefined ? undefined : sqlName(k.collation)),
            opt('ops', k.opclass === undefined ? undefined : sqlName(k.opclass)),
          ])
        })),
  ])
}
