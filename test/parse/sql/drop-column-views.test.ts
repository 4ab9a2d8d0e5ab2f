/**
 * DROP COLUMN and the views that read the column: RESTRICT is refused like DROP TABLE is
 * ("cannot drop column … because other objects depend on it"); CASCADE drops those views and the
 * views over them, and keeps views that read only other columns. PostgreSQL (PGlite) is the oracle.
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

const BASE = `
create table users (id int, email text, "Mixed" int);
create view v_email as select id, email from users;
create view v_over as select email from v_email;
create view v_id as select id from users;
create view v_other as select u.id from users u where u."Mixed" > 0;
create view v_sub as select id from users where id in (select length(email) from users);
`

const errors = (sql: string) =>
  loadSql([{ file: 'f.sql', text: sql }], { pgVersion: 18 }).diagnostics.filter((d) => d.severity === 'error')

const interpretedViews = (sql: string): string[] => {
  const r = loadSql([{ file: 'f.sql', text: sql }], { pgVersion: 18 })
  assert.equal(r.diagnostics.filter((d) => d.severity === 'error'), [])
  return [...r.catalog.objects.values()].flatMap((o) => (o.kind === 'View' ? [o.name] : [])).sort()
}

test('DROP COLUMN without CASCADE is refused when a view reads the column, like PostgreSQL', async () => {
  const t = await fresh()
  try {
    await t.exec(BASE)
    let server: string | undefined
    try {
      await t.exec('alter table users drop column email;')
    } catch (e) {
      server = e instanceof Error ? e.message : String(e)
    }
    assert.ok(server?.includes('cannot drop column email of table users because other objects depend on it'), server)
    const es = errors(`${BASE}alter table users drop column email;`)
    assert.equal(es.map((d) => [d.code, d.message]), [
      ['E-DEPENDENT-OBJECTS', 'cannot drop column email of table users because other objects depend on it'],
    ])
  } finally {
    await t.close()
  }
})

test('DROP COLUMN without CASCADE succeeds when views read only other columns', async () => {
  const t = await fresh()
  try {
    const sql = `create table users (id int, email text, note text);
create view v_email as select id, email from users;
create view v_u as select u.id from users u;
alter table users drop column note;`
    await t.exec(sql)
    assert.equal(interpretedViews(sql), ['v_email', 'v_u'])
  } finally {
    await t.close()
  }
})

test('DROP COLUMN CASCADE drops the views reading it and the views over them, like PostgreSQL', async () => {
  const t = await fresh()
  try {
    const sql = `${BASE}alter table users drop column email cascade;`
    await t.exec(sql)
    const r = await t.db.query<{ n: string }>(`SELECT viewname AS n FROM pg_views WHERE schemaname = 'public' ORDER BY 1`)
    const server = r.rows.map((x) => x.n)
    assert.equal(server, ['v_id', 'v_other'])
    assert.equal(interpretedViews(sql), server)
    // an aliased, quoted column reference counts too
    const sql2 = `${BASE}alter table users drop column "Mixed" cascade;`
    assert.equal(interpretedViews(sql2), ['v_email', 'v_id', 'v_over', 'v_sub'])
  } finally {
    await t.close()
  }
})

test.run()
