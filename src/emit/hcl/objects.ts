/** Schemas, extensions, enums, domains, composite types and sequences as HCL blocks. */
import type { CompositeType, Domain, Enum, Extension, Schema, Sequence } from '../../ir/objects.js'
import { attr, block, opt, type Block } from './doc.js'
import { commentAttr, ownerAttr, schemaAttr, type HclContext } from './context.js'
import { bool, list, num, quoted, sqlCall } from './strings.js'

/**
 * A collation or operator class (SQL text, parts quoted as needed): a one-part name as a plain
 * string (`collate = "C"`, as users write it), anything else as `sql("…")`.
 */
export const sqlName = (s: string): string => {
  const q = /^"((?:[^"]|"")*)"$/.exec(s)
  if (q) return quoted((q[1] as string).replace(/""/g, '"'))
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? quoted(s) : sqlCall(s)
}

export const schemaBlock = (ctx: HclContext, s: Schema): Block => block('schema', [s.name], [commentAttr(s.comment), ownerAttr(ctx, s.owner)])

export const extensionBlock = (ctx: HclContext, e: Extension): Block =>
  block('extension', [e.name], [
    e.schema === 'public' && ctx.refs.isSchemaDeclared('public') ? undefined : schemaAttr(ctx, e.schema),
    opt('version', e.version === undefined ? undefined : quoted(e.version)),
    commentAttr(e.comment),
  ])

export const enumBlock = (ctx: HclContext, e: Enum): Block =>
  block('enum', [e.name], [schemaAttr(ctx, e.schema), attr('values', list(e.values.map(quoted))), commentAttr(e.comment), ownerAttr(ctx, e.owner)])

export const domainBlock = (ctx: HclContext, d: Domain): Block =>
  block('domain', [d.name], [
    schemaAttr(ctx, d.schema),
    attr('type', ctx.refs.type(d.baseType)),
    d.notNull ? attr('null', 'false') : undefined,
    opt('default', d.default === undefined ? undefined : sqlCall(d.default)),
    opt('collate', d.collation === undefined ? undefined : sqlName(d.collation)),
    commentAttr(d.comment),
    ownerAttr(ctx, d.owner),
    ...d.checks.map((c) =>
      block('check', [c.name], [attr('expr', quoted(c.expression)), c.notValid ? attr('not_valid', 'true') : undefined, commentAttr(c.comment)]),
    ),
  ])

export const compositeBlock = (ctx: HclContext, c: CompositeType): Block =>
  block('composite', [c.name], [
    schemaAttr(ctx, c.schema),
    commentAttr(c.comment),
    ownerAttr(ctx, c.owner),
    ...c.attributes.map((a) =>
      block('field', [a.name], [
        attr('type', ctx.refs.type(a.type)),
        opt('collate', a.collation === undefined ? undefined : sqlName(a.collation)),
        commentAttr(a.comment),
      ]),
    ),
  ])

const BOUNDS: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
} as const

/** Sequence parameters that differ from CREATE SEQUENCE's defaults for the type and direction. */
export const sequenceParams = (
  s: { start: string; increment: string; minValue: string; maxValue: string; cache: string; cycle: boolean },
  dataType: string,
): Array<[string, string]> => {
  const bounds = BOUNDS[dataType] ?? (BOUNDS['bigint'] as readonly [string, string])
  const asc = !s.increment.startsWith('-')
  const defMin = asc ? '1' : bounds[0]
  const defMax = asc ? bounds[1] : '-1'
  return [
    ...(s.start !== (asc ? s.minValue : s.maxValue) ? [['start', num(s.start)] as [string, string]] : []),
    ...(s.increment !== '1' ? [['increment', num(s.increment)] as [string, string]] : []),
    ...(s.minValue !== defMin ? [['min_value', num(s.minValue)] as [string, string]] : []),
    ...(s.maxValue !== defMax ? [['max_value', num(s.maxValue)] as [string, string]] : []),
    ...(s.cache !== '1' ? [['cache', num(s.cache)] as [string, string]] : []),
    ...(s.cycle ? [['cycle', bool(true)] as [string, string]] : []),
  ]
}

export const sequenceBlock = (ctx: HclContext, s: Sequence): Block =>
  block('sequence', [s.name], [
    schemaAttr(ctx, s.schema),
    s.dataType === 'bigint' ? undefined : attr('type', ctx.refs.type(s.dataType)),
    ...sequenceParams(s, s.dataType).map(([k, v]) => attr(k, v)),
    s.persistence === 'unlogged' ? attr('unlogged', 'true') : undefined,
    opt('owned_by', s.ownedBy === undefined ? undefined : ctx.refs.column('table', s.ownedBy.schema, s.ownedBy.table, s.ownedBy.column)),
    commentAttr(s.comment),
    ownerAttr(ctx, s.owner),
  ])
