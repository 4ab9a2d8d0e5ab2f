/** Views, materialized views, functions, procedures and triggers as HCL blocks. */
import type { Function as Routine, FunctionArg, Index, MaterializedView, Trigger, View } from '../../ir/objects.js'
import { indexBlock } from './table-parts.js'
import { attr, block, opt, type Block } from './doc.js'
import { commentAttr, ownerAttr, schemaAttr, type HclContext } from './context.js'
import { addressOf, type SchemaBlock } from './refs.js'
import { fitsHeredoc, heredoc, isIdentifier, list, num, quoted, sqlCall, text } from './strings.js'

/**
 * A query the loader parses again, so a final newline may be added: a heredoc (the canonical form)
 * whenever one holds it exactly, one-line queries included; else a quoted string.
 */
const query = (q: string): string => {
  const t = q.endsWith('\n') ? q : `${q}\n`
  return fitsHeredoc(t) || /^\S[^\u0000-\u001f\u007f]*\n$/.test(t) ? heredoc(t) : quoted(q)
}

/**
 * A view's `column` blocks: the commented columns, or every column (in order) when something
 * references them (column privileges, indexes), since a reference needs a declared column.
 */
const viewColumns = (v: View | MaterializedView, referenced: boolean): Block[] => {
  const comments = v.columnComments ?? {}
  const all = referenced || Object.keys(v.columnAcls ?? {}).length > 0
  return v.columns.filter((c) => all || comments[c] !== undefined).map((c) => block('column', [c], [commentAttr(comments[c])]))
}

export const viewBlock = (ctx: HclContext, v: View): Block =>
  block('view', [v.name], [
    schemaAttr(ctx, v.schema),
    v.checkOption === undefined ? undefined : attr('check_option', v.checkOption.toUpperCase()),
    v.securityBarrier ? attr('security_barrier', 'true') : undefined,
    v.securityInvoker ? attr('security_invoker', 'true') : undefined,
    commentAttr(v.comment),
    ownerAttr(ctx, v.owner),
    attr('as', query(v.query)),
    ...viewColumns(v, false),
  ])

/** A materialized view; its indexes are nested `index` blocks, as in a table. */
export const materializedBlock = (ctx: HclContext, m: MaterializedView, indexes: ReadonlyArray<Index>): Block =>
  block('materialized', [m.name], [
    schemaAttr(ctx, m.schema),
    m.withData ? undefined : attr('with_data', 'false'),
    commentAttr(m.comment),
    ownerAttr(ctx, m.owner),
    attr('as', query(m.query)),
    ...viewColumns(m, indexes.length > 0),
    ...indexes.map((i) => indexBlock(ctx, m, i)),
  ])

const LANG: Readonly<Record<string, string>> = { sql: 'SQL', plpgsql: 'PLpgSQL' } as const
const lang = (l: string): string => LANG[l] ?? (/^[a-z][a-z0-9]*$/.test(l) ? l : quoted(l))

const argBlock = (ctx: HclContext, a: FunctionArg): Block =>
  block('arg', a.name === undefined ? [] : [a.name], [
    a.mode !== 'in' ? attr('mode', a.mode.toUpperCase()) : undefined,
    attr('type', ctx.refs.type(a.type)),
    opt('default', a.default === undefined ? undefined : sqlCall(a.default)),
  ])

/** `config = { search_path = "…" }`, in the routine's order. */
const config = (c: Routine['config']): string | undefined =>
  c.length ? `{ ${c.map((s) => `${isIdentifier(s.name) ? s.name : quoted(s.name)} = ${quoted(s.value)}`).join(', ')} }` : undefined

const returns = (ctx: HclContext, f: Routine): string | undefined => {
  if (f.routine === 'procedure' || f.returns === undefined || f.args.some((a) => a.mode === 'table')) return undefined
  if (f.returnsSet || f.returns.startsWith('SETOF ')) return sqlCall(f.returns.startsWith('SETOF ') ? f.returns : `SETOF ${f.returns}`)
  return ctx.refs.type(f.returns)
}

/** A function or a procedure. A SQL-standard body (BEGIN ATOMIC / RETURN) is `as = sql("…")`. */
export const routineBlock = (ctx: HclContext, f: Routine): Block => {
  const fn = f.routine === 'function'
  return block(f.routine, [f.name], [
    schemaAttr(ctx, f.schema),
    attr('lang', lang(f.language)),
    opt('return', returns(ctx, f)),
    fn && f.volatility !== 'volatile' ? attr('volatility', f.volatility.toUpperCase()) : undefined,
    fn && f.strict ? attr('strict', 'true') : undefined,
    f.securityDefiner ? attr('security', 'DEFINER') : undefined,
    fn && f.leakproof ? attr('leakproof', 'true') : undefined,
    fn && f.parallel !== 'unsafe' ? attr('parallel', f.parallel.toUpperCase()) : undefined,
    opt('cost', f.cost === undefined ? undefined : num(f.cost)),
    opt('rows', f.rows === undefined ? undefined : num(f.rows)),
    opt('config', config(f.config)),
    commentAttr(f.comment),
    ownerAttr(ctx, f.owner),
    ...f.args.map((a) => argBlock(ctx, a)),
    attr('as', f.sqlBody ? sqlCall(f.body) : text(f.body)),
  ])
}

/** The block type of the relation a trigger is on (views get INSTEAD OF triggers). */
const relationBlock = (ctx: HclContext, t: Trigger): SchemaBlock => {
  for (const o of ctx.catalog.objects.values()) {
    if ((o.kind === 'Table' || o.kind === 'View' || o.kind === 'MaterializedView') && o.schema === t.schema && o.name === t.table) return addressOf(o)?.type ?? 'table'
  }
  return 'table'
}

const functionRef = (ctx: HclContext, schema: string, name: string): string => {
  const declared = [...ctx.catalog.objects.values()].some((o) => o.kind === 'Function' && o.schema === schema && o.name === name)
  return declared ? ctx.refs.object('function', schema, name) : `ref(${quoted(`function.${schema}.${name}`)})`
}

const TIMING = { before: 'before', after: 'after', 'instead of': 'instead_of' } as const

export const triggerBlock = (ctx: HclContext, t: Trigger): Block => {
  const rel = relationBlock(ctx, t)
  const events = t.events.map((e) =>
    e === 'update' && t.columns.length ? attr('update_of', list(t.columns.map((c) => ctx.refs.column(rel, t.schema, t.table, c)))) : attr(e, 'true'),
  )
  return block('trigger', [t.name], [
    attr('on', ctx.refs.object(rel, t.schema, t.table)),
    attr('for', t.forEach.toUpperCase()),
    opt('when', t.when === undefined ? undefined : quoted(t.when)),
    t.constraint ? attr('constraint', 'true') : undefined,
    t.deferrable ? attr('deferrable', 'true') : undefined,
    t.initiallyDeferred ? attr('initially_deferred', 'true') : undefined,
    t.enabled !== 'origin' ? attr('enabled', t.enabled.toUpperCase()) : undefined,
    commentAttr(t.comment),
    block(TIMING[t.timing], [], events),
    t.referencingOld !== undefined || t.referencingNew !== undefined
      ? block('referencing', [], [opt('old', t.referencingOld === undefined ? undefined : quoted(t.referencingOld)), opt('new', t.referencingNew === undefined ? undefined : quoted(t.referencingNew))])
      : undefined,
    block('execute', [], [attr('function', functionRef(ctx, t.function.schema, t.function.name)), t.arguments.length ? attr('args', list(t.arguments.map(quoted))) : undefined]),
  ])
}
