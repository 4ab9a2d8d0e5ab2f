/**
 * Roles and memberships as SQL. A password is never printed: the IR has none, and a role is
 * created without one (the apply path sets it from the environment).
 */
import type { Change, RoleAttributes } from '../ir/change.js'
import type { PgVersion } from '../ir/catalog.js'
import { quoteIdent, quoteLiteral } from '../ir/names.js'
import type { Membership, Role, RoleSetting } from '../ir/objects.js'
import { commentName } from './sql-acl.js'
import { configValue } from '../ir/settings.js'
import { onCurrentDatabase } from './sql-database.js'
import { optionName } from './options.js'

type AlterMembershipChange = Extract<Change, { kind: 'AlterMembership' }>

/** Boolean attributes: key, keyword when true, keyword when false, the CREATE ROLE default. */
const FLAGS = [
  ['superuser', 'SUPERUSER', 'NOSUPERUSER', false],
  ['createDb', 'CREATEDB', 'NOCREATEDB', false],
  ['createRole', 'CREATEROLE', 'NOCREATEROLE', false],
  ['inherit', 'INHERIT', 'NOINHERIT', true],
  ['login', 'LOGIN', 'NOLOGIN', false],
  ['replication', 'REPLICATION', 'NOREPLICATION', false],
  ['bypassRls', 'BYPASSRLS', 'NOBYPASSRLS', false],
] as const

/** The attribute keywords for the attributes present in `a`. */
const attributeWords = (a: RoleAttributes): string[] => [
  ...FLAGS.flatMap(([k, on, off]) => (a[k] === undefined ? [] : [a[k] ? on : off])),
  ...(a.connectionLimit !== undefined ? [`CONNECTION LIMIT ${a.connectionLimit}`] : []),
  ...(a.validUntil !== undefined ? [`VALID UNTIL ${quoteLiteral(a.validUntil)}`] : []),
]

/** Only what differs from CREATE ROLE's defaults. */
const createAttributes = (r: Role): RoleAttributes => ({
  ...Object.fromEntries(FLAGS.filter(([k, , , def]) => r[k] !== def).map(([k]) => [k, r[k]])),
  ...(r.connectionLimit !== -1 ? { connectionLimit: r.connectionLimit } : {}),
  ...(r.validUntil !== undefined ? { validUntil: r.validUntil } : {}),
})

export const alterRoleSql = (name: string, a: RoleAttributes): string[] => {
  const words = attributeWords(a)
  return words.length ? [`ALTER ROLE ${quoteIdent(name)} WITH ${words.join(' ')}`] : []
}

/** `ALTER ROLE r [IN DATABASE current] SET name = value` (RESET when `value` is undefined). */
export const roleSettingSql = (role: string, name: string, inDatabase: boolean, value: string | undefined): string => {
  const action = value === undefined ? `RESET ${optionName(name)}` : `SET ${optionName(name)} = ${configValue(name, value)}`
  return inDatabase ? onCurrentDatabase(`ALTER ROLE ${quoteIdent(role)} IN DATABASE `, ` ${action}`) : `ALTER ROLE ${quoteIdent(role)} ${action}`
}

/**
 * CREATE ROLE with its non-default attributes, then its settings (the diff usually sends those as
 * RoleSetting changes instead). The comment is a Comment change of its own, as for every object.
 */
export const createRoleSql = (r: Role): string[] => {
  const words = attributeWords(createAttributes(r))
  return [
    `CREATE ROLE ${quoteIdent(r.name)}${words.length ? ` WITH ${words.join(' ')}` : ''}`,
    ...(r.settings ?? []).map((s: RoleSetting) => roleSettingSql(r.name, s.name, s.inDatabase, s.value)),
  ]
}

const OPTION_WORD = { admin: 'ADMIN', inherit: 'INHERIT', set: 'SET' } as const
type MembershipOption = keyof typeof OPTION_WORD

/** Options GRANT can spell on this version (INHERIT and SET from 16). */
const optionsOn = (v: PgVersion): ReadonlyArray<MembershipOption> => (v >= 16 ? ['admin', 'inherit', 'set'] : ['admin'])

const grantRole = (m: { role: string; member: string }): string => `GRANT ${quoteIdent(m.role)} TO ${quoteIdent(m.member)}`

/**
 * GRANT role TO member. On 16+ INHERIT and SET are always spelled (a plain GRANT's INHERIT
 * follows the member's INHERIT attribute, which is not known here); ADMIN only when given.
 */
export const createMembershipSql = (m: Membership, v: PgVersion): string => {
  if (v < 16) return `${grantRole(m)}${m.admin ? ' WITH ADMIN OPTION' : ''}`
  const opts = [...(m.admin ? ['ADMIN TRUE'] : []), `INHERIT ${m.inherit ? 'TRUE' : 'FALSE'}`, `SET ${m.set ? 'TRUE' : 'FALSE'}`]
  return `${grantRole(m)} WITH ${opts.join(', ')}`
}

export const dropMembershipSql = (m: Membership): string => `REVOKE ${quoteIdent(m.role)} FROM ${quoteIdent(m.member)}`

/**
 * Changed options of an existing membership. On 16+ a GRANT of an existing membership sets exactly
 * the options it names (checked on PostgreSQL 18); on 15 only ADMIN exists, taken back with
 * REVOKE ADMIN OPTION FOR.
 */
export const alterMembershipSql = (c: AlterMembershipChange, v: PgVersion): string[] => {
  const changed = optionsOn(v).filter((k) => c.from[k] !== c.to[k])
  if (!changed.length) return []
  if (v >= 16) return [`${grantRole(c.to)} WITH ${changed.map((k) => `${OPTION_WORD[k]} ${c.to[k] ? 'TRUE' : 'FALSE'}`).join(', ')}`]
  return [c.to.admin ? `${grantRole(c.to)} WITH ADMIN OPTION` : `REVOKE ADMIN OPTION FOR ${quoteIdent(c.to.role)} FROM ${quoteIdent(c.to.member)}`]
}

export const membershipName = (m: Membership): string => `${commentName(m.role)} to ${commentName(m.member)}`
