/**
 * The server normal form of expressions, checked against PostgreSQL itself (PGlite): for each
 * input, the offline form (serverExpr) must equal canonicalExpr(pg_get_expr(...)) read with an
 * empty search_path, for column defaults and check constraints alike. The `expected` column is
 * what PostgreSQL 18 prints, kept here so that a failure shows which side moved.
 */
import { PGlite } from '@electric-sql/pglite'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { canonicalExpr, exprText } from '../../src/normalize/expr.js'
import { serverExpr, type ServerEnv } from '../../src/normalize/server-form.js'
import { parseExpression, ready } from '../../src/parse/sql/parser.js'

await ready()

const COLUMNS: Readonly<Record<string, string>> = {
  i: 'integer',
  b: 'bigint',
  s: 'smallint',
  n: 'numeric',
  n2: 'numeric(10,2)',
  d: 'double precision',
  tx: 'text',
  vc: 'character varying(10)',
  bc: 'character(3)',
  bo: 'boolean',
  m: 'public.mood',
  p: 'public.posint',
  ts: 'timestamp with time zone',
  j: 'jsonb',
  ta: 'text[]',
}

const SETUP = `
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE DOMAIN posint AS integer CHECK (value > 0);
CREATE SEQUENCE s1;
CREATE FUNCTION f(x text) RETURNS boolean LANGUAGE sql AS 'select true';
CREATE TABLE t (${Object.entries(COLUMNS).map(([k, v]) => `${k} ${v}`).join(', ')});`

const env: ServerEnv = {
  column: (n) => COLUMNS[n],
  types: {
    userType: (schema, name) => (['mood', 'posint'].includes(name) && (schema ?? 'public') === 'public' ? `public.${name}` : undefined),
    extensionSchema: () => undefined,
  },
  userType: (t) => (t === 'public.mood' ? { kind: 'enum' } : t === 'public.posint' ? { kind: 'domain', base: 'integer' } : undefined),
  userFunction: (schema, name, nargs) => ((schema ?? 'public') === 'public' && name === 'f' && nargs === 1 ? { schema: 'public', args: ['text'], returns: 'boolean' } : undefined),
  relation: (schema, name) => ((schema ?? 'public') === 'public' && name === 's1' ? { schema: 'public', name: 's1' } : undefined),
}

/** [column, default expression, what pg_get_expr prints] */
const DEFAULTS: ReadonlyArray<readonly [string, string, string]> = [
  ['i', '0', '0'],
  ['i', '-10', "'-10'::integer"],
  ['i', "'5'", '5'],
  ['b', '0', '0'],
  ['b', '2147483648', "'2147483648'::bigint"],
  ['n', '-1', "'-1'::integer"],
  ['n', '1.5', '1.5'],
  ['n', '-1.5', "'-1.5'::numeric"],
  ['n2', '0.00', '0.00'],
  ['d', '1.5', '1.5'],
  ['tx', "'todo'", "'todo'::text"],
  ['tx', "''", "''::text"],
  ['tx', `'he said "hi"'`, `'he said "hi"'::text`],
  ['vc', "'x'", "'x'::character varying"],
  ['bc', "'EUR'", "'EUR'::bpchar"],
  ['bo', 'true', 'true'],
  ['bo', "'t'", 'true'],
  ['m', "'a'", "'a'::public.mood"],
  ['ts', 'now()', 'now()'],
  ['ts', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
  ['j', "'[]'", "'[]'::jsonb"],
  ['ta', "'{}'", "'{}'::text[]"],
  ['i', "nextval('s1')", "nextval('public.s1'::regclass)"],
  ['b', "nextval('public.s1'::regclass)", "nextval('public.s1'::regclass)"],
  ['tx', "'x'::varchar", "'x'::character varying"],
  ['i', "'3'::int", '3'],
  ['n', '0::numeric', '(0)::numeric'],
  ['tx', "lower('X')", "lower('X'::text)"],
]

/** [check expression, what pg_get_expr prints] */
const CHECKS: ReadonlyArray<readonly [string, string]> = [
  ['i > 0', '(i > 0)'],
  ['n > 0', '(n > (0)::numeric)'],
  ['n >= 0.5', '(n >= 0.5)'],
  ['i BETWEEN 1 AND 5', '((i >= 1) AND (i <= 5))'],
  ['i NOT BETWEEN 1 AND 5', '((i < 1) OR (i > 5))'],
  ["tx IN ('a', 'b')", "(tx = ANY (ARRAY['a'::text, 'b'::text]))"],
  ["tx NOT IN ('a', 'b')", "(tx <> ALL (ARRAY['a'::text, 'b'::text]))"],
  ['i IN (1, 2)', '(i = ANY (ARRAY[1, 2]))'],
  ["vc IN ('a', 'b')", "((vc)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"],
  ["vc = 'a'", "((vc)::text = 'a'::text)"],
  ["bc = 'a'", "(bc = 'a'::bpchar)"],
  ["m = 'a'", "(m = 'a'::public.mood)"],
  ["m IN ('a', 'b')", "(m = ANY (ARRAY['a'::public.mood, 'b'::public.mood]))"],
  ['p > 1', '((p)::integer > 1)'],
  ['i < b', '(i < b)'],
  ['b % i = 0', '((b % (i)::bigint) = 0)'],
  ['i / 1000.0 > 1', '(((i)::numeric / 1000.0) > (1)::numeric)'],
  ["tx <> ''", "(tx <> ''::text)"],
  ['length(vc) > 1', '(length((vc)::text) > 1)'],
  ['length(bc) = 3', '(length(bc) = 3)'],
  ["lower(vc) = 'x'", "(lower((vc)::text) = 'x'::text)"],
  ['f(tx)', 'public.f(tx)'],
  ["f('x')", "public.f('x'::text)"],
  ["vc ~ '^a'", "((vc)::text ~ '^a'::text)"],
  ["tx LIKE 'a%'", "(tx ~~ 'a%'::text)"],
  ["tx ILIKE 'a%'", "(tx ~~* 'a%'::text)"],
  ['d > 1.5', '(d > (1.5)::double precision)'],
  ['s > i', '(s > i)'],
  ['i = -1', "(i = '-1'::integer)"],
  ['n = -1', "(n = ('-1'::integer)::numeric)"],
  ["tx IS DISTINCT FROM 'a'", "(tx IS DISTINCT FROM 'a'::text)"],
  ["j ->> 'a' = 'x'", "((j ->> 'a'::text) = 'x'::text)"],
  ["j ? 'a'", "(j ? 'a'::text)"],
  ["tx || 'a' = 'b'", "((tx || 'a'::text) = 'b'::text)"],
  ["vc || 'a' = 'b'", "(((vc)::text || 'a'::text) = 'b'::text)"],
  ['coalesce(i, 0) > 0', '(COALESCE(i, 0) > 0)'],
  ['NOT bo', '(NOT bo)'],
  ['i IS NOT NULL AND tx IS NULL', '((i IS NOT NULL) AND (tx IS NULL))'],
]

/** Inputs whose server form depends on things not emulated: the user's text is kept as is. */
const KEPT: ReadonlyArray<string> = ["ts > '2020-01-01'", "array_length(ta, 1) > 0 OR tx = some_unknown_col"]

const offline = (text: string, target?: string): string => serverExpr(parseExpression(text), env, target)

const test = suite('server-form')
let db: PGlite

test.before(async () => {
  db = new PGlite()
  await db.exec(SETUP)
})
test.after(async () => {
  await db.close()
})

const live = async (sql: string, read: string): Promise<string> => {
  await db.exec(sql)
  await db.exec(`SET search_path = ''`)
  try {
    const r = await db.query<{ x: string }>(read)
    return r.rows[0]!.x
  } finally {
    await db.exec('RESET search_path')
  }
}

test('column defaults: offline form = pg_get_expr', async () => {
  for (const [col, input, expected] of DEFAULTS) {
    const text = await live(
      `ALTER TABLE t ALTER COLUMN ${col} SET DEFAULT ${input}`,
      `SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS x FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a
         ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'public.t'::pg_catalog.regclass AND a.attname = '${col}'`,
    )
    assert.is(text, expected, `PostgreSQL prints DEFAULT ${input} on ${col} as ${text}`)
    assert.is(offline(input, COLUMNS[col]), canonicalExpr(text), `DEFAULT ${input} on ${col}`)
  }
})

test('check constraints: offline form = pg_get_expr', async () => {
  for (const [input, expected] of CHECKS) {
    const text = await live(
      `ALTER TABLE t DROP CONSTRAINT IF EXISTS c; ALTER TABLE t ADD CONSTRAINT c CHECK (${input})`,
      `SELECT pg_catalog.pg_get_expr(conbin, conrelid) AS x FROM pg_catalog.pg_constraint WHERE conname = 'c'`,
    )
    assert.is(text, expected, `PostgreSQL prints CHECK (${input}) as ${text}`)
    assert.is(offline(input), canonicalExpr(text), `CHECK (${input})`)
  }
})

test('what cannot be known offline is kept as written', () => {
  for (const input of KEPT) assert.is(offline(input), canonicalExpr(exprText(parseExpression(input))), input)
})

test('the offline form is a fixed point and valid SQL', () => {
  for (const [col, input] of DEFAULTS) {
    const once = offline(input, COLUMNS[col])
    assert.is(offline(once, COLUMNS[col]), once, `idempotent: ${input}`)
  }
  for (const [input] of CHECKS) {
    const once = offline(input)
    assert.is(offline(once), once, `idempotent: ${input}`)
  }
})

test.run()
