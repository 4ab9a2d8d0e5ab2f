/**
 * Lowerers for function, procedure and trigger blocks. A routine is CREATE FUNCTION / PROCEDURE in
 * 'functions' with its body dollar-quoted (the emitter's collision-free tag), or, for `as =
 * sql("RETURN …" | "BEGIN ATOMIC … END")`, a SQL-standard body as is.
 */
import { quoteIdent } from '../../../ir/names.js'
import { dollarQuote } from '../../../ir/names.js'
import { configValue } from '../../../ir/settings.js'
import { KIND_WORD } from '../eval/value.js'
import type { BlockLowerer, BlockView, LowerContext } from './context.js'
import { readBool, readKeyword, readNumber, readString, sqlText, typeText } from './read.js'
import { queueComment, queueOwner, readType, required, sqlName } from './sql-common.js'
import { lowerTopLevelTrigger } from './table-trigger.js'

const MODES = ['IN', 'OUT', 'INOUT', 'VARIADIC', 'TABLE'] as const
type Mode = (typeof MODES)[number]

interface Arg {
  readonly mode: Mode
  readonly sql: string
  readonly type: string
}

const arg = (ctx: LowerContext, a: BlockView): Arg | undefined => {
  ctx.allow(a, ['type', 'mode', 'default'], [])
  const mode = readKeyword(ctx, a, 'mode', MODES) ?? 'IN'
  const type = readType(ctx, a)
  const d = a.attr('default')
  const dflt = d === undefined || d.kind === 'null' ? undefined : sqlText(ctx, d, `attribute "default" of arg "${a.address.name}"`)
  const name = a.labels[0]
  if (type === undefined) return undefined
  if (mode === 'TABLE' && name === undefined) ctx.error('E-MISSING-ATTRIBUTE', 'an arg with mode = TABLE (a result column) needs a name', a.span)
  return {
    mode,
    type,
    sql: `${mode === 'IN' || mode === 'TABLE' ? '' : `${mode} `}${name !== undefined ? `${quoteIdent(name)} ` : ''}${type}${dflt !== undefined ? ` DEFAULT ${dflt}` : ''}`,
  }
}

/** `config = { search_path = "…" }` as `SET k = v` clauses, in order. */
const config = (ctx: LowerContext, b: BlockView): string[] => {
  const v = b.attr('config')
  if (v === undefined || v.kind === 'null') return []
  if (v.kind !== 'object') {
    ctx.error('E-TYPE', `attribute "config" of ${b.type} "${b.address.name}": expected an object, got ${KIND_WORD[v.kind]}`, v.span)
    return []
  }
  const out: string[] = []
  for (const [k, x] of v.entries) {
    const text = x.kind === 'string' ? x.value : x.kind === 'number' ? x.text : x.kind === 'bool' ? (x.value ? 'true' : 'false') : undefined
    if (text === undefined) ctx.error('E-TYPE', `setting "${k}" of ${b.type} "${b.address.name}": expected a string, got ${KIND_WORD[x.kind]}`, x.span)
    else out.push(`SET ${quoteIdent(k)} = ${configValue(k, text)}`)
  }
  return out
}

/** `lang = PLpgSQL | SQL | "plpython3u"`: the language name (lower case, as PostgreSQL folds it). */
const language = (ctx: LowerContext, b: BlockView): string | undefined => readString(ctx, b, 'lang', true)?.toLowerCase()

/** The body: a string is dollar-quoted, `sql("…")` is a SQL-standard body. */
const body = (ctx: LowerContext, b: BlockView): string | undefined => {
  const v = b.attr('as')
  if (v === undefined) return required(ctx, b, 'as', undefined)
  if (v.kind === 'sql') return v.text
  if (v.kind === 'string') return `AS ${dollarQuote(v.value)}`
  ctx.error('E-TYPE', `attribute "as" of ${b.type} "${b.address.name}": expected the body as a string or sql("…"), got ${KIND_WORD[v.kind]}`, v.span)
  return undefined
}

const ROUTINE = ['schema', 'lang', 'as', 'security', 'config', 'comment', 'owner'] as const
const FUNCTION_ONLY = ['return', 'volatility', 'strict', 'leakproof', 'parallel', 'cost', 'rows'] as const

const routine = (kind: 'FUNCTION' | 'PROCEDURE'): BlockLowerer => (b, ctx) => {
  const fn = kind === 'FUNCTION'
  ctx.allow(b, fn ? [...ROUTINE, ...FUNCTION_ONLY] : ROUTINE, ['arg'])
  const name = sqlName(b.address)
  const args = b.blocks('arg').map((a) => arg(ctx, a))
  const lang = language(ctx, b)
  const code = body(ctx, b)
  if (lang === undefined && b.attr('as')?.kind !== 'sql') required(ctx, b, 'lang', undefined)
  const r = fn ? b.attr('return') : undefined
  const returns = r === undefined || r.kind === 'null' ? undefined : typeText(ctx, r, `attribute "return" of function "${b.address.name}"`)
  const volatility = fn ? readKeyword(ctx, b, 'volatility', ['IMMUTABLE', 'STABLE', 'VOLATILE'] as const) : undefined
  const security = readKeyword(ctx, b, 'security', ['DEFINER', 'INVOKER'] as const)
  const parallel = fn ? readKeyword(ctx, b, 'parallel', ['SAFE', 'RESTRICTED', 'UNSAFE'] as const) : undefined
  const strict = fn && readBool(ctx, b, 'strict') === true
  const leakproof = fn && readBool(ctx, b, 'leakproof') === true
  const cost = fn ? readNumber(ctx, b, 'cost') : undefined
  const rows = fn ? readNumber(ctx, b, 'rows') : undefined
  const settings = config(ctx, b)
  if (code === undefined || args.some((a) => a === undefined)) return
  const all = args.filter((a): a is Arg => a !== undefined)
  const table = all.filter((a) => a.mode === 'TABLE')
  const params = all.filter((a) => a.mode !== 'TABLE')
  ctx.sql(
    'functions',
    [
      `CREATE ${kind} ${name}(${params.map((a) => a.sql).join(', ')})`,
      ...(table.length ? [`RETURNS TABLE (${table.map((a) => a.sql).join(', ')})`] : returns !== undefined ? [`RETURNS ${returns}`] : []),
      ...(lang !== undefined ? [`LANGUAGE ${quoteIdent(lang)}`] : []),
      ...(volatility !== undefined ? [volatility] : []),
      ...(strict ? ['STRICT'] : []),
      ...(security !== undefined ? [`SECURITY ${security}`] : []),
      ...(leakproof ? ['LEAKPROOF'] : []),
      ...(parallel !== undefined ? [`PARALLEL ${parallel}`] : []),
      ...(cost !== undefined ? [`COST ${cost}`] : []),
      ...(rows !== undefined ? [`ROWS ${rows}`] : []),
      ...settings,
      code,
    ].join('\n'),
    b.nameSpan,
  )
  // the signature PostgreSQL identifies the routine by: its input argument types
  const signature = `${name}(${params.filter((a) => a.mode !== 'OUT').map((a) => a.type).join(', ')})`
  queueComment(ctx, b, `${kind} ${signature}`)
  queueOwner(ctx, b, kind, signature)
}

export const ROUTINE_LOWERERS: Readonly<Record<string, BlockLowerer>> = {
  function: routine('FUNCTION'),
  procedure: routine('PROCEDURE'),
  trigger: lowerTopLevelTrigger,
}
