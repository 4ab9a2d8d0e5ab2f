/**
 * `policy` blocks, top-level (`on = table.t`) or nested in their table (the table lowerer calls
 * `lowerPolicy` with the table): CREATE POLICY and its comment, queued in phase 'attached'.
 */
import { qualified, quoteIdent, quoteLiteral } from '../../../ir/names.js'
import type { Span } from '../../../ir/span.js'
import type { BlockView, LowerContext } from './context.js'
import { readKeyword, readRef, readString, sqlText } from './read.js'
import { missing, rolesOf, type RoleName } from './access-names.js'

export interface PolicyTable {
  readonly schema: string
  readonly name: string
}

const COMMANDS = ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const
const MODES = ['PERMISSIVE', 'RESTRICTIVE'] as const
const ATTRIBUTES = ['for', 'to', 'as', 'using', 'check', 'comment', 'depends_on', 'for_each'] as const

export interface PolicyStatement {
  readonly sql: string
  readonly span: Span
}

/**
 * The statements a policy block declares on `table`: CREATE POLICY, then COMMENT ON POLICY. Reads
 * (and allows) every attribute but `on`; undefined after reporting errors.
 */
export const policySql = (b: BlockView, ctx: LowerContext, table: PolicyTable): ReadonlyArray<PolicyStatement> | undefined => {
  const name = b.address.name
  const what = `policy "${name}"`
  const command = readKeyword(ctx, b, 'for', COMMANDS) ?? 'ALL'
  const mode = readKeyword(ctx, b, 'as', MODES) ?? 'PERMISSIVE'
  const toV = b.attr('to')
  const roles: ReadonlyArray<RoleName> | undefined =
    toV === undefined || toV.kind === 'null'
      ? [{ name: 'PUBLIC', external: false, keyword: true }]
      : rolesOf(ctx, toV, `attribute "to" of ${what}`, { allowPublic: true, allowSession: true })
  const expr = (attr: 'using' | 'check'): string | undefined => {
    const v = b.attr(attr)
    return v === undefined || v.kind === 'null' ? undefined : sqlText(ctx, v, `attribute "${attr}" of ${what}`)
  }
  const using = expr('using')
  const check = expr('check')
  const comment = readString(ctx, b, 'comment')
  if (roles === undefined || (b.attr('using') !== undefined && using === undefined) || (b.attr('check') !== undefined && check === undefined)) return undefined
  if (!roles.length) {
    ctx.error('E-TYPE', `attribute "to" of ${what}: no role given`, toV?.span ?? b.span)
    return undefined
  }
  const roleSql = (r: RoleName): string => (r.keyword ? r.name : quoteIdent(r.name))
  const on = `${quoteIdent(name)} ON ${qualified(table.schema, table.name)}`
  const create = [
    `CREATE POLICY ${on}`,
    `AS ${mode}`,
    `FOR ${command}`,
    `TO ${roles.map(roleSql).join(', ')}`,
    ...(using !== undefined ? [`USING (${using})`] : []),
    ...(check !== undefined ? [`WITH CHECK (${check})`] : []),
  ].join(' ')
  return [
    { sql: create, span: b.span },
    ...(comment !== undefined ? [{ sql: `COMMENT ON POLICY ${on} IS ${quoteLiteral(comment)}`, span: b.attrSpan('comment') ?? b.span }] : []),
  ]
}

/** A policy nested in its table's block (no `on`). */
export const lowerPolicy = (b: BlockView, ctx: LowerContext, table: PolicyTable): void => {
  ctx.allow(b, ATTRIBUTES, [])
  for (const s of policySql(b, ctx, table) ?? []) ctx.sql('attached', s.sql, s.span)
}

/** A top-level `policy` block: `on = table.t`. */
export const lowerTopLevelPolicy = (b: BlockView, ctx: LowerContext): void => {
  ctx.allow(b, ['on', ...ATTRIBUTES], [])
  const on = readRef(ctx, b, 'on', ['table'])
  if (missing(b, 'on')) ctx.error('E-MISSING-ATTRIBUTE', `policy "${b.address.name}" needs "on" (or nest it in its table)`, b.span)
  // without a table the statements are not queued, but the rest of the block is still checked
  const stmts = policySql(b, ctx, { schema: on?.schema ?? 'public', name: on?.name ?? '' })
  if (on !== undefined) for (const s of stmts ?? []) ctx.sql('attached', s.sql, s.span)
}
