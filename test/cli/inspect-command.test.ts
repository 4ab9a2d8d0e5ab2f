import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { inspect } from '../../src/inspect/index.js'
import { ready } from '../../src/parse/sql/parser.js'
import { catalogDiff, catalogsConverge } from '../support/compare.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const bin = join(root, 'dist/src/cli/main.js')
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' })

const SCHEMA = `
create schema "Billing";
create type "Billing".state as enum ('open', 'paid');
create table "Billing".invoice (
  id bigint generated always as identity primary key,
  state "Billing".state not null default 'open',
  amount numeric(12,2) check (amount >= 0),
  "Note" text collate "C"
);
create index on "Billing".invoice (lower("Note")) where state = 'open';
create view "Billing".open_invoices as select id, amount from "Billing".invoice where state = 'open';
create function "Billing".total() returns numeric language sql stable as $$ select sum(amount) from "Billing".invoice $$;
comment on table "Billing".invoice is 'it''s billed';
`

test('inspect --url pglite://DIR prints SQL that rebuilds the same database', async () => {
  await ready()
  const dir = mkdtempSync(join(tmpdir(), 'pgcharter-inspect-'))
  const source = new PGlite(dir)
  await source.exec(SCHEMA)
  const want = await inspect(source)
  await source.close()

  const r = run(['inspect', '--url', `pglite://${dir}`])
  assert.is(r.status, 0, r.stderr)
  assert.match(r.stdout, /CREATE TABLE "Billing"\.invoice/)

  const target = new PGlite()
  await target.exec(r.stdout)
  const got = await inspect(target)
  await target.close()
  assert.ok(catalogsConverge(got, want), catalogDiff(got, want))

  const j = run(['inspect', '--url', `pglite://${dir}`, '--format', 'json'])
  assert.is(j.status, 0, j.stderr)
  const parsed = JSON.parse(j.stdout) as { objects: Array<{ kind: string; name: string }> }
  assert.ok(parsed.objects.some((o) => o.kind === 'Enum' && o.name === 'state'))
})

test('a missing pglite directory or a bad URL is one line, exit 2', () => {
  const r = run(['inspect', '--url', 'pglite:///nonexistent/pgcharter-test-dir'])
  assert.is(r.status, 2)
  assert.match(r.stderr, /^pgcharter: cannot connect to pglite:\/\/\/nonexistent\/pgcharter-test-dir: no such directory\n$/)
  const u = run(['inspect', '--url', 'mysql://x'])
  assert.is(u.status, 2)
  assert.is(u.stderr.split('\n').filter(Boolean).length, 1)
})

test.run()
