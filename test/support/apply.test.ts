/** Migrations are applied statement by statement; comments are skipped, failures are located. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { applyStatements, scriptStatements, StatementError } from './apply.js'
import { fresh, stop } from './pglite.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

test('scriptStatements: comments are not statements, lines point at the first token', () => {
  const s = scriptStatements('-- head\n\nSELECT 1;\n-- c\n/* b */ SELECT\n  2;\n-- trailing note\n')
  assert.equal(s, [
    { text: 'SELECT 1;', line: 3 },
    { text: '/* b */ SELECT\n  2;', line: 5 },
  ])
  assert.equal(scriptStatements("SELECT ';' AS x; DO $$ BEGIN PERFORM 1; END $$;"), [
    { text: "SELECT ';' AS x;", line: 1 },
    { text: 'DO $$ BEGIN PERFORM 1; END $$;', line: 1 },
  ])
  const atomic = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;'
  assert.equal(scriptStatements(`-- x\n${atomic}\nSELECT 3;\nSELEC 4;\nSELECT 5;`), [
    { text: atomic, line: 2 },
    { text: 'SELECT 3;', line: 7 },
    { text: 'SELEC 4;', line: 8 },
    { text: 'SELECT 5;', line: 9 },
  ])
})

test('a failing statement is named: position, line and text', async () => {
  const t = await fresh()
  try {
    const err = await applyStatements(t.exec, 'CREATE TABLE t (a int);\n-- second\nALTER TABLE t ADD COLUMN a int;\nSELECT 1;').then(
      () => undefined,
      (e: unknown) => e,
    )
    assert.instance(err, StatementError)
    const e = err as StatementError
    assert.is(e.index, 2)
    assert.is(e.count, 3)
    assert.is(e.line, 3)
    assert.is(e.statement, 'ALTER TABLE t ADD COLUMN a int;')
    assert.match(e.message, /statement 2\/3 \(line 3\).*already exists/)
  } finally {
    await t.close()
  }
})

test.run()
