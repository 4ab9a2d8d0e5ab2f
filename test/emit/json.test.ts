import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { ready } from '../../src/parse/sql/parser.js'
import { ChangeSet } from '../../src/ir/change.js'
import { irEqual } from '../../src/ir/equal.js'
import { diff } from '../../src/diff/index.js'
import { emitJson } from '../../src/emit/index.js'
import { col, db, enumType, table } from '../diff/build.js'

test.before(async () => {
  await ready()
})

test('emitJson is pretty, stable and decodes back to the same ChangeSet', () => {
  const a = db([table('t', [col('a', 'integer')], { span: { file: 'a.sql', line: 1, column: 1 } }), enumType('e', ['x'])])
  const b = db([table('t', [col('a', 'bigint'), col('b', 'text')]), enumType('e', ['x', 'y'])])
  const cs = diff(a, b)
  const json = emitJson(cs)
  assert.is(json, emitJson(diff(a, b)))
  assert.ok(json.startsWith('{\n  "changes": [\n'))
  assert.not.ok(json.includes('"span"'))
  const back = ChangeSet.decode(JSON.parse(json))
  assert.ok(E.isRight(back))
  if (E.isRight(back)) assert.ok(irEqual(back.right, cs))
  const kinds = (JSON.parse(json) as { changes: Array<{ kind: string }> }).changes.map((c) => c.kind)
  assert.equal(kinds, ['AddEnumValue', 'AlterTable'])
})

test('the codec rejects an unknown change kind', () => {
  assert.ok(E.isLeft(ChangeSet.decode({ changes: [{ kind: 'Explode', summary: 'x' }] })))
})

test.run()
