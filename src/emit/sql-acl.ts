/**
 * GRANT / REVOKE on objects, as SQL. One statement per change (the diff already groups privileges
 * by object, grantee and grant option); a change that must be recorded under another grantor runs
 * between `SET ROLE grantor` and `RESET ROLE`. Privileges on the database go through the
 * current-database idiom (sql-database.ts).
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { Change, Target } from '../ir/change.js'
import { qualified, quoteIdent } from '../ir/names.js'
import type { Privilege } from '../ir/objects.js'
import { PRIVILEGE_ORDER } from '../normalize/acl.js'
import { onCurrentDatabase } from './sql-database.js'

type GrantChange = Extract<Change, { kind: 'Grant' }>
type RevokeChange = Extract<Change, { kind: 'Revoke' }>

/** A role name as GRANT, policies and memberships take it: the PUBLIC pseudo-role is a keyword. */
export const roleSql = (r: string): string => (r === 'PUBLIC' ? 'PUBLIC' : quoteIdent(r))

/** A name inside a `--` comment (line breaks and control characters escaped). */
export const commentName = (name: string): string =>
  `"${name.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`

/** Privileges in the canonical order, as GRANT spells them. */
export const privilegeList = (ps: ReadonlyArray<Privilege>): string =>
  PRIVILEGE_ORDER.filter((p) => ps.includes(p)).join(', ')

/** The object clause of GRANT / REVOKE (`TABLE s.t`, `FUNCTION s.f(integer)`, …); undefined for the database. */
const grantObject = (t: Target): string | undefined => {
  switch (t.on) {
    case 'Table':
    case 'View':
    case 'MaterializedView':
      return `TABLE ${qualified(t.schema, t.name)}`
    case 'Column':
      return `TABLE ${qualified(t.schema, t.parent ?? '')}`
    case 'Sequence':
      return `SEQUENCE ${qualified(t.schema, t.name)}`
    case 'Function':
    case 'Procedure':
      return `${t.on.toUpperCase()} ${qualified(t.schema, t.name)}(${(t.args ?? []).join(', ')})`
    case 'Schema':
      return `SCHEMA ${quoteIdent(t.name)}`
    case 'Enum':
    case 'CompositeType':
      return `TYPE ${qualified(t.schema, t.name)}`
    case 'Domain':
      return `DOMAIN ${qualified(t.schema, t.name)}`
    case 'Database':
      return undefined
    case 'Extension':
    case 'Index':
    case 'Trigger':
    case 'Constraint':
    case 'DomainConstraint':
    case 'Role':
    case 'Policy':
      throw new Error(`GRANT/REVOKE: ${t.on} has no privileges`)
    default:
      return absurd(t.on)
  }
}

/** `SELECT, UPDATE` or, for column privileges, `SELECT (a, b), UPDATE (a, b)`. */
const privilegeClause = (ps: ReadonlyArray<Privilege>, t: Target, columns: ReadonlyArray<string> | undefined): string => {
  const cols = columns ?? (t.on === 'Column' ? [t.name] : undefined)
  if (cols === undefined || cols.length === 0) return privilegeList(ps)
  const list = `(${cols.map(quoteIdent).join(', ')})`
  return PRIVILEGE_ORDER.filter((p) => ps.includes(p))
    .map((p) => `${p} ${list}`)
    .join(', ')
}

/** `head ON <object> tail`, the object being the current database when the target is the database. */
const onTarget = (t: Target, head: string, tail: string): string => {
  const obj = grantObject(t)
  return obj === undefined ? onCurrentDatabase(`${head} ON DATABASE `, tail) : `${head} ON ${obj}${tail}`
}

/**
 * A statement recorded under another grantor runs as that role; when the role has no USAGE on the
 * object's schema, USAGE is lent for the statement (as the schema's owner) and taken back.
 */
const underGrantor = (grantor: string | undefined, stmt: string, lendUsage?: string): string[] => {
  if (grantor === undefined) return [stmt]
  const asGrantor = [`SET ROLE ${quoteIdent(grantor)}`, stmt, 'RESET ROLE']
  if (lendUsage === undefined) return asGrantor
  const schema = quoteIdent(lendUsage)
  return [`GRANT USAGE ON SCHEMA ${schema} TO ${quoteIdent(grantor)}`, ...asGrantor, `REVOKE USAGE ON SCHEMA ${schema} FROM ${quoteIdent(grantor)}`]
}

export const grantStatements = (c: GrantChange): string[] =>
  underGrantor(
    c.grantor,
    onTarget(c.target, `GRANT ${privilegeClause(c.privileges, c.target, c.columns)}`, ` TO ${roleSql(c.grantee)}${c.grantable ? ' WITH GRANT OPTION' : ''}`),
    c.lendUsage,
  )

export const revokeStatements = (c: RevokeChange): string[] =>
  underGrantor(
    c.grantor,
    onTarget(
      c.target,
      `REVOKE ${c.grantOptionOnly ? 'GRANT OPTION FOR ' : ''}${privilegeClause(c.privileges, c.target, c.columns)}`,
      ` FROM ${roleSql(c.grantee)}${c.cascade ? ' CASCADE' : ''}`,
    ),
    c.lendUsage,
  )

/** The word a header uses for the object (`table`, `function`, `procedure`, …). */
const TARGET_WORD: Readonly<Record<Target['on'], string>> = {
  Schema: 'schema',
  Extension: 'extension',
  Table: 'table',
  View: 'view',
  MaterializedView: 'materialized view',
  Index: 'index',
  Sequence: 'sequence',
  Enum: 'type',
  Domain: 'domain',
  CompositeType: 'type',
  Function: 'function',
  Procedure: 'procedure',
  Trigger: 'trigger',
  // column privileges are announced on their table
  Column: 'table',
  Constraint: 'constraint',
  DomainConstraint: 'constraint',
  Database: 'database',
  Role: 'role',
  Policy: 'policy',
} as const

/** `on table "t1"` (`on database` for the current database). */
const onWhat = (t: Target): string =>
  t.on === 'Database' ? 'on database' : `on ${TARGET_WORD[t.on]} ${commentName(t.on === 'Column' ? (t.parent ?? '') : t.name)}`

/** Headers in the reference tool's style: `Grant on table "t1" to "PUBLIC"`. */
export const grantHeader = (c: GrantChange | RevokeChange): string =>
  c.kind === 'Grant' ? `Grant ${onWhat(c.target)} to ${commentName(c.grantee)}` : `Revoke ${onWhat(c.target)} from ${commentName(c.grantee)}`
