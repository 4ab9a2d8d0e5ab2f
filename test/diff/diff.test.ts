import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { catalog, freshCatalog } from '../../src/ir/catalog.js'
import { diff } from '../../src/diff/index.js'
import { emitSql } from '../../src/emit/index.js'
import type { DbObject } from '../../src/ir/objects.js'
import { check, col, db, enumType, fk, fn, index, pk, sequence, table, trigger, view } from './build.js'

test.before(async () => {
  await ready()
})

const sql = (a: DbObject[], b: DbObject[], v: 15 | 16 | 17 | 18 = 16): string => emitSql(diff(db(a, v), db(b, v)))

const users = table('users', [col('id', 'integer', { notNull: true }), col('name', 'text')], { constraints: [pk('users_pkey', ['id'])] })

test('diff of a catalog with itself is empty', () => {
  for (const objs of [[], [users], [users, index('users_name', 'users', ['name']), view('v', 'SELECT id FROM users', ['id'])]]) {
    assert.equal(diff(db(objs), db(objs)).changes, [])
  }
  assert.equal(diff(freshCatalog(15), freshCatalog(15)).changes, [])
})

test('create table', () => {
  assert.is(
    sql([], [users]),
    '-- Create "users" table\nCREATE TABLE public.users (id integer NOT NULL, name text NULL, CONSTRAINT users_pkey PRIMARY KEY (id));\n',
  )
})

test('drop table is destructive', () => {
  const cs = diff(db([users]), db([]))
  assert.is(cs.changes.length, 1)
  assert.is(cs.changes[0]?.kind, 'Drop')
  assert.ok(cs.changes[0]?.destructive)
  assert.is(emitSql(cs), '-- Drop "users" table\n-- destructive: table "users" is dropped: its data is lost\nDROP TABLE public.users;\n')
})

test('add/drop column, set not null, type change with USING', () => {
  const b = table('users', [col('id', 'bigint', { notNull: true }), col('email', 'text', { notNull: true, default: "''::text" })], {
    constraints: [pk('users_pkey', ['id'])],
  })
  assert.is(
    sql([users], [b]),
    [
      '-- Modify "users" table',
      '-- destructive: column "name" is dropped: its data is lost',
      'ALTER TABLE public.users DROP COLUMN name;',
      '-- Modify "users" table',
      'ALTER TABLE public.users ALTER COLUMN id TYPE bigint USING id::bigint, ADD COLUMN email text NOT NULL DEFAULT \'\'::text;',
      '',
    ].join('\n'),
  )
})

test('a narrowing type change is destructive, dropping NOT NULL is not', () => {
  const a = table('t', [col('a', 'bigint', { notNull: true })])
  const b = table('t', [col('a', 'integer')])
  const [c] = diff(db([a]), db([b])).changes
  assert.ok(c?.destructive?.includes('changes type'))
  assert.not.ok(c?.destructive?.includes('NOT NULL'))
  const c2 = diff(db([b]), db([a])).changes[0]
  assert.not.ok(c2?.destructive?.includes('changes type'))
  assert.ok(c2?.destructive?.includes('NOT NULL'))
})

test('enum: appended and inserted values use ADD VALUE', () => {
  assert.is(
    sql([enumType('mood', ['sad', 'happy'])], [enumType('mood', ['meh', 'sad', 'ok', 'happy', 'great'])]),
    [
      '-- Add value to enum type: "mood"',
      "ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad';",
      '-- Add value to enum type: "mood"',
      "ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';",
      '-- Add value to enum type: "mood"',
      "ALTER TYPE public.mood ADD VALUE 'great' AFTER 'happy';",
      '',
    ].join('\n'),
  )
})

test('enum: removing a value rebuilds the type and converts columns', () => {
  const t = (d: string) => table('t', [col('m', 'public.mood', { default: d })])
  const out = sql([enumType('mood', ['a', 'b', 'c']), t("'a'::public.mood")], [enumType('mood', ['a', 'c']), t("'a'::public.mood")])
  assert.is(
    out,
    [
      '-- Move aside "mood" type',
      'ALTER TYPE public.mood RENAME TO mood__pgcharter_old;',
      '-- Create "mood" enum type',
      "CREATE TYPE public.mood AS ENUM ('a', 'c');",
      '-- Modify "t" table',
      "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT, ALTER COLUMN m TYPE public.mood USING m::text::public.mood, ALTER COLUMN m SET DEFAULT 'a'::public.mood;",
      '-- Drop "mood__pgcharter_old" enum type',
      '-- destructive: enum "mood" removes or reorders values: it is recreated and columns using it are converted; values no longer listed make the conversion fail',
      'DROP TYPE public.mood__pgcharter_old;',
      '',
    ].join('\n'),
  )
})

test('a view over a column whose type changes is dropped and recreated around the change', () => {
  const v = view('v', 'SELECT id, name FROM users', ['id', 'name'])
  const b = table('users', [col('id', 'bigint', { notNull: true }), col('name', 'text')], { constraints: [pk('users_pkey', ['id'])] })
  const out = sql([users, v], [b, v])
  assert.is(
    out,
    [
      '-- Drop "v" view',
      'DROP VIEW public.v;',
      '-- Modify "users" table',
      'ALTER TABLE public.users ALTER COLUMN id TYPE bigint USING id::bigint;',
      '-- Create "v" view',
      'CREATE VIEW public.v (id, name) AS SELECT id, name FROM users;',
      '',
    ].join('\n'),
  )
})

test('view: appended column → CREATE OR REPLACE; removed column → drop and create', () => {
  const v1 = view('v', 'SELECT id FROM users', ['id'])
  const v2 = view('v', 'SELECT id, name FROM users', ['id', 'name'])
  assert.is(sql([users, v1], [users, v2]), '-- Modify "v" view\nCREATE OR REPLACE VIEW public.v (id, name) AS SELECT id, name FROM users;\n')
  assert.is(
    sql([users, v2], [users, v1]),
    '-- Drop "v" view\nDROP VIEW public.v;\n-- Create "v" view\nCREATE VIEW public.v (id) AS SELECT id FROM users;\n',
  )
})

test('a view over a view is recreated when the inner one is', () => {
  const inner = view('inner_v', 'SELECT id, name FROM users', ['id', 'name'])
  const inner2 = view('inner_v', 'SELECT name FROM users', ['name'])
  const outer = view('outer_v', 'SELECT name FROM inner_v', ['name'])
  const kinds = diff(db([users, inner, outer]), db([users, inner2, outer])).changes.map((c) => `${c.kind}:${c.kind === 'Create' || c.kind === 'Drop' ? (c.object as { name: string }).name : ''}`)
  assert.equal(kinds, ['Drop:outer_v', 'Drop:inner_v', 'Create:inner_v', 'Create:outer_v'])
})

test('foreign key cycle: tables first, the closing FK at the end', () => {
  const a = table('a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer')], { constraints: [pk('a_pkey', ['id']), fk('a_b_fk', ['b_id'], 'b', ['id'])] })
  const b = table('b', [col('id', 'integer', { notNull: true }), col('a_id', 'integer')], { constraints: [pk('b_pkey', ['id']), fk('b_a_fk', ['a_id'], 'a', ['id'])] })
  assert.is(
    sql([], [a, b]),
    [
      '-- Create "a" table',
      'CREATE TABLE public.a (id integer NOT NULL, b_id integer NULL, CONSTRAINT a_pkey PRIMARY KEY (id));',
      '-- Create "b" table',
      'CREATE TABLE public.b (id integer NOT NULL, a_id integer NULL, CONSTRAINT b_pkey PRIMARY KEY (id));',
      '-- Modify "a" table',
      'ALTER TABLE public.a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES public.b (id);',
      '-- Modify "b" table',
      'ALTER TABLE public.b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES public.a (id);',
      '',
    ].join('\n'),
  )
  // dropping both: the FKs go first
  const drop = sql([a, b], [])
  assert.ok(drop.indexOf('DROP CONSTRAINT') < drop.indexOf('DROP TABLE'))
})

test('a FK without a cycle stays inline and its target comes first', () => {
  const orders = table('orders', [col('id', 'integer'), col('user_id', 'integer')], { constraints: [fk('orders_user_fk', ['user_id'], 'users', ['id'])] })
  const out = sql([], [orders, users])
  assert.ok(out.indexOf('CREATE TABLE public.users') < out.indexOf('CREATE TABLE public.orders'))
  assert.ok(out.includes('CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users (id)'))
})

test('serial: sequence, then table, then OWNED BY', () => {
  const s = sequence('t_id_seq', { dataType: 'integer', maxValue: '2147483647', ownedBy: { schema: 'public', table: 't', column: 'id' } })
  const t = table('t', [col('id', 'integer', { notNull: true, default: "nextval('t_id_seq'::regclass)" })])
  assert.is(
    sql([], [t, s]),
    [
      '-- Create "t_id_seq" sequence',
      'CREATE SEQUENCE public.t_id_seq AS integer;',
      '-- Create "t" table',
      "CREATE TABLE public.t (id integer NOT NULL DEFAULT nextval('t_id_seq'::regclass));",
      '-- Modify "t_id_seq" sequence',
      'ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;',
      '',
    ].join('\n'),
  )
  // dropping the table takes the owned sequence along: no DROP SEQUENCE
  assert.is(sql([t, s], []), '-- Drop "t" table\n-- destructive: table "t" is dropped: its data is lost\nDROP TABLE public.t;\n')
})

test('index change → drop and create; trigger change → CREATE OR REPLACE', () => {
  assert.is(
    sql([users, index('i', 'users', ['name'])], [users, index('i', 'users', ['name'], { unique: true })]),
    '-- Drop "i" index\nDROP INDEX public.i;\n-- Create index "i" to table: "users"\nCREATE UNIQUE INDEX i ON public.users (name);\n',
  )
  const f = fn('f', 'BEGIN RETURN NEW; END')
  assert.is(
    sql([users, f, trigger('tr', 'users', 'f')], [users, f, trigger('tr', 'users', 'f', { events: ['insert', 'update'] })]),
    '-- Modify "tr" trigger\nCREATE OR REPLACE TRIGGER tr BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.f();\n',
  )
})

test('function: body change → OR REPLACE; return type change → drop (with its trigger) and create', () => {
  const f1 = fn('f', 'BEGIN RETURN NEW; END')
  const f2 = fn('f', 'BEGIN RETURN OLD; END')
  assert.is(
    sql([f1], [f2]),
    '-- Modify "f" function\nCREATE OR REPLACE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN OLD; END$$;\n',
  )
  const g1 = fn('g', 'SELECT 1', { returns: 'integer', language: 'sql' })
  const g2 = fn('g', "SELECT 'x'", { returns: 'text', language: 'sql' })
  const kinds = diff(db([g1]), db([g2])).changes.map((c) => c.kind)
  assert.equal(kinds, ['Drop', 'Create'])
  const tr = trigger('tr', 'users', 'f')
  const f3 = fn('f', 'BEGIN RETURN NEW; END', { args: [{ mode: 'in', type: 'integer' }] })
  const names = diff(db([users, f1, tr]), db([users, f3, { ...tr }])).changes.map((c) => (c.kind === 'Create' || c.kind === 'Drop' ? `${c.kind}:${c.object.kind}` : c.kind))
  assert.equal(names.slice(0, 2), ['Drop:Trigger', 'Drop:Function'])
})

test('function body with $$ gets another dollar tag', () => {
  const f = fn('f', "SELECT '$$'", { returns: 'text', language: 'sql' })
  assert.ok(sql([], [f]).includes("AS $_$SELECT '$$'$_$"))
})

test('comments and owners', () => {
  const a = { ...users, comment: "it's" }
  assert.is(sql([users], [a]), '-- Set comment to table: "users"\nCOMMENT ON TABLE public.users IS \'it\'\'s\';\n')
  assert.is(sql([a], [users]), '-- Remove comment from table: "users"\nCOMMENT ON TABLE public.users IS NULL;\n')
  assert.is(sql([users], [{ ...users, owner: 'app' }]), '-- Set owner of table "users" to "app"\nALTER TABLE public.users OWNER TO app;\n')
  // an owned sequence never gets its own OWNER TO
  const s = sequence('s', { ownedBy: { schema: 'public', table: 'users', column: 'id' } })
  const out = sql([users, s], [{ ...users, owner: 'app' }, { ...s, owner: 'app' }])
  assert.not.ok(out.includes('ALTER SEQUENCE public.s OWNER'))
})

test('schema drop with content uses CASCADE once', () => {
  const sch: DbObject = { kind: 'Schema', name: 'app', owner: 'postgres' }
  const t = { ...users, schema: 'app' }
  assert.is(sql([sch, t], []), '-- Drop "app" schema\n-- destructive: schema "app" is dropped with everything in it\nDROP SCHEMA app CASCADE;\n')
  const created = sql([], [t, sch])
  assert.ok(created.indexOf('CREATE SCHEMA app') < created.indexOf('CREATE TABLE app.users'))
})

test('partition bound change → detach and attach; partitioning change → recreate', () => {
  const parent = table('m', [col('k', 'integer')], { partitionBy: { strategy: 'range', keys: [{ expression: 'k' }] } })
  const p1 = table('m1', [col('k', 'integer')], { partitionOf: { parent: { schema: 'public', name: 'm' }, bound: 'FOR VALUES FROM (1) TO (10)' } })
  const p2 = { ...p1, partitionOf: { parent: { schema: 'public', name: 'm' }, bound: 'FOR VALUES FROM (1) TO (20)' } }
  assert.is(
    sql([parent, p1], [parent, p2]),
    [
      '-- Modify "m" table',
      'ALTER TABLE public.m DETACH PARTITION public.m1;',
      '-- Modify "m" table',
      'ALTER TABLE public.m ATTACH PARTITION public.m1 FOR VALUES FROM (1) TO (20);',
      '',
    ].join('\n'),
  )
  const plain = table('m', [col('k', 'integer')])
  const cs = diff(db([plain]), db([parent])).changes
  assert.equal(cs.map((c) => c.kind), ['Drop', 'Create'])
  assert.ok(cs[0]?.destructive)
})

test('generated expression change: SET EXPRESSION on 17+, drop and re-add before', () => {
  const g = (e: string) => table('t', [col('a', 'integer'), col('b', 'integer', { generated: e })])
  assert.ok(sql([g('a * 2')], [g('a * 3')], 17).includes('ALTER COLUMN b SET EXPRESSION AS (a * 3)'))
  const v15 = diff(db([g('a * 2')], 15), db([g('a * 3')], 15)).changes
  assert.ok(v15.some((c) => c.destructive?.includes('re-added')))
})

test('check constraint change is drop + add; NOT VALID → valid is VALIDATE', () => {
  const t = (k: ReturnType<typeof check>) => table('t', [col('a', 'integer')], { constraints: [k] })
  assert.is(
    sql([t(check('c', 'a > 0'))], [t(check('c', 'a > 1'))]),
    '-- Modify "t" table\nALTER TABLE public.t DROP CONSTRAINT c;\n-- Modify "t" table\nALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 1);\n',
  )
  const nv = { ...check('c', 'a > 0'), notValid: true } as ReturnType<typeof check>
  assert.is(sql([t(nv)], [t(check('c', 'a > 0'))]), '-- Modify "t" table\nALTER TABLE public.t VALIDATE CONSTRAINT c;\n')
})

test('output does not depend on insertion order', () => {
  const objs: DbObject[] = [
    users,
    table('orders', [col('id', 'integer'), col('user_id', 'integer')], { constraints: [fk('o_fk', ['user_id'], 'users', ['id'])] }),
    index('users_name', 'users', ['name']),
    view('v', 'SELECT id FROM users', ['id']),
    enumType('mood', ['a']),
    sequence('s'),
  ]
  const expected = emitSql(diff(freshCatalog(16), catalog(16, [...freshCatalog(16).objects.values(), ...objs])))
  for (let i = 0; i < 6; i++) {
    const shuffled = [...objs].sort(() => Math.random() - 0.5)
    assert.is(emitSql(diff(freshCatalog(16), catalog(16, [...freshCatalog(16).objects.values(), ...shuffled]))), expected)
  }
})

test('hostile identifiers are quoted', () => {
  const names = ['we"ird', 'Upper', 'with space', 'select', 'naïve', 'ünïcödé']
  const t = table(names[0] as string, names.map((n) => col(n, 'text')), { schema: 'ünïcödé' })
  const sch: DbObject = { kind: 'Schema', name: 'ünïcödé', owner: 'postgres' }
  const out = sql([], [sch, t])
  assert.ok(out.includes('CREATE SCHEMA "ünïcödé"'))
  assert.ok(out.includes('CREATE TABLE "ünïcödé"."we""ird" ("we""ird" text NULL, "Upper" text NULL, "with space" text NULL, "select" text NULL, "naïve" text NULL, "ünïcödé" text NULL)'))
  const evil = table('x\nDROP TABLE y; --', [col('a', 'text')])
  const e = sql([], [evil])
  assert.is(e.split('\n')[0], '-- Create "x\\u000aDROP TABLE y; --" table')
})

test.run()
