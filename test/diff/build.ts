/** Small constructors for hand-built catalogs in tests. */
import { catalog, freshCatalog, type PgVersion } from '../../src/ir/catalog.js'
import type { Column, Constraint, DbObject, Enum, Function as Routine, Index, Sequence, Table, Trigger, View } from '../../src/ir/objects.js'

export const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, notNull: false, ...extra })

export const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  kind: 'Table',
  schema: 'public',
  name,
  owner: 'postgres',
  persistence: 'permanent',
  columns,
  constraints: [],
  ...extra,
})

export const pk = (name: string, columns: string[]): Constraint => ({ kind: 'PrimaryKey', name, columns, deferrable: false, initiallyDeferred: false })

export const fk = (name: string, columns: string[], refTable: string, refColumns: string[], schema = 'public'): Constraint => ({
  kind: 'ForeignKey',
  name,
  columns,
  references: { schema, name: refTable },
  referencedColumns: refColumns,
  onDelete: 'no action',
  onUpdate: 'no action',
  match: 'simple',
  notValid: false,
  deferrable: false,
  initiallyDeferred: false,
})

export const check = (name: string, expression: string): Constraint => ({
  kind: 'Check',
  name,
  expression,
  notValid: false,
  noInherit: false,
  deferrable: false,
  initiallyDeferred: false,
})

export const enumType = (name: string, values: string[], schema = 'public'): Enum => ({ kind: 'Enum', schema, name, owner: 'postgres', values })

export const view = (name: string, query: string, columns: string[], extra: Partial<View> = {}): View => ({
  kind: 'View',
  schema: 'public',
  name,
  owner: 'postgres',
  query,
  columns,
  ...extra,
})

export const index = (name: string, tableName: string, columns: string[], extra: Partial<Index> = {}): Index => ({
  kind: 'Index',
  schema: 'public',
  name,
  table: tableName,
  unique: false,
  method: 'btree',
  keys: columns.map((expression) => ({ expression, descending: false, nullsFirst: false })),
  include: [],
  nullsNotDistinct: false,
  ...extra,
})

export const sequence = (name: string, extra: Partial<Sequence> = {}): Sequence => ({
  kind: 'Sequence',
  schema: 'public',
  name,
  owner: 'postgres',
  dataType: 'bigint',
  start: '1',
  increment: '1',
  minValue: '1',
  maxValue: '9223372036854775807',
  cache: '1',
  cycle: false,
  persistence: 'permanent',
  ...extra,
})

export const fn = (name: string, body: string, extra: Partial<Routine> = {}): Routine => ({
  kind: 'Function',
  schema: 'public',
  name,
  owner: 'postgres',
  routine: 'function',
  args: [],
  returns: 'trigger',
  language: 'plpgsql',
  body,
  volatility: 'volatile',
  strict: false,
  securityDefiner: false,
  leakproof: false,
  parallel: 'unsafe',
  config: [],
  ...extra,
})

export const trigger = (name: string, tableName: string, fnName: string, extra: Partial<Trigger> = {}): Trigger => ({
  kind: 'Trigger',
  schema: 'public',
  table: tableName,
  name,
  timing: 'before',
  events: ['insert'],
  columns: [],
  forEach: 'row',
  function: { schema: 'public', name: fnName },
  arguments: [],
  constraint: false,
  deferrable: false,
  initiallyDeferred: false,
  enabled: 'origin',
  ...extra,
})

/** A fresh database plus these objects. */
export const db = (objects: DbObject[], v: PgVersion = 16) => catalog(v, [...freshCatalog(v).objects.values(), ...objects])
