/** CREATE / ALTER / DROP POLICY and RLS flags: exact IR, server-form expressions, diagnostics. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadSql, ready } from '../../../src/parse/index.js'

const load = (text: string) => loadSql([{ file: 'f.sql', text }], { pgVersion: 18 })
const policies = (text: string) =>
  [...load(text).catalog.objects.values()].flatMap((o) => {
    if (o.kind !== 'Policy') return []
    const { span: _s, ...rest } = o
    return [rest]
  })
const T = `CREATE TABLE docs (id int, owner text, tenant int, locked boolean);`

test.before(async () => {
  await ready()
})

test('a policy in server normal form, roles sorted, PUBLIC by default', () => {
  assert.equal(policies(`${T} CREATE POLICY p ON docs AS RESTRICTIVE FOR UPDATE TO zed, CURRENT_USER
      USING (owner = current_user) WITH CHECK (tenant = current_setting('app.tenant')::int AND NOT locked AND id IN (1, 2));
      CREATE POLICY q ON docs USING (true);`), [
    {
      kind: 'Policy',
      schema: 'public',
      table: 'docs',
      name: 'p',
      permissive: false,
      command: 'update',
      roles: ['postgres', 'zed'],
      using: 'owner = CURRENT_USER',
      check: "tenant = (current_setting('app.tenant'::text))::int AND NOT (locked) AND id = ANY (ARRAY[1, 2])",
    },
    { kind: 'Policy', schema: 'public', table: 'docs', name: 'q', permissive: true, command: 'all', roles: ['PUBLIC'], using: 'true' },
  ])
})

test('sub-selects are qualified as the server prints them', () => {
  const [p] = policies(`CREATE TABLE members (team int, username text); ${T}
    CREATE POLICY p ON docs FOR SELECT USING (EXISTS (SELECT 1 FROM members m WHERE m.team = docs.tenant));`)
  assert.is(p?.using, 'EXISTS (SELECT 1 FROM public.members AS m WHERE m.team = docs.tenant)')
})

test('ALTER POLICY changes roles and expressions; RENAME; the policy follows its table; DROP', () => {
  const base = `${T} CREATE POLICY p ON docs TO a USING (id > 0);`
  const [p] = policies(`${base} ALTER POLICY p ON docs TO b, a WITH CHECK (id < 10); ALTER POLICY p ON docs RENAME TO p2; ALTER TABLE docs RENAME TO d2;`)
  assert.equal(p && [p.table, p.name, p.roles, p.using, p.check], ['d2', 'p2', ['a', 'b'], 'id > 0', 'id < 10'])
  assert.equal(policies(`${base} ALTER TABLE docs RENAME COLUMN id TO n;`)[0]?.using, 'n > 0')
  assert.equal(policies(`${base} DROP POLICY p ON docs;`), [])
  assert.equal(policies(`${base} DROP TABLE docs;`), [])
  assert.equal(load(`${T} DROP POLICY IF EXISTS nope ON docs;`).diagnostics, [])
})

test('RLS flags are independent', () => {
  const t = load(`${T} ALTER TABLE docs FORCE ROW LEVEL SECURITY; ALTER TABLE docs ENABLE ROW LEVEL SECURITY; ALTER TABLE docs DISABLE ROW LEVEL SECURITY;`).catalog.objects.get('table:"public"."docs"')
  assert.equal(t?.kind === 'Table' && [t.rowSecurity, t.forceRowSecurity], [undefined, true])
  const u = load(`${T} ALTER TABLE docs ENABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY;`).catalog.objects.get('table:"public"."docs"')
  assert.equal(u?.kind === 'Table' && [u.rowSecurity, u.forceRowSecurity], [true, undefined])
})

test('diagnostics: missing table, duplicate name, missing policy', () => {
  const codes = (text: string) => load(text).diagnostics.map((d) => d.code)
  assert.equal(codes('CREATE POLICY p ON nope USING (true);'), ['E-UNDEFINED-TABLE'])
  assert.equal(codes(`${T} CREATE POLICY p ON docs USING (true); CREATE POLICY p ON docs USING (true);`), ['E-DUPLICATE-OBJECT'])
  assert.equal(codes(`${T} ALTER POLICY p ON docs USING (true);`), ['E-UNDEFINED-OBJECT'])
})

test.run()
