/**
 * A deliberately simple reference printer for the generated catalogs: only the object kinds and
 * options the arbitrary produces, in a fixed safe order. It checks the arbitrary itself (its catalogs
 * are valid PostgreSQL, and what the SQL interpreter reads from them) independently of src/emit.
 */
import type { Catalog } from '../src/ir/catalog.js'
import { qualified, quoteIdent, quoteLiteral } from '../src/ir/names.js'
import type { Column, Constraint, DbObject, ObjectOfKind } from '../src/ir/objects.js'

const list = (xs: ReadonlyArray<string>): string => xs.map(quoteIdent).join(', ')
const deferral = (c: { deferrable: boolean; initiallyDeferred: boolean }): string =>
  c.deferrable ? (c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE') : ''

const column = (c: Column): string =>
  [quoteIdent(c.name), c.type, c.default === undefined ? '' : `DEFAULT ${c.default}`, c.notNull ? 'NOT NULL' : '']
    .filter((s) => s !== '')
    .join(' ')

const constraint = (k: Constraint): string | undefined => {
  const head = `CONSTRAINT ${quoteIdent(k.name)}`
  switch (k.kind) {
    case 'PrimaryKey':
      return `${head} PRIMARY KEY (${list(k.columns)})${deferral(k)}`
    case 'Unique':
      return `${head} UNIQUE${k.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${list(k.columns)})${deferral(k)}`
    case 'Check':
      return `${head} CHECK (${k.expression})`
    default:
      return undefined
  }
}

const of = <K extends DbObject['kind']>(c: Catalog, kind: K): ObjectOfKind<K>[] =>
  [...c.objects.values()].filter((o): o is ObjectOfKind<K> => o.kind === kind)

export const referenceSql = (c: Catalog): string => {
  const out: string[] = []
  const comments: string[] = []
  const comment = (target: string, text: string | undefined): void => {
    if (text !== undefined) comments.push(`COMMENT ON ${target} IS ${quoteLiteral(text)};`)
  }
  for (const s of of(c, 'Schema')) {
    if (s.name === 'public') continue
    out.push(`CREATE SCHEMA ${quoteIdent(s.name)};`)
    comment(`SCHEMA ${quoteIdent(s.name)}`, s.comment)
  }
  for (const e of of(c, 'Enum')) {
    out.push(`CREATE TYPE ${qualified(e.schema, e.name)} AS ENUM (${e.values.map(quoteLiteral).join(', ')});`)
    comment(`TYPE ${qualified(e.schema, e.name)}`, e.comment)
  }
  for (const d of of(c, 'Domain')) {
    const parts = [`CREATE DOMAIN ${qualified(d.schema, d.name)} AS ${d.baseType}`]
    if (d.default !== undefined) parts.push(`DEFAULT ${d.default}`)
    if (d.notNull) parts.push('NOT NULL')
    for (const k of d.checks) parts.push(`CONSTRAINT ${quoteIdent(k.name)} CHECK (${k.expression})`)
    out.push(`${parts.join(' ')};`)
    comment(`DOMAIN ${qualified(d.schema, d.name)}`, d.comment)
  }
  for (const q of of(c, 'Sequence')) {
    out.push(
      `CREATE SEQUENCE ${qualified(q.schema, q.name)} AS ${q.dataType} INCREMENT BY ${q.increment} MINVALUE ${q.minValue} ` +
        `MAXVALUE ${q.maxValue} START WITH ${q.start} CACHE ${q.cache}${q.cycle ? ' CYCLE' : ' NO CYCLE'};`,
    )
    comment(`SEQUENCE ${qualified(q.schema, q.name)}`, q.comment)
  }
  const fks: string[] = []
  for (const t of of(c, 'Table')) {
    const name = qualified(t.schema, t.name)
    const items = [...t.columns.map(column), ...t.constraints.flatMap((k) => constraint(k) ?? [])]
    out.push(`CREATE TABLE ${name} (\n  ${items.join(',\n  ')}\n);`)
    comment(`TABLE ${name}`, t.comment)
    for (const col of t.columns) comment(`COLUMN ${name}.${quoteIdent(col.name)}`, col.comment)
    for (const k of t.constraints) {
      if (k.kind === 'ForeignKey') {
        fks.push(
          `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(k.name)} FOREIGN KEY (${list(k.columns)}) ` +
            `REFERENCES ${qualified(k.references.schema, k.references.name)} (${list(k.referencedColumns)})` +
            `${k.match === 'full' ? ' MATCH FULL' : ''} ON DELETE ${k.onDelete.toUpperCase()} ON UPDATE ${k.onUpdate.toUpperCase()}${deferral(k)};`,
        )
      }
      comment(`CONSTRAINT ${quoteIdent(k.name)} ON ${name}`, k.comment)
    }
  }
  out.push(...fks)
  for (const i of of(c, 'Index')) {
    const keys = i.keys.map((k) => `${k.expression}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`)
    out.push(
      `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} ON ${qualified(i.schema, i.table)} USING ${i.method} (${keys.join(', ')})` +
        `${i.where === undefined ? '' : ` WHERE ${i.where}`};`,
    )
    comment(`INDEX ${qualified(i.schema, i.name)}`, i.comment)
  }
  for (const v of of(c, 'View')) {
    out.push(`CREATE VIEW ${qualified(v.schema, v.name)} AS ${v.query};`)
    comment(`VIEW ${qualified(v.schema, v.name)}`, v.comment)
  }
  for (const f of of(c, 'Function')) {
    const args = f.args.map((a) => (a.name === undefined ? a.type : `${quoteIdent(a.name)} ${a.type}`)).join(', ')
    out.push(
      `CREATE FUNCTION ${qualified(f.schema, f.name)}(${args}) RETURNS ${f.returns ?? 'void'} LANGUAGE ${f.language} ` +
        `${f.volatility.toUpperCase()}${f.strict ? ' STRICT' : ''} AS ${quoteLiteral(f.body)};`,
    )
    comment(`FUNCTION ${qualified(f.schema, f.name)}(${f.args.map((a) => a.type).join(', ')})`, f.comment)
  }
  return [...out, ...comments].map((l) => `${l}\n`).join('')
}
