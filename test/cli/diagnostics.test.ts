import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatDiagnostics, maskPasswords } from '../../src/cli/diagnostics.js'

test('password literals are masked in every quoting form, line numbers kept', () => {
  const src = [
    "CREATE ROLE a LOGIN PASSWORD 'hunter2';",
    "CREATE USER b WITH ENCRYPTED password E'x\\'y';",
    'ALTER ROLE c PASSWORD $pw$se',
    'cret$pw$;',
    "CREATE ROLE d PASSWORD 'it''s';",
    "ALTER ROLE e PASSWORD NULL;",
  ].join('\n')
  const out = maskPasswords(src)
  for (const secret of ['hunter2', "x\\'y", 'se\ncret', 'cret', "it''s"]) assert.not.ok(out.includes(secret), secret)
  assert.is(out.split('\n').length, src.split('\n').length)
  assert.ok(out.includes("PASSWORD '<sensitive>'"))
  assert.ok(out.includes('PASSWORD NULL'))
})

test('a diagnostic quoting a line with a password shows it masked', () => {
  const text = "-- roles\nCREATE ROLE app LOGIN PASSWORD 'hunter2';\n"
  const out = formatDiagnostics([{ severity: 'warning', code: 'W-PASSWORD', message: 'password in a SQL file', span: { file: 'r.sql', line: 2, column: 23 } }], new Map([['r.sql', text]]))
  assert.not.ok(out.includes('hunter2'))
  assert.match(out, /r\.sql:2:23: warning W-PASSWORD/)
  assert.match(out, /PASSWORD '<sensitive>'/)
})

test.run()
