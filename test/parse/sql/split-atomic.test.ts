/** splitStatements keeps a SQL-standard `BEGIN ATOMIC … END` body (with CASE … END inside) in one statement. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready, splitStatements, parseSql } from '../../../src/parse/sql/parser.js'

test.before(async () => {
  await ready()
})

const FN = `CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE CASE WHEN x < 0 THEN -1 END END;
  SELECT (x + 1);
END;`

test('a BEGIN ATOMIC body is not cut at its inner semicolons', () => {
  const text = `SELECT 1;\n${FN}\nSELECT "end";\nBEGIN;\nCOMMIT;`
  const parts = splitStatements(text).map((p) => p.text.trim())
  assert.equal(parts, ['SELECT 1;', FN, 'SELECT "end";', 'BEGIN;', 'COMMIT;'])
})

test('every syntax error is still found around a BEGIN ATOMIC body', () => {
  const r = parseSql(`SELEC 1;\n${FN}\nSELECT 2 FROM;`, 'f.sql')
  assert.ok(r._tag === 'Left')
  if (r._tag === 'Left') assert.equal(r.left.length, 2, JSON.stringify(r.left))
})

test.run()
