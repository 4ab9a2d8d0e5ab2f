import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const bin = join(root, 'dist/src/cli/main.js')
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const dir = mkdtempSync(join(tmpdir(), 'pgcharter-cli-'))
const file = (name: string, text: string): string => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

test('--help and command help exit 0', () => {
  const main = run(['--help'])
  assert.is(main.code, 0)
  assert.match(main.out, /Usage: pgcharter <command>/)
  const d = run(['diff', '--help'])
  assert.is(d.code, 0)
  assert.match(d.out, /--from SRC/)
  const i = run(['inspect', '-h'])
  assert.is(i.code, 0)
  assert.match(i.out, /--url URL/)
})

test('usage errors are one line and exit 2', () => {
  for (const args of [['frobnicate'], ['diff', '--bogus'], ['diff', '--from', 'x.sql'], ['diff', '--to', 'nope.sql'], ['diff', '--to', 'examples/v1.sql', '--pg-version', '14']]) {
    const r = run(args)
    assert.is(r.code, 2, args.join(' '))
    assert.not.match(r.err, /\n\s+at /, 'no stack trace')
    assert.match(r.err, /^pgcharter: \S[^\n]*\n$/, `one line: ${JSON.stringify(r.err)}`)
    assert.is(r.out, '', args.join(' '))
  }
  // no command at all: the usage text, and the exit code of a usage error
  const none = run([])
  assert.is(none.code, 2)
  assert.match(none.out, /Usage: pgcharter <command>/)
})

test('the example diff prints a commented migration', () => {
  const r = run(['diff', '--from', 'examples/v1.sql', '--to', 'examples/v2.sql'])
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /^-- (Create|Modify|Drop|Add|Set|Alter|Comment)/m)
  const again = run(['diff', '--from', 'examples/v1.sql', '--to', 'examples/v2.sql'])
  assert.is(again.out, r.out, 'byte-identical output')
})

test('access control end to end: a password is warned about and never printed', () => {
  const a = file('roles.sql', "CREATE ROLE app LOGIN PASSWORD 'hunter2';\nCREATE TABLE t (a int);\nGRANT SELECT ON t TO app;\n")
  for (const format of ['sql', 'json']) {
    const r = run(['diff', '--to', a, '--format', format])
    assert.is(r.code, 0, r.err)
    assert.not.ok(`${r.out}${r.err}`.includes('hunter2'), `no password in ${format} output`)
    assert.match(r.err, /roles\.sql:1:\d+: warning W-PASSWORD/)
    assert.match(r.err, /PASSWORD '<sensitive>'/)
  }
  const sql = run(['diff', '--to', a]).out
  assert.match(sql, /CREATE ROLE app WITH LOGIN;/)
  assert.match(sql, /-- Grant on table "t" to "app"\nGRANT SELECT ON TABLE public\.t TO app;/)
})

test('access control: bad grants, a dropped role, a missing table and a membership cycle are reported together, exit 2', () => {
  const bad = file(
    'bad.sql',
    'CREATE ROLE a;\nCREATE ROLE b IN ROLE a;\nGRANT b TO a;\nCREATE TABLE t (x int);\nGRANT EXECUTE ON TABLE t TO a;\n' +
      'CREATE ROLE gone;\nDROP ROLE gone;\nREVOKE SELECT ON t FROM gone;\nCREATE POLICY p ON missing USING (true);\n',
  )
  const r = run(['diff', '--to', bad])
  assert.is(r.code, 2)
  assert.is(r.out, '')
  assert.match(r.err, /bad\.sql:3:12: error E-MEMBERSHIP-CYCLE: role "b" is a member of role "a"/)
  assert.match(r.err, /bad\.sql:5:1: error E-INVALID-PRIVILEGE: invalid privilege type EXECUTE for relation/)
  assert.match(r.err, /bad\.sql:8:25: error E-UNDEFINED-ROLE: role "gone" does not exist/)
  assert.match(r.err, /bad\.sql:9:20: error E-UNDEFINED-TABLE: relation "missing" does not exist/)
  assert.not.match(r.err, /\n\s+at /)
})

test('the example converted to HCL diffs exactly like its SQL (the README\'s HCL commands)', () => {
  const hcl = run(['convert', 'examples/v2.sql', '--to', 'hcl'])
  assert.is(hcl.code, 0, hcl.err)
  const v2 = file('v2.hcl', hcl.out)
  const viaHcl = run(['diff', '--from', 'examples/v1.sql', '--to', v2])
  assert.is(viaHcl.code, 0, viaHcl.err)
  assert.is(viaHcl.out, run(['diff', '--from', 'examples/v1.sql', '--to', 'examples/v2.sql']).out)
  assert.is(run(['diff', '--from', v2, '--to', 'examples/v2.sql']).out, '')
})

test('bad HCL: every problem at once, in source order, with did-you-mean, exit 2', () => {
  const bad = file(
    'bad.hcl',
    [
      'schema "public" {}',
      'table "t" {',
      '  schema = schema.pubic',
      '  column "id" {',
      '    type = integer',
      '    nul = false',
      '  }',
      '  colum "x" {}',
      '}',
      'locals {',
      '  a = local.b',
      '  b = local.a',
      '}',
      'user "u" {',
      '  valid_until = getenv("PGCHARTER_SURELY_UNSET")',
      '}',
      '',
    ].join('\n'),
  )
  const r = run(['diff', '--to', bad])
  assert.is(r.code, 2)
  assert.is(r.out, '')
  const lines = r.err.split('\n').filter((l) => / error /.test(l))
  const at = lines.map((l) => /bad\.hcl:(\d+):(\d+): error (E-[A-Z-]+)/.exec(l)?.slice(1, 4).join(':'))
  assert.ok(at.includes('3:12:E-UNRESOLVED'), r.err)
  assert.ok(at.includes('6:5:E-UNKNOWN-ATTRIBUTE'), r.err)
  assert.ok(at.includes('8:3:E-UNKNOWN-BLOCK'), r.err)
  assert.ok(at.some((x) => x?.endsWith(':E-CYCLE')), r.err)
  assert.ok(at.includes('15:17:E-GETENV'), r.err)
  assert.match(r.err, /did you mean schema\.public\?/)
  assert.match(r.err, /Did you mean "null"\?/)
  const positions = at.map((x) => Number(x?.split(':')[0]))
  assert.equal(positions, [...positions].sort((a, b) => a - b), 'source order')
  assert.not.match(r.err, /\n\s+at /)
})

test('no --from means an empty database; json format is the change set', () => {
  const t = file('t.sql', 'create table "Users" (id int primary key, name text not null);\n')
  const r = run(['diff', '--to', t])
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /-- Create "Users" table/)
  assert.match(r.out, /CREATE TABLE "public"\."Users"|CREATE TABLE public\."Users"/)
  const j = run(['diff', '--to', t, '--format', 'json'])
  assert.is(j.code, 0, j.err)
  assert.ok(JSON.parse(j.out))
})

test('the same schema on both sides diffs to nothing, whatever the formatting', () => {
  const a = file('a.sql', 'CREATE TABLE t (id INT PRIMARY KEY, n VARCHAR(20) DEFAULT (\'x\') CHECK ((n <> \'\')));')
  const b = file('b.sql', 'create table public.t (\n  id integer primary key,\n  n character varying(20) default \'x\' check (n <> \'\')\n);')
  const r = run(['diff', '--from', a, '--to', b])
  assert.is(r.code, 0, r.err)
  assert.is(r.out.trim(), '')
})

test('stdin and directories are sources', () => {
  const d = join(dir, 'schema')
  mkdirSync(d)
  writeFileSync(join(d, '02_b.sql'), 'create index t_n on t (n);')
  writeFileSync(join(d, '01_a.sql'), 'create table t (n text);')
  const r = run(['diff', '--from', '-', '--to', d], 'create table t (n text);')
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /CREATE INDEX/)
  assert.not.match(r.out, /CREATE TABLE/)
})

test('every syntax error is reported with file:line:col, the line and a caret; exit 2', () => {
  const bad = file('bad.sql', 'create table ok (id int);\ncreate tabel x (id int);\ncreate table y (id int,);\n')
  const r = run(['diff', '--to', bad])
  assert.is(r.code, 2)
  assert.match(r.err, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:8: error PG-SYNTAX: syntax error at or near "tabel"`))
  assert.match(r.err, /create tabel x \(id int\);\n\s+\^/)
  assert.match(r.err, /:3:\d+: error PG-SYNTAX/)
  assert.is(r.out, '')
})

test('a reference to an undefined table is an error with a span', () => {
  const bad = file('fk.sql', 'create table a (id int primary key);\ncreate table b (a_id int references missing(id));\n')
  const r = run(['diff', '--to', bad])
  assert.is(r.code, 2)
  assert.match(r.err, /fk\.sql:2:\d+: error [A-Z-]+: .*missing/)
})

test('an unreadable source is one line, exit 2', () => {
  const d = join(dir, 'unreadable')
  mkdirSync(d)
  writeFileSync(join(d, 'x.sql'), 'create table x (a int);')
  const asDir = run(['diff', '--to', join(d, 'x.sql', 'nested.sql')])
  assert.is(asDir.code, 2)
  const r = run(['diff', '--to', join(dir, 'unreadable-missing.sql')])
  assert.is(r.code, 2)
  assert.match(r.err, /no such file or directory/)
  assert.not.match(r.err, /\n\s+at /)
})

test('an unreachable database is one clear line without the password', () => {
  const r = run(['diff', '--to', 'postgres://alice:s3cret@127.0.0.1:1/db'])
  assert.is(r.code, 2)
  assert.not.match(r.err, /s3cret/)
  assert.match(r.err, /cannot connect/)
  assert.is(r.err.trim().split('\n').length, 1, r.err)
})

test.run()
