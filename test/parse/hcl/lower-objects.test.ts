import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/index.js'
import { hclErrors, hclVsSql } from './lower-compare.js'
import { at, blk, bool, call, col, differences, kw, list, lower, num, ref, sql, statements, str } from './lower-fake.js'

test.before(async () => {
  await ready()
})

const pub = { schema: ref(at('schema', 'public')) }
const publicSchema = blk('schema', ['public'], { comment: str('standard public schema') })
const same = (blocks: Parameters<typeof differences>[0], text: string, role?: string): void => {
  const d = differences(blocks, text, role)
  assert.ok(d === undefined, d)
}

test('schema: CREATE, comment and owner; public exists already, keeps its fresh owner, and its comment is declared', () => {
  assert.equal(statements([blk('schema', ['app'], { comment: str("it's"), owner: ref(at('role', 'bob')) }), blk('schema', ['public'], {})]), [
    'schemas: CREATE SCHEMA app',
    "attached: COMMENT ON SCHEMA app IS 'it''s'",
    'attached: ALTER SCHEMA app OWNER TO bob',
    'schemas: CREATE SCHEMA IF NOT EXISTS public',
    // declared state: no comment written means none
    'attached: COMMENT ON SCHEMA public IS NULL',
  ])
  // the owner is the migration role: nothing to say
  assert.equal(statements([blk('schema', ['My S'], { owner: str('postgres') })]), ['schemas: CREATE SCHEMA "My S"'])
  same([blk('schema', ['app'], { comment: str('c'), owner: str('bob') }), publicSchema], "CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'c'; ALTER SCHEMA app OWNER TO bob;")
  same([blk('schema', ['public'], { comment: str('') })], 'COMMENT ON SCHEMA public IS NULL;')
  same([blk('schema', ['public'], { owner: str('postgres') })], 'ALTER SCHEMA public OWNER TO postgres; COMMENT ON SCHEMA public IS NULL;')
  same([blk('schema', ['public'], { comment: str('standard public schema') })], '')
})

test('extension: schema as reference or string, version, comment', () => {
  assert.equal(statements([blk('extension', ['pgcrypto'], { schema: ref(at('schema', 'ext')), version: str('1.3'), comment: str('c') })]), [
    "schemas: CREATE EXTENSION pgcrypto SCHEMA ext VERSION '1.3'",
    "attached: COMMENT ON EXTENSION pgcrypto IS 'c'",
  ])
  assert.equal(statements([blk('extension', ['plpgsql'], { schema: str('pg_catalog') })]), ['schemas: CREATE EXTENSION IF NOT EXISTS plpgsql SCHEMA pg_catalog'])
  same([blk('schema', ['ext'], {}), blk('extension', ['citext'], { schema: ref(at('schema', 'ext')) }), publicSchema], 'CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext;')
  same([blk('extension', ['pgcrypto'], { comment: str('') }), publicSchema], 'CREATE EXTENSION pgcrypto; COMMENT ON EXTENSION pgcrypto IS NULL;')
})

test('enum', () => {
  assert.equal(statements([blk('enum', ['mood'], { ...pub, values: list(str('sad'), str("o'k")), comment: str('m'), owner: ref(at('user', 'u')) })]), [
    "types: CREATE TYPE public.mood AS ENUM ('sad', 'o''k')",
    "attached: COMMENT ON TYPE public.mood IS 'm'",
    'attached: ALTER TYPE public.mood OWNER TO u',
  ])
  same([publicSchema, blk('enum', ['Mood'], { ...pub, values: list(str('a'), str('b')), comment: str('m') })], `CREATE TYPE "Mood" AS ENUM ('a', 'b'); COMMENT ON TYPE "Mood" IS 'm';`)
})

test('domain: type, null, default, collate, checks (one NOT VALID, with a comment)', () => {
  const d = blk('domain', ['code'], { ...pub, type: call('varchar', num(10)), null: bool(false), default: str('x'), collate: str('C'), comment: str('d'), owner: str('bob') }, [
    blk('check', ['short'], { expr: str('length(VALUE) < 5') }),
    blk('check', ['upper'], { expr: str('VALUE = upper(VALUE)'), not_valid: bool(true), comment: str('cc') }),
  ])
  assert.equal(statements([d]), [
    "attached: COMMENT ON CONSTRAINT upper ON DOMAIN public.code IS 'cc'",
    "types: CREATE DOMAIN public.code AS varchar(10) COLLATE \"C\" DEFAULT 'x' NOT NULL CONSTRAINT short CHECK (length(VALUE) < 5)",
    'types: ALTER DOMAIN public.code ADD CONSTRAINT upper CHECK (VALUE = upper(VALUE)) NOT VALID',
    "attached: COMMENT ON DOMAIN public.code IS 'd'",
    'attached: ALTER DOMAIN public.code OWNER TO bob',
  ])
  same(
    [publicSchema, d],
    `CREATE DOMAIN code AS varchar(10) COLLATE "C" DEFAULT 'x' NOT NULL CONSTRAINT short CHECK (length(VALUE) < 5);
     ALTER DOMAIN code ADD CONSTRAINT upper CHECK (VALUE = upper(VALUE)) NOT VALID;
     COMMENT ON CONSTRAINT upper ON DOMAIN code IS 'cc'; COMMENT ON DOMAIN code IS 'd'; ALTER DOMAIN code OWNER TO bob;`,
  )
  same([publicSchema, blk('domain', ['n'], { ...pub, type: kw('integer'), default: num(0) })], 'CREATE DOMAIN n AS integer DEFAULT 0;')
  same([publicSchema, blk('domain', ['f'], { ...pub, type: kw('boolean'), default: bool(true) })], 'CREATE DOMAIN f AS boolean DEFAULT true;')
  same([publicSchema, blk('domain', ['t'], { ...pub, type: sql('timestamp with time zone'), default: sql('now()') })], 'CREATE DOMAIN t AS timestamptz DEFAULT now();')
})

test('composite: fields with type, collate and comment; a reference to an enum as a type', () => {
  const c = blk('composite', ['pair'], { ...pub, comment: str('p') }, [
    blk('field', ['a'], { type: kw('text'), collate: str('C'), comment: str('first') }),
    blk('field', ['m'], { type: ref(at('enum', 'mood', 'public')) }),
  ])
  assert.equal(statements([c]), [
    "attached: COMMENT ON COLUMN public.pair.a IS 'first'",
    'types: CREATE TYPE public.pair AS (a text COLLATE "C", m "public"."mood")',
    "attached: COMMENT ON TYPE public.pair IS 'p'",
  ])
  same(
    [publicSchema, c, blk('enum', ['mood'], { ...pub, values: list(str('x')) })],
    `CREATE TYPE mood AS ENUM ('x'); CREATE TYPE pair AS (a text COLLATE "C", m mood); COMMENT ON COLUMN pair.a IS 'first'; COMMENT ON TYPE pair IS 'p';`,
  )
})

test('sequence: every parameter, unlogged, owned_by after the table exists', () => {
  const t = at('table', 't', 'public')
  const s = blk('sequence', ['s'], {
    ...pub,
    type: kw('integer'),
    start: num(5),
    increment: num(-1),
    min_value: num(-100),
    max_value: num(10),
    cache: num(3),
    cycle: bool(true),
    unlogged: bool(true),
    owned_by: col('id', t),
    comment: str('s'),
  })
  assert.equal(statements([s]), [
    'sequences: CREATE UNLOGGED SEQUENCE public.s AS integer START WITH 5 INCREMENT BY -1 MINVALUE -100 MAXVALUE 10 CACHE 3 CYCLE',
    'constraints: ALTER SEQUENCE public.s OWNED BY public.t.id',
    "attached: COMMENT ON SEQUENCE public.s IS 's'",
  ])
  same(
    [publicSchema, blk('table', ['t'], pub, [blk('column', ['id'], { type: kw('integer') })]), s],
    `CREATE UNLOGGED SEQUENCE s AS integer START 5 INCREMENT -1 MINVALUE -100 MAXVALUE 10 CACHE 3 CYCLE;
     CREATE TABLE t (id integer); ALTER SEQUENCE s OWNED BY t.id; COMMENT ON SEQUENCE s IS 's';`,
  )
  assert.equal(statements([blk('sequence', ['q'], { ...pub, owner: str('bob') })]), ['sequences: CREATE SEQUENCE public.q', 'attached: ALTER SEQUENCE public.q OWNER TO bob'])
  same([publicSchema, blk('sequence', ['q'], { ...pub, owner: str('bob') })], 'CREATE SEQUENCE q; ALTER SEQUENCE q OWNER TO bob;')
})

test('the comparison itself sees a difference', () => {
  assert.match(differences([publicSchema, blk('enum', ['e'], { ...pub, values: list(str('a')) })], "CREATE TYPE e AS ENUM ('b');") ?? '', /type:"public"."e"/)
})

test('errors: a wrong value type, a missing required attribute, unknown attributes', () => {
  const r = lower([
    blk('enum', ['e'], { ...pub, values: str('a') }),
    blk('domain', ['d'], { ...pub, null: str('no') }),
    blk('sequence', ['q'], { ...pub, start: str('1'), owned_by: ref(at('table', 't')) }),
    blk('schema', ['s'], { owner: num(1), comentt: str('x') }),
  ])
  assert.equal(
    r.errors.map((e) => e.code),
    ['E-TYPE', 'E-MISSING-ATTRIBUTE', 'E-TYPE', 'E-TYPE', 'E-TYPE', 'E-UNKNOWN-ATTRIBUTE', 'E-TYPE'],
  )
  assert.match(r.errors[0]?.message ?? '', /expected a list, got a string/)
  assert.match(r.errors.find((e) => e.code === 'E-UNKNOWN-ATTRIBUTE')?.message ?? '', /comentt/)
})

const hcl = (text: string, sqlText: string, role?: string): void => {
  const d = hclVsSql(text, sqlText, role)
  assert.ok(d === undefined, d)
}

test('loadHcl ≅ loadSql: schema, extension, enum, domain, composite, sequence', () => {
  hcl(
    `
schema "public" {
  comment = "standard public schema"
}
schema "app" {
  comment = "the app"
  owner   = ref("role.bob")
}
extension "citext" {
  schema  = schema.app
  comment = "text without case"
}
enum "mood" {
  schema  = schema.app
  values  = ["sad", "o'k"]
  comment = "m"
  owner   = "bob"
}
domain "code" {
  schema  = schema.app
  type    = varchar(10)
  null    = false
  default = "x"
  collate = "C"
  comment = "d"
  check "short" {
    expr = "length(VALUE) < 5"
  }
  check "upper" {
    expr      = "VALUE = upper(VALUE)"
    not_valid = true
    comment   = "cc"
  }
}
composite "pair" {
  schema = schema.app
  field "a" {
    type    = text
    collate = "C"
    comment = "first"
  }
  field "m" {
    type = enum.mood
  }
}
sequence "counter" {
  schema    = schema.app
  type      = integer
  start     = 5
  increment = -1
  min_value = -100
  max_value = 10
  cache     = 3
  cycle     = true
  owned_by  = table.t.column.id
  comment   = "s"
}
sequence "plain" {
  schema   = schema.app
  unlogged = true
}
table "t" {
  schema = schema.app
  column "id" {
    type = integer
    null = true
  }
}
`,
    `CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'the app'; ALTER SCHEMA app OWNER TO bob;
     CREATE EXTENSION citext SCHEMA app; COMMENT ON EXTENSION citext IS 'text without case';
     CREATE TYPE app.mood AS ENUM ('sad', 'o''k'); COMMENT ON TYPE app.mood IS 'm'; ALTER TYPE app.mood OWNER TO bob;
     CREATE DOMAIN app.code AS varchar(10) COLLATE "C" DEFAULT 'x' NOT NULL CONSTRAINT short CHECK (length(VALUE) < 5);
     ALTER DOMAIN app.code ADD CONSTRAINT upper CHECK (VALUE = upper(VALUE)) NOT VALID;
     COMMENT ON CONSTRAINT upper ON DOMAIN app.code IS 'cc'; COMMENT ON DOMAIN app.code IS 'd';
     CREATE TYPE app.pair AS (a text COLLATE "C", m app.mood); COMMENT ON COLUMN app.pair.a IS 'first';
     CREATE SEQUENCE app.counter AS integer START 5 INCREMENT -1 MINVALUE -100 MAXVALUE 10 CACHE 3 CYCLE;
     CREATE UNLOGGED SEQUENCE app.plain;
     CREATE TABLE app.t (id integer); ALTER SEQUENCE app.counter OWNED BY app.t.id; COMMENT ON SEQUENCE app.counter IS 's';`,
  )
})

test('loadHcl errors: unknown attribute with did-you-mean, wrong value type, a missing table', () => {
  const e = hclErrors(`
schema "public" {
  coment = "x"
}
enum "e" {
  schema = schema.public
  values = "a"
}
sequence "s" {
  schema   = schema.public
  owned_by = table.missing.column.id
}
`)
  assert.ok(e.some((x) => /^E-UNKNOWN-ATTRIBUTE 3:3 .*coment.*Did you mean "comment"/i.test(x)), e.join('\n'))
  assert.ok(e.some((x) => /^E-TYPE 7:\d+ .*expected a list, got a string/.test(x)), e.join('\n'))
  assert.ok(e.some((x) => /^E-UNRESOLVED 11:\d+ /.test(x)), e.join('\n'))
})

test.run()
