/** `pgcharter convert` and HCL sources in `diff`, end to end through the built binary. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const bin = join(root, 'dist/src/cli/main.js')
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const dir = mkdtempSync(join(tmpdir(), 'pgcharter-convert-'))
const file = (name: string, text: string): string => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

const SQL = `CREATE ROLE app;
CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x');
GRANT SELECT ON t TO app;
CREATE FUNCTION f(a int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN a;
END;
$$;
`

test('convert --help, and help lists the command', () => {
  const r = run(['convert', '--help'])
  assert.is(r.code, 0)
  assert.match(r.out, /Usage: pgcharter convert FILE\.\.\. --to hcl\|sql/)
  assert.match(run(['--help']).out, /convert\s+convert a schema between SQL and HCL/)
  assert.match(run(['diff', '--help']).out, /--var NAME=VALUE/)
})

test('SQL → HCL prints canonical HCL, byte-identical on every run', () => {
  const f = file('schema.sql', SQL)
  const r = run(['convert', f, '--to', 'hcl'])
  assert.is(r.code, 0, r.err)
  assert.is(r.err, '')
  assert.match(r.out, /^schema "public" \{/)
  assert.match(r.out, 'role "app" {}')
  assert.match(r.out, /table "t" \{\n  schema = schema.public\n/)
  assert.match(r.out, 'default = sql("\'x\'::text")')
  assert.match(r.out, /permission \{\n  to         = role.app\n  for        = table.t\n  privileges = \[SELECT\]\n\}/)
  assert.match(r.out, /as = <<-SQL\n\n    BEGIN\n      RETURN a;\n    END;\n  SQL/)
  assert.is(run(['convert', f, '--to', 'hcl']).out, r.out)
})

test('SQL → SQL prints the migration from an empty database', () => {
  const r = run(['convert', file('s2.sql', SQL), '--to', 'sql'])
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /CREATE ROLE app;/)
  assert.match(r.out, /CREATE TABLE public\.t/)
  assert.match(r.out, /GRANT SELECT ON TABLE public\.t TO app;/)
})

test('--role: the owner is written only when it is not the role the schema is loaded as', () => {
  const f = file('owned.sql', 'CREATE ROLE deployer;\nCREATE TABLE t (a int);\nALTER TABLE t OWNER TO deployer;\n')
  assert.match(run(['convert', f, '--to', 'hcl']).out, /table "t" \{\n  schema = schema.public\n  owner  = role.deployer\n/)
  const r = run(['convert', file('plain.sql', 'CREATE TABLE t (a int);\n'), '--to', 'hcl', '--role', 'deployer'])
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /table "t" \{\n  schema = schema.public\n\n  column "a"/)
})

test('what HCL cannot express is a warning on stderr and a note in the output, exit 0', () => {
  const r = run(['convert', file('rev.sql', 'CREATE TABLE t (a int);\nREVOKE DELETE ON t FROM postgres;\n'), '--to', 'hcl'])
  assert.is(r.code, 0)
  assert.match(r.err, /^warning W-HCL-INEXPRESSIBLE: the owner of table public\.t revoked its own DELETE/)
  assert.match(r.out, /# note: the owner of table public\.t revoked its own DELETE/)
})

test('bad SQL input: compiler-style diagnostics, exit 2, nothing on stdout', () => {
  const r = run(['convert', file('bad.sql', 'CREATE TABLE t (a int);\nCREATE TABL u;\n'), '--to', 'hcl'])
  assert.is(r.code, 2)
  assert.is(r.out, '')
  assert.match(r.err, /bad\.sql:2:8: error \S+: syntax error/)
  assert.match(r.err, /\n  CREATE TABL u;\n {9}\^/)
  assert.not.match(r.err, /\n\s+at /, 'no stack trace')
})

test('usage errors: one line, exit 2', () => {
  const f = file('ok.sql', 'CREATE TABLE t (a int);\n')
  const h = file('ok.hcl', 'schema "public" {}\n')
  const mixed = join(dir, 'mixed')
  mkdirSync(mixed)
  writeFileSync(join(mixed, 'a.sql'), 'CREATE TABLE a (x int);\n')
  writeFileSync(join(mixed, 'b.hcl'), 'schema "public" {}\n')
  const empty = join(dir, 'empty')
  mkdirSync(empty)
  const cases: Array<[string[], RegExp]> = [
    [['convert', f], /--to hcl or --to sql/],
    [['convert', f, '--to', 'yaml'], /got "yaml"/],
    [['convert', '--to', 'hcl'], /at least one FILE/],
    [['convert', f, h, '--to', 'sql'], /cannot be mixed/],
    [['convert', mixed, '--to', 'sql'], /cannot be mixed/],
    [['convert', empty, '--to', 'sql'], /holds no \.sql or \.hcl files/],
    [['convert', 'nope.sql', '--to', 'hcl'], /no such file/],
    [['convert', f, '--to', 'hcl', '--var', 'novalue'], /--var must be name=value/],
    [['convert', 'postgres://localhost/x', '--to', 'hcl'], /convert reads files only/],
    [['diff', '--from', f, '--to', h, '--to', f], /cannot be mixed/],
  ]
  for (const [args, message] of cases) {
    const r = run(args)
    assert.is(r.code, 2, args.join(' '))
    assert.match(r.err, /^pgcharter: \S[^\n]*\n$/, `one line: ${JSON.stringify(r.err)}`)
    assert.match(r.err, message, args.join(' '))
    assert.is(r.out, '')
  }
})

/** A directory of two .hcl files with a variable (one schema, read in lexical order). */
const hclDir = (): string => {
  const d = join(dir, `hcl-${Math.random().toString(36).slice(2)}`)
  mkdirSync(d)
  writeFileSync(
    join(d, 'a.hcl'),
    `variable "reader" {
  type = string
}

schema "public" {
  comment = "standard public schema"
}

role "app" {}

table "t" {
  schema  = schema.public
  comment = "read by \${var.reader}"

  column "id" {
    type = integer
    null = false
  }
}
`,
  )
  writeFileSync(join(d, 'b.hcl'), 'permission {\n  to         = role.app\n  for        = table.t\n  privileges = [SELECT]\n}\n')
  return d
}

test('HCL → SQL: the migration from an empty database; --var and PGCHARTER_VAR_ give variables', () => {
  const d = hclDir()
  const r = run(['convert', d, '--to', 'sql', '--var', 'reader=bob'])
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /REVOKE USAGE ON SCHEMA public FROM PUBLIC;/, 'declarative: PUBLIC USAGE on public was not declared')
  assert.match(r.out, /CREATE TABLE public\.t \(id integer NOT NULL\);/)
  assert.match(r.out, /COMMENT ON TABLE public\.t IS 'read by bob';/)
  assert.match(r.out, /GRANT SELECT ON TABLE public\.t TO app;/)
  const env = run(['convert', d, '--to', 'sql'], { PGCHARTER_VAR_reader: 'carol' })
  assert.is(env.code, 0, env.err)
  assert.match(env.out, /IS 'read by carol';/)
  // --var wins over the environment
  assert.match(run(['convert', d, '--to', 'sql', '--var', 'reader=bob'], { PGCHARTER_VAR_reader: 'carol' }).out, /IS 'read by bob';/)
})

test('HCL → HCL is canonical, and converting the canonical HCL again gives it back', () => {
  const d = hclDir()
  const first = run(['convert', d, '--to', 'hcl', '--var', 'reader=bob'])
  assert.is(first.code, 0, first.err)
  assert.match(first.out, /comment = "read by bob"/)
  const again = run(['convert', file('canonical.hcl', first.out), '--to', 'hcl'])
  assert.is(again.code, 0, again.err)
  assert.is(again.out, first.out)
  // SQL → HCL → SQL gives the same migration as the SQL itself
  const sql = file('rt.sql', SQL)
  const viaHcl = run(['convert', file('rt.hcl', run(['convert', sql, '--to', 'hcl']).out), '--to', 'sql'])
  assert.is(viaHcl.code, 0, viaHcl.err)
  assert.is(viaHcl.out, run(['convert', sql, '--to', 'sql']).out)
})

test('bad HCL: every error with file:line:col and a caret, exit 2, nothing on stdout', () => {
  const bad = file('bad.hcl', 'schema "public" {}\n\ntable "x" {\n  schema = schema.public\n  colum "a" {}\n  comment = var.missing\n}\n')
  const r = run(['convert', bad, '--to', 'sql'])
  assert.is(r.code, 2)
  assert.is(r.out, '')
  assert.match(r.err, /bad\.hcl:5:3: error E-UNKNOWN-BLOCK: [^\n]*colum[^\n]*Did you mean "column"/)
  assert.match(r.err, /\n  {3}colum "a" \{\}\n  {3}\^/)
  assert.match(r.err, /bad\.hcl:6:\d+: error E-UNRESOLVED: [^\n]*missing/)
  assert.not.match(r.err, /\n\s+at /, 'no stack trace')
  const syntax = run(['convert', file('syntax.hcl', 'table "x" {\n  schema = \n}\n'), '--to', 'hcl'])
  assert.is(syntax.code, 2)
  assert.match(syntax.err, /syntax\.hcl:\d+:\d+: error E-HCL-SYNTAX/)
})

test('diff accepts .hcl files and directories wherever it accepts .sql', () => {
  const d = hclDir()
  const before = file('before.sql', 'CREATE ROLE app;\nCREATE TABLE t (id int NOT NULL);\n')
  const r = run(['diff', '--from', before, '--to', d, '--var', 'reader=bob'])
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /REVOKE USAGE ON SCHEMA public FROM PUBLIC;/)
  assert.match(r.out, /COMMENT ON TABLE public\.t IS 'read by bob';/)
  assert.match(r.out, /GRANT SELECT ON TABLE public\.t TO app;/)
  assert.not.match(r.out, /CREATE TABLE/)
  // and back: the HCL as the current state
  const back = run(['diff', '--from', d, '--to', before, '--var', 'reader=bob'])
  assert.is(back.code, 0, back.err)
  assert.match(back.out, /REVOKE SELECT ON TABLE public\.t FROM app;/)
  // an HCL error in diff is reported like any other
  const bad = run(['diff', '--to', d])
  assert.is(bad.code, 2)
  assert.match(bad.err, /a\.hcl:\d+:\d+: error E-UNRESOLVED: [^\n]*reader/)
})

test.run()
