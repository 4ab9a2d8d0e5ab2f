/**
 * Identifier quoting and object identities.
 *
 * An identity is a stable string: the object kind, then its qualified name with every part
 * double-quoted (so dots, spaces and quotes inside names cannot collide), then, for routines,
 * the canonical argument types. Two catalogs are matched by identity, never by position or OID.
 */

/** Always-quoted form, used inside identities. */
export const quoteAlways = (name: string): string => `"${name.replace(/"/g, '""')}"`

const SAFE = /^[a-z_][a-z0-9_]*$/

/** Keywords that cannot be used as bare column or table names (reserved + type/func-name categories). */
import { RESERVED_KEYWORDS } from './keywords.js'

/** Quote an identifier exactly when PostgreSQL needs it (quote_ident semantics). */
export const quoteIdent = (name: string): string =>
  SAFE.test(name) && !RESERVED_KEYWORDS.has(name) ? name : quoteAlways(name)

/**
 * A dotted object reference (collation, operator class) in SQL form: each part quoted as needed,
 * joined by `.`, a leading `pg_catalog` left out (`"C"`, `"en_US.utf8"`, `public."MyColl"`).
 */
export const sqlPath = (parts: ReadonlyArray<string>): string =>
  (parts.length > 1 && parts[0] === 'pg_catalog' ? parts.slice(1) : parts).map(quoteIdent).join('.')

export const qualified = (schema: string, name: string): string => `${quoteIdent(schema)}.${quoteIdent(name)}`

/** Quote a string literal; uses E'' form only when a backslash is present. */
export const quoteLiteral = (value: string): string =>
  value.includes('\\')
    ? `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
    : `'${value.replace(/'/g, "''")}'`

export type ObjectKind =
  | 'Schema'
  | 'Extension'
  | 'Table'
  | 'View'
  | 'MaterializedView'
  | 'Index'
  | 'Sequence'
  | 'Enum'
  | 'Domain'
  | 'CompositeType'
  | 'Function'
  | 'Trigger'
  | 'Role'
  | 'Membership'
  | 'DefaultAcl'
  | 'Policy'
  | 'Database'

const PREFIX: Readonly<Record<ObjectKind, string>> = {
  Schema: 'schema',
  Extension: 'extension',
  Table: 'table',
  View: 'view',
  MaterializedView: 'matview',
  Index: 'index',
  Sequence: 'sequence',
  Enum: 'type',
  Domain: 'type',
  CompositeType: 'type',
  Function: 'function',
  Trigger: 'trigger',
  Role: 'role',
  Membership: 'membership',
  DefaultAcl: 'default-acl',
  Policy: 'policy',
  Database: 'database',
}

/** Identity of an object from its kind and name parts (schema, name[, sub-name]). */
export const identity = (kind: ObjectKind, parts: ReadonlyArray<string>, signature?: ReadonlyArray<string>): string =>
  `${PREFIX[kind]}:${parts.map(quoteAlways).join('.')}${signature ? `(${signature.join(',')})` : ''}`

/** Relations (tables, views, materialized views, sequences, indexes, composite types) share one namespace. */
export const relationKey = (schema: string, name: string): string => `${quoteAlways(schema)}.${quoteAlways(name)}`

/**
 * Dollar-quote a body with a tag that first occurs as the closing tag: not inside the body, and not
 * straddling its end (a body ending in `cost$` would close `$$` one character early).
 */
export const dollarQuote = (body: string): string => {
  const fits = (t: string): boolean => `${body}${t}`.indexOf(t) === body.length
  const tags = ['$$', '$_$', '$pg$', '$body$']
  for (const t of tags) if (fits(t)) return `${t}${body}${t}`
  for (let i = 0; ; i++) {
    const t = `$q${i}$`
    if (fits(t)) return `${t}${body}${t}`
  }
}
