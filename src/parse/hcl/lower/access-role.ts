/**
 * `role` and `user` blocks: CREATE ROLE with the attributes given (a user logs in unless it says
 * otherwise), its comment, its settings (`config`), and its memberships (`member_of`). The
 * password never reaches SQL: the IR keeps none, and the apply path sets it from the environment.
 */
import { quoteIdent, quoteLiteral } from '../../../ir/names.js'
import { LIST_QUOTE_SETTINGS } from '../../../ir/settings.js'
import { KIND_WORD, type Value } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool, readList, readNumber, readString } from './read.js'
import { missing, roleOf } from './access-names.js'

/** Boolean attributes: HCL name, SQL keyword when true, when false. */
const FLAGS = [
  ['superuser', 'SUPERUSER', 'NOSUPERUSER'],
  ['create_db', 'CREATEDB', 'NOCREATEDB'],
  ['create_role', 'CREATEROLE', 'NOCREATEROLE'],
  ['login', 'LOGIN', 'NOLOGIN'],
  ['inherit', 'INHERIT', 'NOINHERIT'],
  ['replication', 'REPLICATION', 'NOREPLICATION'],
  ['bypass_rls', 'BYPASSRLS', 'NOBYPASSRLS'],
] as const

const ROLE_ATTRIBUTES = [...FLAGS.map(([k]) => k), 'conn_limit', 'valid_until', 'member_of', 'config', 'comment', 'depends_on', 'for_each'] as const
const ROLE_BLOCKS = ['member_of', 'config'] as const
const MEMBER_OPTIONS = ['admin', 'inherit', 'set'] as const

/** A setting value as SQL: list settings (search_path…) as the server stores them, written as is; anything else a literal. */
const settingSql = (name: string, value: string): string =>
  LIST_QUOTE_SETTINGS.has(name) && value !== '' ? value : quoteLiteral(value)

/** A setting name as SQL (`app.tenant` → `app.tenant`, each part quoted as needed). */
const settingName = (name: string): string => name.split('.').map(quoteIdent).join('.')

const settingValue = (ctx: LowerContext, v: Value, what: string): string | undefined => {
  switch (v.kind) {
    case 'string':
      return v.value
    case 'number':
      return v.text
    case 'bool':
      return v.value ? 'on' : 'off'
    case 'sql':
      return v.text
    case 'null':
    case 'list':
    case 'object':
    case 'ref':
    case 'keyword':
    case 'call':
      ctx.error('E-TYPE', `${what}: expected a string, number or bool, got ${KIND_WORD[v.kind]}`, v.span)
      return undefined
  }
}

/** `config { name = value }` / `config "in_database" { … }` blocks, and the attribute form `config = { … }`. */
const settings = (ctx: LowerContext, b: BlockView, role: string): void => {
  const set = (name: string, v: Value, inDatabase: boolean, span = v.span): void => {
    const value = settingValue(ctx, v, `setting "${name}" of ${b.type} "${role}"`)
    if (value === undefined) return
    const where = inDatabase ? ` IN DATABASE ${quoteIdent('current')}` : ''
    ctx.sql('attached', `ALTER ROLE ${quoteIdent(role)}${where} SET ${settingName(name)} = ${settingSql(name, value)}`, span)
  }
  const attr = b.attr('config')
  if (attr?.kind === 'object') for (const [k, v] of attr.entries) set(k, v, false)
  else if (attr !== undefined && attr.kind !== 'null') ctx.error('E-TYPE', `attribute "config" of ${b.type} "${role}": expected an object, got ${KIND_WORD[attr.kind]}`, attr.span)
  for (const c of b.blocks('config')) {
    ctx.allow(c, c.attributeNames, [])
    const label = c.labels[0]
    if (c.labels.length > 1 || (label !== undefined && label !== 'in_database')) {
      ctx.error('E-TYPE', `config block of ${b.type} "${role}": the only label allowed is "in_database"`, c.nameSpan)
      continue
    }
    for (const n of c.attributeNames) {
      const v = c.attr(n)
      if (v !== undefined) set(n, v, label === 'in_database', c.attrSpan(n) ?? v.span)
    }
  }
}

/** `member_of = [role.a]` and `member_of { role = role.a, admin, inherit, set }` blocks. */
const memberships = (ctx: LowerContext, b: BlockView, member: string): void => {
  const grant = (role: string, options: ReadonlyArray<string>, span: BlockView['span']): void =>
    ctx.sql('attached', `GRANT ${quoteIdent(role)} TO ${quoteIdent(member)}${options.length ? ` WITH ${options.join(', ')}` : ''}`, span)
  for (const v of readList(ctx, b, 'member_of') ?? []) {
    const r = roleOf(ctx, v, `member_of of ${b.type} "${member}"`)
    if (r) grant(r.name, [], v.span)
  }
  for (const m of b.blocks('member_of')) {
    ctx.allow(m, ['role', ...MEMBER_OPTIONS], [])
    const rv = m.attr('role')
    if (rv === undefined) {
      if (missing(m, 'role')) ctx.error('E-MISSING-ATTRIBUTE', `member_of block of ${b.type} "${member}" needs "role"`, m.span)
      continue
    }
    const r = roleOf(ctx, rv, `member_of of ${b.type} "${member}"`)
    const options: string[] = []
    for (const o of MEMBER_OPTIONS) {
      const on = readBool(ctx, m, o)
      if (on === undefined) continue
      // on 15 inheritance is the member's INHERIT attribute and SET does not exist
      if (o !== 'admin' && ctx.pgVersion < 16) {
        if (!on) ctx.warn('W-UNSUPPORTED', `membership option ${o} = false needs PostgreSQL 16 or later; ignored`, m.attrSpan(o) ?? m.span)
        continue
      }
      if (ctx.pgVersion < 16) {
        if (on) options.push('ADMIN OPTION')
      } else options.push(`${o.toUpperCase()} ${on ? 'TRUE' : 'FALSE'}`)
    }
    if (r) grant(r.name, options, m.span)
  }
}

const lowerRole =
  (isUser: boolean) =>
  (b: BlockView, ctx: LowerContext): void => {
    ctx.allow(b, isUser ? [...ROLE_ATTRIBUTES, 'password'] : ROLE_ATTRIBUTES, ROLE_BLOCKS)
    const name = b.address.name
    const words: string[] = []
    for (const [k, on, off] of FLAGS) {
      const v = readBool(ctx, b, k) ?? (isUser && k === 'login' ? true : undefined)
      if (v !== undefined) words.push(v ? on : off)
    }
    const limit = readNumber(ctx, b, 'conn_limit')
    if (limit !== undefined) {
      if (/^-?\d+$/.test(limit)) words.push(`CONNECTION LIMIT ${limit}`)
      else ctx.error('E-TYPE', `attribute "conn_limit" of ${b.type} "${name}": expected an integer`, b.attrSpan('conn_limit') ?? b.span)
    }
    const until = readString(ctx, b, 'valid_until')
    if (until !== undefined) words.push(`VALID UNTIL ${quoteLiteral(until)}`)
    // `password` is allowed on users but never evaluated here: the IR keeps no password, and a
    // getenv() that is only needed when the migration is applied must not fail an offline load
    ctx.sql('roles', `CREATE ROLE ${quoteIdent(name)}${words.length ? ` WITH ${words.join(' ')}` : ''}`, b.span)
    const comment = readString(ctx, b, 'comment')
    if (comment !== undefined) ctx.sql('roles', `COMMENT ON ROLE ${quoteIdent(name)} IS ${quoteLiteral(comment)}`, b.attrSpan('comment') ?? b.span)
    settings(ctx, b, name)
    memberships(ctx, b, name)
  }

export const lowerRoleBlock = lowerRole(false)
export const lowerUserBlock = lowerRole(true)
