/**
 * SQL fragments shared by the object lowerers: names, owners, comments, defaults, column lists,
 * collations, storage parameters, deferral. Every identifier goes through quoteIdent/qualified and
 * every literal through quoteLiteral; expressions are inserted as the SQL text the user wrote.
 */
import { qualified, quoteIdent, quoteLiteral } from '../../../ir/names.js'
import { KIND_WORD, type BlockAddress, type Value } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool, readNumber, readString, refOf, sqlText, typeText } from './read.js'

/** An object's SQL name: schema-qualified when its block says `schema = …`. */
export const sqlName = (a: BlockAddress): string => (a.schema !== undefined ? qualified(a.schema, a.name) : quoteIdent(a.name))

/** `owner = role.x | user.x | ref("role.x") | "name"`: the role's name. */
export const readOwner = (ctx: LowerContext, b: BlockView): string | undefined => {
  const v = b.attr('owner')
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'ref' && (v.target.type === 'role' || v.target.type === 'user')) return v.target.name
  if (v.kind === 'string' && v.value !== '') return v.value
  ctx.error('E-TYPE', `attribute "owner" of ${b.type} "${b.address.name}": expected a reference to a role or user, or a role name, got ${v.kind === 'ref' ? `a reference to ${v.target.type}` : KIND_WORD[v.kind]}`, v.span)
  return undefined
}

/** `ALTER <what> <target> OWNER TO …` in 'attached', unless the owner is the migration role (or `always`). */
export const queueOwner = (ctx: LowerContext, b: BlockView, what: string, target: string, always = false): void => {
  const owner = readOwner(ctx, b)
  if (owner !== undefined && (always || owner !== ctx.role)) ctx.sql('attached', `ALTER ${what} ${target} OWNER TO ${quoteIdent(owner)}`, b.attrSpan('owner') ?? b.span)
}

/** `COMMENT ON <what> IS '…'` in 'attached' for a `comment` attribute; an empty comment is no comment (as in PostgreSQL). */
export const queueComment = (ctx: LowerContext, b: BlockView, what: string): void => {
  const text = readString(ctx, b, 'comment')
  if (text !== undefined && text !== '') ctx.sql('attached', `COMMENT ON ${what} IS ${quoteLiteral(text)}`, b.attrSpan('comment') ?? b.span)
}

/**
 * A default: `sql("…")` as is, a number or bool as its literal, a string as a quoted literal
 * (`default = "x"` means `'x'`).
 */
export const defaultText = (ctx: LowerContext, v: Value, what: string): string | undefined =>
  v.kind === 'string' ? quoteLiteral(v.value) : sqlText(ctx, v, what)

/** An attribute read as SQL text (expressions, queries, bodies), undefined when absent. */
export const readSql = (ctx: LowerContext, b: BlockView, name: string): string | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  return sqlText(ctx, v, `attribute "${name}" of ${b.type} "${b.address.name}"`)
}

/** A required attribute: reports E-MISSING-ATTRIBUTE when absent. */
export const required = <T>(ctx: LowerContext, b: BlockView, name: string, value: T | undefined): T | undefined => {
  if (value === undefined && b.attr(name) === undefined) ctx.error('E-MISSING-ATTRIBUTE', `${b.type} "${b.address.name}" needs the attribute "${name}"`, b.span)
  return value
}

/** The referenced columns of a list attribute (`[column.a, table.t.column.b]`), undefined on error. */
export const readColumnRefs = (ctx: LowerContext, b: BlockView, name: string): ReadonlyArray<BlockAddress> | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind !== 'list') {
    ctx.error('E-TYPE', `attribute "${name}" of ${b.type} "${b.address.name}": expected a list of column references, got ${KIND_WORD[v.kind]}`, v.span)
    return undefined
  }
  const out = v.items.map((i) => refOf(ctx, i, `attribute "${name}" of ${b.type} "${b.address.name}"`, ['column']))
  return out.every((a): a is BlockAddress => a !== undefined) ? out : undefined
}

/** `(a, "B")` from column references; undefined when absent or wrong. */
export const columnList = (ctx: LowerContext, b: BlockView, name: string): string | undefined => {
  const cols = readColumnRefs(ctx, b, name)
  return cols === undefined ? undefined : `(${cols.map((c) => quoteIdent(c.name)).join(', ')})`
}

/**
 * A collation or operator class: a string is one name (`"C"`, `"text_pattern_ops"`), quoted as
 * needed; `sql("…")` is SQL text as is (`sql("public.\"MyColl\"")`).
 */
export const readSqlName = (ctx: LowerContext, b: BlockView, name: string): string | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'string') return quoteIdent(v.value)
  if (v.kind === 'sql') return v.text
  ctx.error('E-TYPE', `attribute "${name}" of ${b.type} "${b.address.name}": expected a name string or sql("…"), got ${KIND_WORD[v.kind]}`, v.span)
  return undefined
}

/** A storage parameter name: `fillfactor`, `toast.autovacuum_enabled`. */
const paramName = (k: string): string => k.split('.').map(quoteIdent).join('.')

/** `storage_params = { fillfactor = 70 }` as ` WITH (fillfactor = 70)`, or '' when absent. */
export const storageParams = (ctx: LowerContext, b: BlockView, name = 'storage_params'): string => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return ''
  if (v.kind !== 'object') {
    ctx.error('E-TYPE', `attribute "${name}" of ${b.type} "${b.address.name}": expected an object, got ${KIND_WORD[v.kind]}`, v.span)
    return ''
  }
  const items: string[] = []
  for (const [k, x] of v.entries) {
    if (x.kind === 'number') items.push(`${paramName(k)} = ${x.text}`)
    else if (x.kind === 'string') items.push(`${paramName(k)} = ${quoteLiteral(x.value)}`)
    else if (x.kind === 'bool') items.push(`${paramName(k)} = ${x.value ? 'true' : 'false'}`)
    else ctx.error('E-TYPE', `storage parameter "${k}": expected a string, number or bool, got ${KIND_WORD[x.kind]}`, x.span)
  }
  return items.length ? ` WITH (${items.join(', ')})` : ''
}

/** ` DEFERRABLE INITIALLY DEFERRED` from `deferrable` / `initially_deferred`. */
export const deferral = (ctx: LowerContext, b: BlockView): string => {
  const deferrable = readBool(ctx, b, 'deferrable') ?? false
  const deferred = readBool(ctx, b, 'initially_deferred') ?? false
  return `${deferrable || deferred ? ' DEFERRABLE' : ''}${deferred ? ' INITIALLY DEFERRED' : ''}`
}

/** A keyword value written as SQL: `SET_NULL` → `SET NULL`, `BY_DEFAULT` → `BY DEFAULT`. */
export const sqlWords = (k: string): string => k.replace(/_/g, ' ')

/** A `type` attribute as SQL type text (required). */
export const readType = (ctx: LowerContext, b: BlockView, name = 'type'): string | undefined => {
  const v = b.attr(name)
  if (v === undefined) return required(ctx, b, name, undefined)
  return typeText(ctx, v, `attribute "${name}" of ${b.type} "${b.address.name}"`)
}

/** A `default` attribute (literal or sql("…")) as SQL text. */
export const readDefault = (ctx: LowerContext, b: BlockView): string | undefined => {
  const v = b.attr('default')
  return v === undefined || v.kind === 'null' ? undefined : defaultText(ctx, v, `attribute "default" of ${b.type} "${b.address.name}"`)
}

/** Sequence parameters of a sequence or identity block: ` START WITH 1 INCREMENT BY 2 …`. */
export const sequenceOptions = (ctx: LowerContext, b: BlockView): string => {
  const clause = (attr: string, words: string): string => {
    const n = readNumber(ctx, b, attr)
    return n === undefined ? '' : ` ${words} ${n}`
  }
  const cycle = readBool(ctx, b, 'cycle')
  return [
    clause('start', 'START WITH'),
    clause('increment', 'INCREMENT BY'),
    clause('min_value', 'MINVALUE'),
    clause('max_value', 'MAXVALUE'),
    clause('cache', 'CACHE'),
    cycle === undefined ? '' : cycle ? ' CYCLE' : ' NO CYCLE',
  ].join('')
}
