import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { PGlite } from '@electric-sql/pglite'
import { ready, loadSql } from '../../src/parse/index.js'

/** Spellings whose canonical text must equal format_type() on PostgreSQL (search_path = ''). */
const SPELLINGS = [
  'int', 'int4', 'integer', 'int2', 'smallint', 'int8', 'bigint', 'float4', 'real', 'float8', 'double precision',
  'float', 'float(1)', 'float(24)', 'float(25)', 'float(53)', 'bool', 'boolean', 'varchar', 'varchar(10)',
  'character varying(20)', 'char', 'character', 'char(5)', 'bpchar', 'bpchar(3)', '"char"', 'numeric', 'decimal',
  'numeric(10)', 'numeric(10,2)', 'decimal(5,1)', 'timestamp', 'timestamp(3)', 'timestamp without time zone',
  'timestamptz', 'timestamp with time zone', 'timestamp(2) with time zone', 'timestamptz(4)', 'time', 'time(2)',
  'timetz', 'time with time zone', 'time(1) with time zone', 'interval', 'interval(3)', 'interval year',
  'interval day to second', 'interval day to second(2)', 'interval hour to minute', 'interval minute to second(1)',
  'bit', 'bit(4)', 'varbit', 'varbit(8)', 'bit varying(5)', 'text', 'bytea', 'uuid', 'json', 'jsonb', 'date',
  'inet', 'cidr', 'macaddr', 'money', 'xml', 'tsvector', 'tsquery', 'oid', 'regclass', 'point', 'int4range',
  'text[]', 'int[][]', 'integer ARRAY', 'varchar(3)[]', 'pg_catalog.int4', 'name', 'public.mood', 'mood[]',
  'pos', '"My Type"',
]

test('canonical types equal format_type() on PostgreSQL', async () => {
  await ready()
  const prelude = `CREATE TYPE mood AS ENUM ('a'); CREATE DOMAIN pos AS int; CREATE TYPE "My Type" AS (x int);`
  const cols = SPELLINGS.map((s, i) => `c${i} ${s}`).join(', ')
  const ddl = `${prelude} CREATE TABLE t (${cols});`
  const db = new PGlite()
  await db.exec(ddl)
  await db.exec(`SET search_path = ''`)
  const r = await db.query<{ attname: string; t: string }>(
    `SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute
     WHERE attrelid = 'public.t'::regclass AND attnum > 0 ORDER BY attnum`,
  )
  await db.close()
  const loaded = loadSql([{ file: 't.sql', text: ddl }])
  assert.equal(loaded.diagnostics, [])
  const table = loaded.catalog.objects.get('table:"public"."t"')
  assert.ok(table && table.kind === 'Table')
  if (table?.kind !== 'Table') return
  assert.is(table.columns.length, SPELLINGS.length)
  r.rows.forEach((row, i) => assert.is(table.columns[i]!.type, row.t, `${SPELLINGS[i]}`))
})

test('unknown type warns W-UNKNOWN-TYPE and keeps the name; extension types are qualified', async () => {
  await ready()
  const r = loadSql([{ file: 'a.sql', text: 'CREATE TABLE t (a widget);\nCREATE EXTENSION citext SCHEMA public;\nCREATE TABLE u (b citext, c hstore);' }])
  const warn = r.diagnostics.filter((d) => d.code === 'W-UNKNOWN-TYPE')
  assert.is(warn.length, 2)
  assert.is(warn[0]!.span?.line, 1)
  const u = r.catalog.objects.get('table:"public"."u"')
  assert.ok(u?.kind === 'Table' && u.columns[0]!.type === 'public.citext' && u.columns[1]!.type === 'hstore')
})

test.run()
