/**
 * CREATE TABLE silently drops a UNIQUE that repeats the primary key or an earlier UNIQUE (same
 * columns, INCLUDE, NULLS NOT DISTINCT, deferral); ALTER TABLE ADD keeps it. The emitted creation
 * SQL adds such constraints after the CREATE TABLE, so that PostgreSQL ends up with all of them.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { emitCreateSql } from '../../src/emit/index.js'
import { col, db, pk, table } from '../diff/build.js'
import type { Constraint } from '../../src/ir/objects.js'
import { fresh, stop } from '../support/pglite.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const unique = (name: string, columns: string[], extra: Partial<Extract<Constraint, { kind: 'Unique' }>> = {}): Constraint => ({
  kind: 'Unique',
  name,
  columns,
  deferrable: false,
  initiallyDeferred: false,
  nullsNotDistinct: false,
  ...extra,
})

const t = table('users', [col('id', 'integer', { notNull: true }), col('a', 'integer')], {
  constraints: [
    pk('note', ['id']),
    unique('owner_id', ['id']), // repeats the primary key
    unique('u_nnd', ['id'], { nullsNotDistinct: true }), // differs: kept inline
    unique('u_a', ['a']),
    unique('u_a_again', ['a']), // repeats u_a
    unique('u_a_deferrable', ['a'], { deferrable: true }), // differs: kept inline
  ],
})

test('repeated keys are added after CREATE TABLE, the others stay inline', () => {
  const sql = emitCreateSql(db([t], 18))
  const create = sql.split('\n').find((l) => l.startsWith('CREATE TABLE')) ?? ''
  for (const inline of ['note', 'u_nnd', 'u_a', 'u_a_deferrable']) assert.ok(create.includes(`CONSTRAINT ${inline} `), `${inline} inline:\n${sql}`)
  for (const after of ['owner_id', 'u_a_again']) {
    assert.not.ok(create.includes(`CONSTRAINT ${after} `), `${after} not inline:\n${sql}`)
    assert.ok(sql.includes(`ALTER TABLE public.users ADD CONSTRAINT ${after} UNIQUE`), `${after} added:\n${sql}`)
  }
})

test('PostgreSQL keeps every constraint of the emitted table (PGlite)', async () => {
  const d = await fresh()
  try {
    await d.exec(emitCreateSql(db([t], 18)))
    const r = await d.db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = 'public.users'::regclass AND contype IN ('p', 'u') ORDER BY conname`)
    assert.equal(
      r.rows.map((x) => x.conname),
      ['note', 'owner_id', 'u_a', 'u_a_again', 'u_a_deferrable', 'u_nnd'],
    )
  } finally {
    await d.close()
  }
})

test.run()
