import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { CatalogCodec, catalog, freshCatalog } from '../../src/ir/catalog.js'
import { irEqual } from '../../src/ir/equal.js'
import { idOf } from '../../src/ir/identity.js'
import { quoteIdent, quoteLiteral } from '../../src/ir/names.js'
import type { DbObject } from '../../src/ir/objects.js'

const objects: DbObject[] = [
  { kind: 'Schema', name: 'app', owner: 'postgres', span: { file: 'a.sql', line: 1, column: 1 } },
  {
    kind: 'Table',
    schema: 'app',
    name: 'We"ird',
    owner: 'postgres',
    persistence: 'permanent',
    columns: [
      { name: 'id', type: 'bigint', notNull: true, identity: { generation: 'always', sequence: 'We"ird_id_seq', start: '1', increment: '1', minValue: '1', maxValue: '9223372036854775807', cache: '1', cycle: false } },
      { name: 'n', type: 'character varying(20)', notNull: false, default: "'x'::text", comment: 'a\nb' },
    ],
    constraints: [
      { kind: 'PrimaryKey', name: 'We"ird_pkey', columns: ['id'], deferrable: false, initiallyDeferred: false },
      { kind: 'Check', name: 'c', expression: "n <> ''", notValid: true, noInherit: false, deferrable: false, initiallyDeferred: false },
    ],
  },
  {
    kind: 'Function',
    schema: 'app',
    name: 'add',
    owner: 'postgres',
    routine: 'function',
    args: [
      { mode: 'in', name: 'a', type: 'integer' },
      { mode: 'in', name: 'b', type: 'integer', default: '1' },
    ],
    returns: 'integer',
    language: 'sql',
    body: 'select a + b',
    volatility: 'immutable',
    strict: true,
    securityDefiner: false,
    leakproof: false,
    parallel: 'safe',
    config: [{ name: 'search_path', value: 'pg_catalog' }],
  },
]

test('Catalog survives the JSON codec exactly', () => {
  const c = catalog(16, objects)
  const json = JSON.parse(JSON.stringify(CatalogCodec.encode(c)))
  const back = CatalogCodec.decode(json)
  assert.ok(E.isRight(back))
  if (E.isRight(back)) {
    assert.ok(irEqual(back.right, c))
    assert.equal([...back.right.objects.keys()], [...c.objects.keys()])
  }
})

test('the codec rejects a malformed catalog with a path', () => {
  const bad = { pgVersion: 16, objects: [{ kind: 'Table', schema: 'x' }] }
  assert.ok(E.isLeft(CatalogCodec.decode(bad)))
  assert.ok(E.isLeft(CatalogCodec.decode({ pgVersion: 14, objects: [] })))
})

test('identities are stable, quoted, and carry routine signatures', () => {
  assert.is(idOf(objects[1]!), 'table:"app"."We""ird"')
  assert.is(idOf(objects[2]!), 'function:"app"."add"(integer,integer)')
  assert.is(idOf(objects[0]!), 'schema:"app"')
})

test('irEqual ignores spans but nothing else', () => {
  const a = objects[0]!
  const b = { ...a, span: { file: 'other.sql', line: 9, column: 9 } }
  assert.ok(irEqual(a, b))
  assert.not.ok(irEqual(a, { ...a, owner: 'x' }))
  assert.not.ok(irEqual(catalog(16, objects), catalog(15, objects)))
})

test('a fresh catalog holds schema public and plpgsql, with the owner of that version', () => {
  const f15 = freshCatalog(15)
  assert.equal([...f15.objects.keys()], ['extension:"plpgsql"', 'schema:"public"'])
  const pub = f15.objects.get('schema:"public"')
  assert.is(pub?.kind === 'Schema' ? pub.owner : undefined, 'pg_database_owner')
})

test('quoteIdent quotes exactly when needed', () => {
  const cases: Array<[string, string]> = [
    ['users', 'users'],
    ['Users', '"Users"'],
    ['user', '"user"'],
    ['select', '"select"'],
    ['with space', '"with space"'],
    ['we"ird', '"we""ird"'],
    ['naïve', '"naïve"'],
    ['_x1$', '"_x1$"'], ['_x1', '_x1'],
    ['1abc', '"1abc"'],
    ['', '""'],
    ['name', 'name'], // unreserved keyword
  ]
  for (const [name, quoted] of cases) assert.is(quoteIdent(name), quoted, name)
})

test('quoteLiteral escapes quotes and backslashes', () => {
  assert.is(quoteLiteral("it's"), "'it''s'")
  assert.is(quoteLiteral('a\\b'), "E'a\\\\b'")
})

test.run()
