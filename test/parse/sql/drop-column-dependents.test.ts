/**
 * F6: DROP COLUMN removes the indexes and constraints that reference the column — decided by the
 * column references of their keys, predicates and expressions, not by substring (dropping
 * "MixedCase" keeps an index on "MixedCase_2"; dropping ab keeps an index on (abc + 1)).
 * PostgreSQL (PGlite) is the oracle.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready, loadSql } from '../../../src/parse/index.js'
import { fresh, stop } from '../../support/pglite.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const SQL = `
create table users ("MixedCase" int, "MixedCase_2" int, ab int, abc int, x int, xy int);
create index users_2 on users ("MixedCase_2");
create index i3 on users ((abc + 1));
create index i_part on users (xy) where ab > 0;
create index i_keep_part on users (x) where abc > 0;
create index i_ab on users ((ab * 2));
alter table users add constraint c_abc check (abc > 0);
alter table users add constraint c_ab check (ab > 0);
alter table users drop column "MixedCase";
alter table users drop column ab;
`

const interpreted = (): { indexes: string[]; constraints: string[] } => {
  const r = loadSql([{ file: 'f.sql', text: SQL }], { pgVersion: 18 })
  assert.equal(r.diagnostics.filter((d) => d.severity === 'error'), [])
  const indexes: string[] = []
  const constraints: string[] = []
  for (const o of r.catalog.objects.values()) {
    if (o.kind === 'Index') indexes.push(o.name)
    if (o.kind === 'Table') constraints.push(...o.constraints.map((k) => k.name))
  }
  return { indexes: indexes.sort(), constraints: constraints.sort() }
}

test('DROP COLUMN keeps indexes and checks on other columns whose names contain it, like PostgreSQL', async () => {
  const t = await fresh()
  try {
    await t.exec(SQL)
    const idx = await t.db.query<{ n: string }>(`SELECT indexrelid::regclass::text AS n FROM pg_index WHERE indrelid = 'users'::regclass ORDER BY 1`)
    const con = await t.db.query<{ n: string }>(`SELECT conname AS n FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype <> 'n' ORDER BY 1`)
    const server = { indexes: idx.rows.map((r) => r.n).sort(), constraints: con.rows.map((r) => r.n).sort() }
    assert.equal(server, { indexes: ['i3', 'i_keep_part', 'users_2'], constraints: ['c_abc'] })
    assert.equal(interpreted(), server)
  } finally {
    await t.close()
  }
})

test.run()
