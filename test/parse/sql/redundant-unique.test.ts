/**
 * F7: inside one CREATE TABLE, PostgreSQL drops a UNIQUE that repeats the primary key or an earlier
 * UNIQUE (same columns in order, INCLUDE, NULLS NOT DISTINCT, deferral); the kept one takes the
 * dropped one's name when it had none. The interpreter must end with the constraints the server
 * has. PostgreSQL (PGlite) is the oracle.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready, loadSql } from '../../../src/parse/index.js'
import { fresh, stop } from '../../support/pglite.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const CASES: ReadonlyArray<readonly [string, string[]]> = [
  ['id int primary key unique', ['t_pkey:p']],
  ['a int, unique (a), unique (a)', ['t_a_key:u']],
  ['a int primary key, constraint foo unique (a)', ['foo:p']],
  ['a int, unique (a), constraint foo unique (a)', ['foo:u']],
  ['a int, constraint foo unique (a), constraint bar unique (a)', ['foo:u']],
  ['users int not null, constraint note primary key (users), constraint owner_id unique (users)', ['note:p']],
  ['a int, constraint u unique (a), primary key (a)', ['u:p']],
  ['a int unique, b int, unique (a) deferrable, unique (a) include (b), unique nulls not distinct (a), unique (b, a), unique (a, b)', [
    't_a_b_key:u', 't_a_b_key1:u', 't_a_key:u', 't_a_key1:u', 't_a_key2:u', 't_b_a_key:u',
  ]],
]

const interpreted = (sql: string): string[] => {
  const r = loadSql([{ file: 'f.sql', text: sql }], { pgVersion: 18 })
  assert.equal(r.diagnostics.filter((d) => d.severity === 'error'), [])
  const t = r.catalog.objects.get('table:"public"."t"')
  if (t?.kind !== 'Table') throw new Error('no table t')
  return t.constraints.flatMap((k) => (k.kind === 'PrimaryKey' ? [`${k.name}:p`] : k.kind === 'Unique' ? [`${k.name}:u`] : [])).sort()
}

for (const [body, expected] of CASES)
  test(`CREATE TABLE t (${body})`, async () => {
    const sql = `CREATE TABLE t (${body});`
    const db = await fresh()
    try {
      await db.exec(sql)
      const r = await db.db.query<{ n: string }>(
        `SELECT conname || ':' || contype::text AS n FROM pg_constraint WHERE conrelid = 't'::regclass AND contype IN ('p', 'u') ORDER BY 1`,
      )
      const server = r.rows.map((x) => x.n).sort()
      assert.equal(server, [...expected].sort())
      assert.equal(interpreted(sql), server)
    } finally {
      await db.close()
    }
  })

test.run()
