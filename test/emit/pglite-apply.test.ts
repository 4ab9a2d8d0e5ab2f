/**
 * The SQL we emit runs on real PostgreSQL (embedded PGlite, PostgreSQL 18): for hand-built pairs
 * (a, b), `emitCreateSql(a)` then `emitSql(diff(a, b))` execute without error. (Convergence —
 * that the result inspects back to b — is checked by the harness in test/convergence.)
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { diff } from '../../src/diff/index.js'
import { emitCreateSql, emitSql } from '../../src/emit/index.js'
import type { DbObject } from '../../src/ir/objects.js'
import { check, col, db, enumType, fk, fn, index, pk, sequence, table, trigger, view } from '../diff/build.js'
import { fresh, stop } from '../support/pglite.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const users = table('users', [col('id', 'integer', { notNull: true }), col('name', 'text')], { constraints: [pk('users_pkey', ['id'])] })
const hostile: DbObject[] = [
  { kind: 'Schema', name: 'ünïcödé', owner: 'postgres' },
  table('we"ird', ['we"ird', 'Upper', 'with space', 'select', 'naïve'].map((n) => col(n, 'text')), {
    schema: 'ünïcödé',
    comment: "it's a \\ test",
  }),
]

const pairs: Array<[string, DbObject[], DbObject[]]> = [
  ['create from nothing', [], [users, index('users_name', 'users', ['name']), view('v', 'SELECT id, name FROM public.users', ['id', 'name'])]],
  [
    'column changes',
    [users],
    [table('users', [col('id', 'bigint', { notNull: true }), col('name', 'character varying(20)', { notNull: true, default: "'x'::character varying" }), col('age', 'integer')], { constraints: [pk('users_pkey', ['id']), check('age_ok', 'age > 0')] })],
  ],
  [
    'view over a column that changes type',
    [users, view('v', 'SELECT id, name FROM public.users', ['id', 'name'])],
    [table('users', [col('id', 'bigint', { notNull: true }), col('name', 'text')], { constraints: [pk('users_pkey', ['id'])] }), view('v', 'SELECT id, name FROM public.users', ['id', 'name'])],
  ],
  [
    'enum values removed with a column using it',
    [enumType('mood', ['a', 'b', 'c']), table('t', [col('m', 'public.mood', { default: "'a'::public.mood" })])],
    [enumType('mood', ['c', 'a']), table('t', [col('m', 'public.mood', { default: "'a'::public.mood" })])],
  ],
  ['enum values appended', [enumType('mood', ['a'])], [enumType('mood', ['z', 'a', 'b'])]],
  [
    'foreign key cycle, then dropped',
    [],
    [
      table('a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer')], { constraints: [pk('a_pkey', ['id']), fk('a_b', ['b_id'], 'b', ['id'])] }),
      table('b', [col('id', 'integer', { notNull: true }), col('a_id', 'integer')], { constraints: [pk('b_pkey', ['id']), fk('b_a', ['a_id'], 'a', ['id'])] }),
    ],
  ],
  [
    'drop a foreign key cycle',
    [
      table('a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer')], { constraints: [pk('a_pkey', ['id']), fk('a_b', ['b_id'], 'b', ['id'])] }),
      table('b', [col('id', 'integer', { notNull: true }), col('a_id', 'integer')], { constraints: [pk('b_pkey', ['id']), fk('b_a', ['a_id'], 'a', ['id'])] }),
    ],
    [],
  ],
  [
    'serial sequence and its table',
    [],
    [
      sequence('t_id_seq', { dataType: 'integer', maxValue: '2147483647', ownedBy: { schema: 'public', table: 't', column: 'id' } }),
      table('t', [col('id', 'integer', { notNull: true, default: "nextval('public.t_id_seq'::regclass)" })]),
    ],
  ],
  [
    'trigger function signature change',
    [users, fn('f', 'BEGIN RETURN NEW; END'), trigger('tr', 'users', 'f')],
    [users, fn('f', 'BEGIN RETURN NULL; END', { returns: 'trigger' }), trigger('tr', 'users', 'f', { events: ['insert', 'update'], enabled: 'disabled' })],
  ],
  [
    'partitioning',
    [table('m', [col('k', 'integer')], { partitionBy: { strategy: 'range', keys: [{ expression: 'k' }] } }), table('m1', [col('k', 'integer')], { partitionOf: { parent: { schema: 'public', name: 'm' }, bound: 'FOR VALUES FROM (1) TO (10)' } })],
    [table('m', [col('k', 'integer')], { partitionBy: { strategy: 'range', keys: [{ expression: 'k' }] } }), table('m1', [col('k', 'integer')], { partitionOf: { parent: { schema: 'public', name: 'm' }, bound: 'FOR VALUES FROM (1) TO (20)' }, persistence: 'permanent' })],
  ],
  ['hostile names', [], hostile],
  ['drop schema with content', hostile, []],
  [
    'identity, unlogged, options, comments',
    [table('t', [col('id', 'integer', { notNull: true })])],
    [
      table('t', [col('id', 'integer', { notNull: true, comment: 'the id', identity: { generation: 'always', sequence: 't_id_seq', start: '5', increment: '1', minValue: '1', maxValue: '2147483647', cache: '1', cycle: false } })], {
        persistence: 'unlogged',
        options: { fillfactor: '70' },
      }),
    ],
  ],
]

for (const [name, a, b] of pairs) {
  test(name, async () => {
    const from = db(a, 18)
    const to = db(b, 18)
    const create = emitCreateSql(from)
    const migration = emitSql(diff(from, to))
    assert.ok(migration.length > 0, 'the pair differs')
    const t = await fresh()
    try {
      await t.exec(create)
      await t.exec(migration).catch((e: unknown) => {
        throw new Error(`${String(e)}\n--- migration:\n${migration}`)
      })
      // and back again
      const back = emitSql(diff(to, from))
      await t.exec(back).catch((e: unknown) => {
        throw new Error(`${String(e)}\n--- reverse migration:\n${back}`)
      })
    } finally {
      await t.close()
    }
  })
}

test.run()
