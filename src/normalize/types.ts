/**
 * Type canonicalisation: a TypeName AST → the text `format_type(oid, typmod)` prints with an empty
 * search_path. Built-in types by their SQL name, every other type schema-qualified.
 */
import type { Node, TypeName } from '@pgsql/types'
import { qualified, quoteIdent } from '../ir/names.js'

/** How the caller resolves names that are not built-in types. */
export interface TypeResolver {
  /** qualified text of a user type (enum, domain, composite, relation row type) or undefined */
  readonly userType: (schema: string | undefined, name: string) => string | undefined
  /** schema of an installed extension, if any */
  readonly extensionSchema: (extension: string) => string | undefined
}

export interface CanonicalType {
  readonly text: string
  /** set when the type could not be resolved */
  readonly unknown?: true
}

/** pg_catalog internal names → format_type names (no typmod). */
const ALIASES = {
  int4: 'integer',
  int: 'integer',
  integer: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  float4: 'real',
  real: 'real',
  float8: 'double precision',
  float: 'double precision',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  varbit: 'bit varying',
  decimal: 'numeric',
  char: '"char"',
} as const satisfies Record<string, string>

/** Other pg_catalog types, printed by their own name. */
const BUILTIN: ReadonlySet<string> = new Set([
  'text', 'bytea', 'uuid', 'json', 'jsonb', 'jsonpath', 'date', 'inet', 'cidr', 'macaddr', 'macaddr8', 'money',
  'xml', 'tsvector', 'tsquery', 'gtsvector', 'oid', 'regclass', 'regtype', 'regproc', 'regprocedure', 'regoper',
  'regoperator', 'regconfig', 'regdictionary', 'regnamespace', 'regrole', 'regcollation', 'point', 'line', 'lseg',
  'box', 'path', 'polygon', 'circle', 'int4range', 'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange',
  'int4multirange', 'int8multirange', 'nummultirange', 'tsmultirange', 'tstzmultirange', 'datemultirange',
  'name', 'xid', 'xid8', 'cid', 'tid', 'pg_lsn', 'txid_snapshot', 'pg_snapshot', 'record', 'void', 'trigger',
  'event_trigger', 'anyelement', 'anyarray', 'anynonarray', 'anyenum', 'anyrange', 'anymultirange',
  'anycompatible', 'anycompatiblearray', 'anycompatiblenonarray', 'anycompatiblerange',
  'anycompatiblemultirange', 'cstring', 'internal', 'language_handler', 'fdw_handler', 'index_am_handler',
  'tsm_handler', 'table_am_handler', 'refcursor', 'aclitem', 'int2vector', 'oidvector', 'unknown', 'numeric',
  'interval', 'bit', 'pg_node_tree', 'pg_ddl_command', 'regnamespace',
])

/** Types of common extensions → the extension that provides them. */
const EXTENSION_TYPES = {
  citext: 'citext',
  hstore: 'hstore',
  ltree: 'ltree',
  lquery: 'ltree',
  ltxtquery: 'ltree',
  vector: 'vector',
  halfvec: 'vector',
  sparsevec: 'vector',
  geometry: 'postgis',
  geography: 'postgis',
  box2d: 'postgis',
  box3d: 'postgis',
  raster: 'postgis_raster',
  cube: 'cube',
  earth: 'earthdistance',
  seg: 'seg',
  isbn: 'isn',
  isbn13: 'isn',
  ean13: 'isn',
  issn: 'isn',
  ismn: 'isn',
  upc: 'isn',
} as const satisfies Record<string, string>

const INTERVAL_FIELDS: ReadonlyMap<number, string> = new Map([
  [4, 'year'],
  [2, 'month'],
  [8, 'day'],
  [1024, 'hour'],
  [2048, 'minute'],
  [4096, 'second'],
  [6, 'year to month'],
  [1032, 'day to hour'],
  [3080, 'day to minute'],
  [7176, 'day to second'],
  [3072, 'hour to minute'],
  [7168, 'hour to second'],
  [6144, 'minute to second'],
])
const INTERVAL_FULL_RANGE = 0x7fff

const strings = (names: ReadonlyArray<Node> | undefined): string[] =>
  (names ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []))

/** The value of a typmod constant: integers as numbers, anything else as text. */
const modValue = (n: Node): string => {
  if ('A_Const' in n) {
    const c = n.A_Const
    if (c.ival !== undefined) return String(c.ival.ival ?? 0)
    if (c.sval !== undefined) return c.sval.sval ?? ''
    if (c.fval !== undefined) return c.fval.fval ?? ''
  }
  if ('ColumnRef' in n) return strings(n.ColumnRef.fields).join('.')
  return ''
}

const withMods = (base: string, mods: ReadonlyArray<string>): string => (mods.length ? `${base}(${mods.join(',')})` : base)

/** Builtin type text with typmods, as format_type prints it. */
const builtinText = (canon: string, mods: ReadonlyArray<string>): string => {
  switch (canon) {
    case 'timestamp without time zone':
    case 'timestamp with time zone':
    case 'time without time zone':
    case 'time with time zone': {
      if (!mods.length) return canon
      const [head, ...rest] = canon.split(' ')
      return `${head}(${mods[0]}) ${rest.join(' ')}`
    }
    case 'numeric':
      return mods.length === 1 ? `numeric(${mods[0]},0)` : withMods(canon, mods)
    case 'interval': {
      const fields = mods.length ? Number(mods[0]) : INTERVAL_FULL_RANGE
      const precision = mods.length > 1 ? `(${mods[1]})` : ''
      const f = fields === INTERVAL_FULL_RANGE ? '' : INTERVAL_FIELDS.get(fields)
      return f ? `interval ${f}${precision}` : `interval${precision}`
    }
    case '"char"':
      return canon
    case 'character':
      // `char` is spelled bpchar(1) by the grammar; a bare `bpchar` has no length
      return mods.length ? withMods(canon, mods) : 'bpchar'
    default:
      return withMods(canon, mods)
  }
}

const builtinName = (name: string): string | undefined =>
  Object.hasOwn(ALIASES, name) ? ALIASES[name as keyof typeof ALIASES] : BUILTIN.has(name) ? name : undefined

/** Canonical text of a type name. `serial` types are the interpreter's business (they are not types). */
export const canonicalType = (tn: TypeName, resolver: TypeResolver): CanonicalType => {
  const names = strings(tn.names)
  const mods = (tn.typmods ?? []).map(modValue)
  const array = tn.arrayBounds && tn.arrayBounds.length > 0 ? '[]' : ''
  const name = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[names.length - 2] : undefined
  // the grammar spells `char`/`character` as pg_catalog.bpchar, the quoted "char" type as bare `char`
  if (schema === 'pg_catalog' || schema === undefined) {
    // pg_catalog is searched first, so a built-in name always wins over a user type
    const builtin = builtinName(name)
    if (builtin !== undefined) return { text: builtinText(builtin, mods) + array }
  }
  const user = resolver.userType(schema, name)
  if (user !== undefined) return { text: withMods(user, mods) + array }
  if (Object.hasOwn(EXTENSION_TYPES, name)) {
    const ext = resolver.extensionSchema(EXTENSION_TYPES[name as keyof typeof EXTENSION_TYPES])
    if (ext !== undefined && (schema === undefined || schema === ext)) return { text: withMods(qualified(ext, name), mods) + array }
  }
  const text = schema !== undefined ? qualified(schema, name) : quoteIdent(name)
  return { text: withMods(text, mods) + array, unknown: true }
}

/** Serial pseudo-types → the integer type of the column and its sequence. */
export const SERIAL_TYPES: Readonly<Record<string, 'integer' | 'bigint' | 'smallint'>> = {
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallserial: 'smallint',
  serial2: 'smallint',
}

/** If `tn` is a serial pseudo-type (unqualified or pg_catalog, no array), its integer type. */
export const serialType = (tn: TypeName): 'integer' | 'bigint' | 'smallint' | undefined => {
  const names = strings(tn.names)
  if (tn.arrayBounds?.length || names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) return undefined
  const n = names[names.length - 1] ?? ''
  return Object.hasOwn(SERIAL_TYPES, n) ? SERIAL_TYPES[n] : undefined
}
