/** Lowerers for schema, extension, enum, domain, composite and sequence blocks. */
import { quoteIdent, quoteLiteral } from '../../../ir/names.js'
import { KIND_WORD } from '../eval/value.js'
import type { BlockLowerer, BlockView, LowerContext } from './context.js'
import { readBool, readList, readRef, readString, typeText } from './read.js'
import { queueComment, queueOwner, readDefault, readSql, readSqlName, readType, required, sequenceOptions, sqlName } from './sql-common.js'

/** `comment = ""`: clears the comment an object has before the schema is applied. */
const isEmptyComment = (b: BlockView): boolean => {
  const c = b.attr('comment')
  return c?.kind === 'string' && c.value === ''
}

/** Schemas and extensions every database has: declaring them describes, not creates, them. */
const PREINSTALLED_SCHEMAS: ReadonlyArray<string> = ['public'] as const
const PREINSTALLED_EXTENSIONS: ReadonlyArray<string> = ['plpgsql'] as const

/**
 * `schema "s"`. Schema public exists already: it is described, not created. Its comment is declared
 * like any other (absent or `""` = none: seed 003 writes `comment = "standard public schema"` to
 * keep it); an absent `owner` keeps the fresh database's (pg_database_owner), which is not the
 * migration role.
 */
const schema: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['comment', 'owner'], [])
  const name = quoteIdent(b.address.name)
  const pre = PREINSTALLED_SCHEMAS.includes(b.address.name)
  ctx.sql('schemas', `CREATE SCHEMA ${pre ? 'IF NOT EXISTS ' : ''}${name}`, b.nameSpan)
  if (pre && (b.attr('comment') === undefined || isEmptyComment(b))) ctx.sql('attached', `COMMENT ON SCHEMA ${name} IS NULL`, b.attrSpan('comment') ?? b.span)
  else queueComment(ctx, b, `SCHEMA ${name}`)
  // public's owner is not the migration role (pg_database_owner since 15): an explicit owner always applies
  queueOwner(ctx, b, 'SCHEMA', name, pre)
}

/** The schema an extension goes to: a reference to a schema block or a name string. */
const extensionSchema = (ctx: LowerContext, b: BlockView): string | undefined => {
  const v = b.attr('schema')
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'ref' && v.target.type === 'schema') return v.target.name
  if (v.kind === 'string') return v.value
  ctx.error('E-TYPE', `attribute "schema" of extension "${b.address.name}": expected a reference to a schema or a schema name, got ${KIND_WORD[v.kind]}`, v.span)
  return undefined
}

/** `extension "x"`. An absent comment is the control file's (what CREATE EXTENSION gives); `""` clears it. */
const extension: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'version', 'comment'], [])
  const name = quoteIdent(b.address.name)
  const s = extensionSchema(ctx, b)
  const version = readString(ctx, b, 'version')
  const pre = PREINSTALLED_EXTENSIONS.includes(b.address.name)
  ctx.sql(
    'schemas',
    `CREATE EXTENSION ${pre ? 'IF NOT EXISTS ' : ''}${name}${s !== undefined ? ` SCHEMA ${quoteIdent(s)}` : ''}${version !== undefined ? ` VERSION ${quoteLiteral(version)}` : ''}`,
    b.nameSpan,
  )
  if (isEmptyComment(b)) ctx.sql('attached', `COMMENT ON EXTENSION ${name} IS NULL`, b.attrSpan('comment') ?? b.span)
  else queueComment(ctx, b, `EXTENSION ${name}`)
}

const enumType: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'values', 'comment', 'owner'], [])
  const items = required(ctx, b, 'values', readList(ctx, b, 'values')) ?? []
  const values: string[] = []
  for (const v of items) {
    if (v.kind === 'string') values.push(quoteLiteral(v.value))
    else ctx.error('E-TYPE', `attribute "values" of enum "${b.address.name}": expected a list of strings, got ${KIND_WORD[v.kind]}`, v.span)
  }
  const name = sqlName(b.address)
  ctx.sql('types', `CREATE TYPE ${name} AS ENUM (${values.join(', ')})`, b.nameSpan)
  queueComment(ctx, b, `TYPE ${name}`)
  queueOwner(ctx, b, 'TYPE', name)
}

const domain: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'type', 'null', 'default', 'collate', 'comment', 'owner'], ['check'])
  const name = sqlName(b.address)
  const type = readType(ctx, b) ?? 'text'
  const collate = readSqlName(ctx, b, 'collate')
  const dflt = readDefault(ctx, b)
  const nullable = readBool(ctx, b, 'null') ?? true
  const valid: string[] = []
  const notValid: Array<{ def: string; b: BlockView }> = []
  for (const c of b.blocks('check')) {
    ctx.allow(c, ['expr', 'not_valid', 'comment'], [])
    const expr = required(ctx, c, 'expr', readSql(ctx, c, 'expr'))
    const def = `CONSTRAINT ${quoteIdent(c.address.name)} CHECK (${expr ?? ''})`
    // CREATE DOMAIN cannot say NOT VALID: such checks are added after it
    if (expr !== undefined) (readBool(ctx, c, 'not_valid') === true ? notValid.push({ def, b: c }) : valid.push(` ${def}`))
    queueComment(ctx, c, `CONSTRAINT ${quoteIdent(c.address.name)} ON DOMAIN ${name}`)
  }
  ctx.sql(
    'types',
    `CREATE DOMAIN ${name} AS ${type}${collate !== undefined ? ` COLLATE ${collate}` : ''}${dflt !== undefined ? ` DEFAULT ${dflt}` : ''}${nullable ? '' : ' NOT NULL'}${valid.join('')}`,
    b.nameSpan,
  )
  for (const k of notValid) ctx.sql('types', `ALTER DOMAIN ${name} ADD ${k.def} NOT VALID`, k.b.span)
  queueComment(ctx, b, `DOMAIN ${name}`)
  queueOwner(ctx, b, 'DOMAIN', name)
}

const composite: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'comment', 'owner'], ['field'])
  const name = sqlName(b.address)
  const fields: string[] = []
  for (const f of b.blocks('field')) {
    ctx.allow(f, ['type', 'collate', 'comment'], [])
    const type = readType(ctx, f)
    const collate = readSqlName(ctx, f, 'collate')
    if (type !== undefined) fields.push(`${quoteIdent(f.address.name)} ${type}${collate !== undefined ? ` COLLATE ${collate}` : ''}`)
    queueComment(ctx, f, `COLUMN ${name}.${quoteIdent(f.address.name)}`)
  }
  ctx.sql('types', `CREATE TYPE ${name} AS (${fields.join(', ')})`, b.nameSpan)
  queueComment(ctx, b, `TYPE ${name}`)
  queueOwner(ctx, b, 'TYPE', name)
}

const sequence: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'type', 'start', 'increment', 'min_value', 'max_value', 'cache', 'cycle', 'unlogged', 'owned_by', 'comment', 'owner'], [])
  const name = sqlName(b.address)
  const t = b.attr('type')
  const type = t === undefined || t.kind === 'null' ? undefined : typeText(ctx, t, `attribute "type" of sequence "${b.address.name}"`)
  const unlogged = readBool(ctx, b, 'unlogged') ?? false
  ctx.sql('sequences', `CREATE ${unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${name}${type !== undefined ? ` AS ${type}` : ''}${sequenceOptions(ctx, b)}`, b.nameSpan)
  const owned = readRef(ctx, b, 'owned_by', ['column'])
  if (owned !== undefined) {
    if (owned.parent === undefined) ctx.error('E-TYPE', `attribute "owned_by" of sequence "${b.address.name}": expected a column of a table (table.t.column.c)`, b.attrSpan('owned_by') ?? b.span)
    // the table exists after 'tables'
    else ctx.sql('constraints', `ALTER SEQUENCE ${name} OWNED BY ${sqlName(owned.parent)}.${quoteIdent(owned.name)}`, b.attrSpan('owned_by') ?? b.span)
  }
  queueComment(ctx, b, `SEQUENCE ${name}`)
  queueOwner(ctx, b, 'SEQUENCE', name)
}

export const OBJECT_LOWERERS: Readonly<Record<string, BlockLowerer>> = {
  schema,
  extension,
  enum: enumType,
  domain,
  composite,
  sequence,
}
