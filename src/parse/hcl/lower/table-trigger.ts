/**
 * `trigger` blocks, top-level (`on = table.t | view.v | materialized.m`) or nested in their table:
 * CREATE TRIGGER in 'attached' (after the relation and the function exist), then its enabled state
 * and comment.
 */
import { quoteIdent, quoteLiteral } from '../../../ir/names.js'
import { KIND_WORD, type BlockAddress } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool, readKeyword, readList, readRef, readString } from './read.js'
import { deferral, queueComment, readColumnRefs, readSql, sqlName, sqlWords } from './sql-common.js'

const TIMINGS = ['before', 'after', 'instead_of'] as const
const EVENTS = ['insert', 'update', 'update_of', 'delete', 'truncate'] as const
const FOR_EACH = ['ROW', 'STATEMENT'] as const
const ENABLED = ['ORIGIN', 'DISABLED', 'REPLICA', 'ALWAYS'] as const
const ATTRIBUTES = ['for', 'when', 'constraint', 'deferrable', 'initially_deferred', 'enabled', 'comment'] as const
const BLOCKS = [...TIMINGS, 'execute', 'referencing'] as const

/** `{ insert = true, update_of = [column.a], … }` as `INSERT OR UPDATE OF a`. */
const events = (ctx: LowerContext, e: BlockView): string | undefined => {
  ctx.allow(e, EVENTS, [])
  const out: string[] = []
  for (const name of e.attributeNames) {
    if (name === 'update_of') {
      const cols = readColumnRefs(ctx, e, name)
      if (cols !== undefined) out.push(`UPDATE OF ${cols.map((c) => quoteIdent(c.name)).join(', ')}`)
    } else if (name === 'update' && e.attr('update_of') !== undefined) continue
    else if ((EVENTS as ReadonlyArray<string>).includes(name) && readBool(ctx, e, name) === true) out.push(name.toUpperCase())
  }
  if (!out.length) ctx.error('E-MISSING-ATTRIBUTE', `trigger "${e.address.parent?.name ?? ''}": the ${e.type} block names no event`, e.span)
  return out.length ? out.join(' OR ') : undefined
}

/** `execute { function = function.f, args = ["a"] }` as `EXECUTE FUNCTION s.f('a')`. */
const execute = (ctx: LowerContext, x: BlockView): string | undefined => {
  ctx.allow(x, ['function', 'args'], [])
  const fn = readRef(ctx, x, 'function', ['function'])
  if (x.attr('function') === undefined) ctx.error('E-MISSING-ATTRIBUTE', `the execute block of trigger "${x.address.parent?.name ?? ''}" needs "function"`, x.span)
  const args: string[] = []
  for (const a of readList(ctx, x, 'args') ?? []) {
    if (a.kind === 'string') args.push(quoteLiteral(a.value))
    else if (a.kind === 'number') args.push(quoteLiteral(a.text))
    else ctx.error('E-TYPE', `attribute "args" of execute: expected strings, got ${KIND_WORD[a.kind]}`, a.span)
  }
  return fn === undefined ? undefined : `EXECUTE FUNCTION ${sqlName(fn)}(${args.join(', ')})`
}

/** ` REFERENCING OLD TABLE AS o NEW TABLE AS n`. */
const referencing = (ctx: LowerContext, r: BlockView | undefined): string => {
  if (r === undefined) return ''
  ctx.allow(r, ['old', 'new'], [])
  const o = readString(ctx, r, 'old')
  const n = readString(ctx, r, 'new')
  return `${o !== undefined || n !== undefined ? ' REFERENCING' : ''}${o !== undefined ? ` OLD TABLE AS ${quoteIdent(o)}` : ''}${n !== undefined ? ` NEW TABLE AS ${quoteIdent(n)}` : ''}`
}

const ENABLE_SQL: Readonly<Record<(typeof ENABLED)[number], string | undefined>> = {
  ORIGIN: undefined,
  DISABLED: 'DISABLE TRIGGER',
  REPLICA: 'ENABLE REPLICA TRIGGER',
  ALWAYS: 'ENABLE ALWAYS TRIGGER',
} as const

/** A trigger on the relation at `on` (a table, view or materialized view). */
export const lowerTrigger = (ctx: LowerContext, b: BlockView, on: BlockAddress): void => {
  const relation = sqlName(on)
  const timing = TIMINGS.map((t) => b.blocks(t)).filter((l) => l.length)
  if (timing.length !== 1 || (timing[0] ?? []).length !== 1) {
    ctx.error('E-MISSING-ATTRIBUTE', `trigger "${b.address.name}" needs exactly one of before, after or instead_of`, b.span)
    return
  }
  const timed = timing[0]?.[0] as BlockView
  const ev = events(ctx, timed)
  const forEach = readKeyword(ctx, b, 'for', FOR_EACH) ?? 'STATEMENT'
  const condition = readSql(ctx, b, 'when')
  const constraint = readBool(ctx, b, 'constraint') ?? false
  const defer = deferral(ctx, b)
  const enabled = readKeyword(ctx, b, 'enabled', ENABLED) ?? 'ORIGIN'
  const refs = referencing(ctx, b.blocks('referencing')[0])
  const exec = b.blocks('execute')[0]
  if (exec === undefined) ctx.error('E-MISSING-ATTRIBUTE', `trigger "${b.address.name}" needs an execute block`, b.span)
  const action = exec === undefined ? undefined : execute(ctx, exec)
  if (ev === undefined || action === undefined) return
  const name = quoteIdent(b.address.name)
  ctx.sql(
    'attached',
    `CREATE ${constraint ? 'CONSTRAINT ' : ''}TRIGGER ${name} ${sqlWords(timed.type).toUpperCase()} ${ev} ON ${relation}${defer}${refs} FOR EACH ${forEach}${condition !== undefined ? ` WHEN (${condition})` : ''} ${action}`,
    b.nameSpan,
  )
  const alter = ENABLE_SQL[enabled]
  if (alter !== undefined) ctx.sql('attached', `ALTER TABLE ${relation} ${alter} ${name}`, b.attrSpan('enabled') ?? b.span)
  queueComment(ctx, b, `TRIGGER ${name} ON ${relation}`)
}

/** A trigger nested in its table's block (no `on`). */
export const lowerNestedTrigger = (ctx: LowerContext, b: BlockView, table: BlockAddress): void => {
  ctx.allow(b, ATTRIBUTES, BLOCKS)
  lowerTrigger(ctx, b, table)
}

/** A top-level `trigger` block. */
export const lowerTopLevelTrigger = (b: BlockView, ctx: LowerContext): void => {
  ctx.allow(b, ['on', ...ATTRIBUTES], BLOCKS)
  const on = readRef(ctx, b, 'on', ['table', 'view', 'materialized'])
  if (b.attr('on') === undefined) ctx.error('E-MISSING-ATTRIBUTE', `trigger "${b.address.name}" needs "on" (or nest it in its table)`, b.span)
  if (on !== undefined) lowerTrigger(ctx, b, on)
}
