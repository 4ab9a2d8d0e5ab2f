/** CREATE statements, one function per object kind. Expressions and type refs print as they are. */
import { absurd } from 'fp-ts/lib/function.js'
import { dollarQuote, qualified, quoteIdent, quoteLiteral } from '../ir/names.js'
import { configValue } from '../ir/settings.js'
import { optionList } from './options.js'
import type {
  Column,
  Constraint,
  DbObject,
  Domain,
  Function as Routine,
  Identity,
  Index,
  Sequence,
  Table,
  Trigger,
  View,
} from '../ir/objects.js'

/** A collation reference: stored in SQL form (parts quoted as needed), printed as is. */
export const collation = (c: string): string => c

const idents = (names: ReadonlyArray<string>): string => names.map(quoteIdent).join(', ')

const DEFAULT_BOUNDS: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
} as const

/** Sequence options, printing only what differs from the defaults for the type and direction. */
export const sequenceOptions = (
  s: { start: string; increment: string; minValue: string; maxValue: string; cache: string; cycle: boolean },
  dataType: string,
): string[] => {
  const bounds = DEFAULT_BOUNDS[dataType] ?? DEFAULT_BOUNDS['bigint'] as readonly [string, string]
  const asc = !s.increment.startsWith('-')
  const defMin = asc ? '1' : bounds[0]
  const defMax = asc ? bounds[1] : '-1'
  const defStart = asc ? s.minValue : s.maxValue
  return [
    ...(s.increment !== '1' ? [`INCREMENT BY ${s.increment}`] : []),
    ...(s.minValue !== defMin ? [`MINVALUE ${s.minValue}`] : []),
    ...(s.maxValue !== defMax ? [`MAXVALUE ${s.maxValue}`] : []),
    ...(s.start !== defStart ? [`START WITH ${s.start}`] : []),
    ...(s.cache !== '1' ? [`CACHE ${s.cache}`] : []),
    ...(s.cycle ? ['CYCLE'] : []),
  ]
}

export const identityClause = (table: Table | { schema: string; name: string }, col: Column, id: Identity): string => {
  const opts = [
    ...(id.sequence !== `${table.name}_${col.name}_seq` ? [`SEQUENCE NAME ${qualified(table.schema, id.sequence)}`] : []),
    ...sequenceOptions(id, col.type),
  ]
  return `GENERATED ${id.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`
}

/** A column definition, as in CREATE TABLE or ADD COLUMN. */
export const columnDef = (t: { schema: string; name: string }, c: Column): string =>
  [
    quoteIdent(c.name),
    c.type,
    ...(c.collation !== undefined ? [`COLLATE ${collation(c.collation)}`] : []),
    c.notNull ? 'NOT NULL' : 'NULL',
    ...(c.default !== undefined ? [`DEFAULT ${c.default}`] : []),
    ...(c.identity ? [identityClause(t, c, c.identity)] : []),
    ...(c.generated !== undefined ? [`GENERATED ALWAYS AS (${c.generated}) STORED`] : []),
  ].join(' ')

const deferral = (k: Constraint): string[] => [
  ...(k.deferrable ? ['DEFERRABLE'] : []),
  ...(k.initiallyDeferred ? ['INITIALLY DEFERRED'] : []),
]
const include = (cols: ReadonlyArray<string> | undefined): string[] => (cols && cols.length ? [`INCLUDE (${idents(cols)})`] : [])

/** A table constraint, as in CREATE TABLE or ADD CONSTRAINT. */
export const constraintDef = (k: Constraint): string => {
  const head = `CONSTRAINT ${quoteIdent(k.name)}`
  const body = ((): string[] => {
    switch (k.kind) {
      case 'PrimaryKey':
        return [`PRIMARY KEY (${idents(k.columns)})`, ...include(k.include)]
      case 'Unique':
        return ['UNIQUE', ...(k.nullsNotDistinct ? ['NULLS NOT DISTINCT'] : []), `(${idents(k.columns)})`, ...include(k.include)]
      case 'Check':
        return [`CHECK (${k.expression})`, ...(k.noInherit ? ['NO INHERIT'] : [])]
      case 'ForeignKey':
        return [
          `FOREIGN KEY (${idents(k.columns)}) REFERENCES ${qualified(k.references.schema, k.references.name)}`,
          ...(k.referencedColumns.length ? [`(${idents(k.referencedColumns)})`] : []),
          ...(k.match === 'full' ? ['MATCH FULL'] : []),
          ...(k.onUpdate !== 'no action' ? [`ON UPDATE ${k.onUpdate.toUpperCase()}`] : []),
          ...(k.onDelete !== 'no action' ? [`ON DELETE ${k.onDelete.toUpperCase()}`] : []),
        ]
      case 'Exclusion':
        return [
          `EXCLUDE USING ${k.method} (${k.elements.map((e) => `${e.expression} WITH ${e.operator}`).join(', ')})`,
          ...include(k.include),
          ...(k.where !== undefined ? [`WHERE (${k.where})`] : []),
        ]
      default:
        return absurd(k)
    }
  })()
  const notValid = (k.kind === 'Check' || k.kind === 'ForeignKey') && k.notValid ? ['NOT VALID'] : []
  return [head, ...body, ...deferral(k), ...notValid].join(' ')
}

/** What CREATE TABLE compares to find a repeated PRIMARY KEY / UNIQUE (parse_utilcmd.c, transformIndexConstraints). */
const indexKey = (k: Constraint): string | undefined =>
  k.kind === 'PrimaryKey' || k.kind === 'Unique'
    ? JSON.stringify([k.columns, k.include ?? [], k.kind === 'Unique' && k.nullsNotDistinct, k.deferrable, k.initiallyDeferred])
    : undefined

/**
 * Constraints CREATE TABLE cannot declare, added by ALTER TABLE right after it (see sql.ts): NOT
 * VALID ones, and a UNIQUE that repeats the primary key or an earlier UNIQUE (same columns, INCLUDE,
 * NULLS NOT DISTINCT and deferral), which CREATE TABLE silently drops (ALTER TABLE ADD keeps it).
 */
export const addedAfterCreate = (t: Table): ReadonlyArray<Constraint> => {
  const seen = new Set(t.constraints.filter((k) => k.kind === 'PrimaryKey').map(indexKey))
  return t.constraints.filter((k) => {
    if ((k.kind === 'Check' || k.kind === 'ForeignKey') && k.notValid) return true
    if (k.kind !== 'Unique') return false
    const key = indexKey(k)
    if (seen.has(key)) return true
    seen.add(key)
    return false
  })
}

const createTable = (t: Table): string => {
  const after = addedAfterCreate(t)
  const inline = t.constraints.filter((k) => !after.includes(k))
  const parts = t.partitionOf ? inline.map(constraintDef) : [...t.columns.map((c) => columnDef(t, c)), ...inline.map(constraintDef)]
  return [
    `CREATE ${t.persistence === 'unlogged' ? 'UNLOGGED ' : ''}TABLE ${qualified(t.schema, t.name)}`,
    t.partitionOf ? ` PARTITION OF ${qualified(t.partitionOf.parent.schema, t.partitionOf.parent.name)}` : '',
    parts.length || !t.partitionOf ? ` (${parts.join(', ')})` : '',
    t.partitionOf ? ` ${t.partitionOf.bound}` : '',
    t.partitionBy
      ? ` PARTITION BY ${t.partitionBy.strategy.toUpperCase()} (${t.partitionBy.keys
          .map((k) => [k.expression, ...(k.collation ? [`COLLATE ${collation(k.collation)}`] : []), ...(k.opclass ? [k.opclass] : [])].join(' '))
          .join(', ')})`
      : '',
    t.options && Object.keys(t.options).length ? ` WITH (${optionList(t.options)})` : '',
  ].join('')
}

export const createIndex = (i: Index): string =>
  [
    `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} ON ${qualified(i.schema, i.table)}`,
    i.method !== 'btree' ? ` USING ${i.method}` : '',
    ` (${i.keys
      .map((k) =>
        [
          k.expression,
          ...(k.collation ? [`COLLATE ${collation(k.collation)}`] : []),
          ...(k.opclass ? [k.opclass] : []),
          ...(k.descending ? ['DESC'] : []),
          ...(k.nullsFirst !== k.descending ? [k.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST'] : []),
        ].join(' '),
      )
      .join(', ')})`,
    i.include.length ? ` INCLUDE (${idents(i.include)})` : '',
    i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '',
    i.options && Object.keys(i.options).length ? ` WITH (${optionList(i.options)})` : '',
    i.where !== undefined ? ` WHERE ${i.where}` : '',
  ].join('')

export const createView = (v: View, orReplace: boolean): string => {
  const opts = [
    ...(v.checkOption ? [`check_option = ${v.checkOption}`] : []),
    ...(v.securityBarrier ? ['security_barrier = true'] : []),
    ...(v.securityInvoker ? ['security_invoker = true'] : []),
  ]
  return [
    `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${qualified(v.schema, v.name)} (${idents(v.columns)})`,
    opts.length ? ` WITH (${opts.join(', ')})` : '',
    ` AS ${v.query}`,
  ].join('')
}

export const createSequence = (s: Sequence): string => {
  const opts = sequenceOptions(s, s.dataType)
  return [
    `CREATE ${s.persistence === 'unlogged' ? 'UNLOGGED ' : ''}SEQUENCE ${qualified(s.schema, s.name)}`,
    s.dataType !== 'bigint' ? ` AS ${s.dataType}` : '',
    opts.length ? ` ${opts.join(' ')}` : '',
  ].join('')
}

const argText = (a: Routine['args'][number]): string =>
  [
    ...(a.mode !== 'in' ? [a.mode.toUpperCase()] : []),
    ...(a.name !== undefined ? [quoteIdent(a.name)] : []),
    a.type,
    ...(a.default !== undefined ? [`DEFAULT ${a.default}`] : []),
  ].join(' ')

export const createFunction = (f: Routine, orReplace: boolean): string => {
  const table = f.args.filter((a) => a.mode === 'table')
  const args = f.args.filter((a) => a.mode !== 'table')
  const returns =
    f.routine === 'procedure'
      ? []
      : table.length
        ? [`RETURNS TABLE (${table.map((a) => `${quoteIdent(a.name ?? '')} ${a.type}`).join(', ')})`]
        : f.returns !== undefined
          ? [`RETURNS ${f.returnsSet && !f.returns.startsWith('SETOF ') ? 'SETOF ' : ''}${f.returns}`]
          : []
  const isFn = f.routine === 'function'
  return [
    `CREATE ${orReplace ? 'OR REPLACE ' : ''}${f.routine.toUpperCase()} ${qualified(f.schema, f.name)}(${args.map(argText).join(', ')})`,
    ...returns,
    `LANGUAGE ${quoteIdent(f.language)}`,
    ...(isFn && f.volatility !== 'volatile' ? [f.volatility.toUpperCase()] : []),
    ...(isFn && f.strict ? ['STRICT'] : []),
    ...(f.securityDefiner ? ['SECURITY DEFINER'] : []),
    ...(isFn && f.leakproof ? ['LEAKPROOF'] : []),
    ...(isFn && f.parallel !== 'unsafe' ? [`PARALLEL ${f.parallel.toUpperCase()}`] : []),
    ...(isFn && f.cost !== undefined ? [`COST ${f.cost}`] : []),
    ...(isFn && f.rows !== undefined ? [`ROWS ${f.rows}`] : []),
    ...f.config.map((c) => `SET ${quoteIdent(c.name)} = ${configValue(c.name, c.value)}`),
    f.sqlBody ? f.body : `AS ${dollarQuote(f.body)}`,
  ].join(' ')
}

export const createTrigger = (t: Trigger, orReplace: boolean): string =>
  [
    `CREATE ${orReplace ? 'OR REPLACE ' : ''}${t.constraint ? 'CONSTRAINT ' : ''}TRIGGER ${quoteIdent(t.name)}`,
    t.timing.toUpperCase(),
    t.events.map((e) => (e === 'update' && t.columns.length ? `UPDATE OF ${idents(t.columns)}` : e.toUpperCase())).join(' OR '),
    `ON ${qualified(t.schema, t.table)}`,
    ...(t.constraint && t.deferrable ? ['DEFERRABLE'] : []),
    ...(t.constraint && t.initiallyDeferred ? ['INITIALLY DEFERRED'] : []),
    ...(t.referencingOld !== undefined || t.referencingNew !== undefined
      ? [
          [
            'REFERENCING',
            ...(t.referencingOld !== undefined ? [`OLD TABLE AS ${quoteIdent(t.referencingOld)}`] : []),
            ...(t.referencingNew !== undefined ? [`NEW TABLE AS ${quoteIdent(t.referencingNew)}`] : []),
          ].join(' '),
        ]
      : []),
    `FOR EACH ${t.forEach.toUpperCase()}`,
    ...(t.when !== undefined ? [`WHEN (${t.when})`] : []),
    `EXECUTE FUNCTION ${qualified(t.function.schema, t.function.name)}(${t.arguments.map(quoteLiteral).join(', ')})`,
  ].join(' ')

const createDomain = (d: Domain): string =>
  [
    `CREATE DOMAIN ${qualified(d.schema, d.name)} AS ${d.baseType}`,
    ...(d.collation !== undefined ? [`COLLATE ${collation(d.collation)}`] : []),
    ...(d.default !== undefined ? [`DEFAULT ${d.default}`] : []),
    ...(d.notNull ? ['NOT NULL'] : []),
    ...d.checks.filter((c) => !c.notValid).map((c) => `CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`),
  ].join(' ')

/** Objects with a CREATE statement of their own (access-control objects are emitted by sql-access.ts). */
export type PlainObject = Exclude<DbObject, { kind: 'Role' | 'Membership' | 'DefaultAcl' | 'Policy' | 'Database' }>

/** The CREATE statement of an object. */
export const createSql = (o: PlainObject): string => {
  switch (o.kind) {
    case 'Schema':
      return `CREATE SCHEMA ${quoteIdent(o.name)}`
    case 'Extension':
      return `CREATE EXTENSION ${quoteIdent(o.name)} WITH SCHEMA ${quoteIdent(o.schema)}${o.version !== undefined ? ` VERSION ${quoteLiteral(o.version)}` : ''}`
    case 'Table':
      return createTable(o)
    case 'Index':
      return createIndex(o)
    case 'View':
      return createView(o, false)
    case 'MaterializedView':
      return `CREATE MATERIALIZED VIEW ${qualified(o.schema, o.name)} (${idents(o.columns)}) AS ${o.query} WITH ${o.withData ? '' : 'NO '}DATA`
    case 'Sequence':
      return createSequence(o)
    case 'Enum':
      return `CREATE TYPE ${qualified(o.schema, o.name)} AS ENUM (${o.values.map(quoteLiteral).join(', ')})`
    case 'Domain':
      return createDomain(o)
    case 'CompositeType':
      return `CREATE TYPE ${qualified(o.schema, o.name)} AS (${o.attributes
        .map((a) => [quoteIdent(a.name), a.type, ...(a.collation !== undefined ? [`COLLATE ${collation(a.collation)}`] : [])].join(' '))
        .join(', ')})`
    case 'Function':
      return createFunction(o, false)
    case 'Trigger':
      return createTrigger(o, false)
    default:
      return absurd(o)
  }
}
