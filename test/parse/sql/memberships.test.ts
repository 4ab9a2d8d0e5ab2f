/** GRANT / REVOKE role, ALTER GROUP and the membership clauses of CREATE ROLE: exact IR, and PGlite as oracle. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready, loadSql } from '../../../src/parse/index.js'
import { stop } from '../../support/pglite.js'
import { agreesWithServer, loadedRoles } from './role-oracle.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const codes = (text: string, pgVersion: 15 | 18 = 18): string[] =>
  loadSql([{ file: 'f.sql', text }], { pgVersion }).diagnostics.map((d) => d.code)
const members = (text: string, pgVersion: 15 | 18 = 18) => loadedRoles(text, pgVersion).memberships
const M = (role: string, member: string, admin = false, inherit = true, set = true) => ({ kind: 'Membership', role, member, admin, inherit, set })

test('GRANT role TO member with options (16+)', () => {
  assert.equal(members('CREATE ROLE r; CREATE ROLE m; GRANT r TO m;'), [M('r', 'm')])
  assert.equal(members('CREATE ROLE r; CREATE ROLE m; GRANT r TO m WITH ADMIN OPTION;'), [M('r', 'm', true)])
  assert.equal(members('CREATE ROLE r; CREATE ROLE m; GRANT r TO m WITH INHERIT FALSE, SET FALSE;'), [M('r', 'm', false, false, false)])
  assert.equal(members('CREATE ROLE r; CREATE ROLE m; GRANT r TO m WITH ADMIN TRUE, INHERIT TRUE GRANTED BY postgres;'), [M('r', 'm', true)])
})

test('inherit defaults to the member’s INHERIT attribute on 16+; external members inherit', () => {
  assert.equal(members('CREATE ROLE r; CREATE ROLE m NOINHERIT; GRANT r TO m;'), [M('r', 'm', false, false)])
  assert.equal(members('CREATE ROLE r; GRANT r TO outsider;'), [M('r', 'outsider')])
  // the attribute at grant time counts, not a later change
  assert.equal(members('CREATE ROLE r; CREATE ROLE m; GRANT r TO m; ALTER ROLE m NOINHERIT;'), [M('r', 'm')])
})

test('a second GRANT updates the options it names', () => {
  const base = 'CREATE ROLE r; CREATE ROLE m; GRANT r TO m WITH ADMIN OPTION;'
  assert.equal(members(`${base} GRANT r TO m;`), [M('r', 'm', true)])
  assert.equal(members(`${base} GRANT r TO m WITH INHERIT FALSE;`), [M('r', 'm', true, false)])
  assert.equal(members(`${base} GRANT r TO m WITH ADMIN FALSE, SET FALSE;`), [M('r', 'm', false, true, false)])
})

test('PostgreSQL 15: no INHERIT/SET options, GRANTED BY only the current user', () => {
  assert.equal(members('CREATE ROLE r; CREATE ROLE m NOINHERIT; GRANT r TO m;', 15), [M('r', 'm')])
  assert.equal(codes('CREATE ROLE r; CREATE ROLE m; GRANT r TO m WITH INHERIT FALSE;', 15), ['E-VERSION'])
  assert.equal(codes('CREATE ROLE r; CREATE ROLE m; REVOKE SET OPTION FOR r FROM m;', 15), ['E-VERSION'])
  assert.equal(codes('CREATE ROLE r; CREATE ROLE m; GRANT r TO m GRANTED BY r;', 15), ['E-VERSION'])
  assert.equal(codes('CREATE ROLE r; CREATE ROLE m; GRANT r TO m GRANTED BY r;', 18), [])
  assert.equal(members('CREATE ROLE r; CREATE ROLE m; GRANT r TO m; GRANT r TO m WITH ADMIN OPTION; GRANT r TO m;', 15), [M('r', 'm', true)])
})

test('REVOKE: the membership or one option', () => {
  const base = 'CREATE ROLE r; CREATE ROLE m; GRANT r TO m WITH ADMIN OPTION;'
  assert.equal(members(`${base} REVOKE r FROM m;`), [])
  assert.equal(members(`${base} REVOKE ADMIN OPTION FOR r FROM m CASCADE;`), [M('r', 'm')])
  assert.equal(members(`${base} REVOKE INHERIT OPTION FOR r FROM m;`), [M('r', 'm', true, false)])
  assert.equal(members(`${base} REVOKE SET OPTION FOR r FROM m;`), [M('r', 'm', true, true, false)])
  assert.equal(codes('CREATE ROLE r; CREATE ROLE m; REVOKE r FROM m;'), ['W-NOT-MEMBER'])
})

test('ALTER GROUP ADD / DROP USER; CREATE ROLE IN ROLE, ROLE, ADMIN', () => {
  assert.equal(members('CREATE GROUP g; CREATE USER a; CREATE USER b; ALTER GROUP g ADD USER a, b; ALTER GROUP g DROP USER a;'), [M('g', 'b')])
  assert.equal(members('CREATE ROLE p; CREATE ROLE q; CREATE ROLE x NOINHERIT IN ROLE p ROLE q ADMIN outsider;'), [
    M('p', 'x', false, false),
    M('x', 'outsider', true),
    M('x', 'q'),
  ])
})

test('cycles, dropped roles and PUBLIC are errors', () => {
  assert.equal(codes('CREATE ROLE a; CREATE ROLE b; GRANT a TO b; GRANT b TO a;'), ['E-MEMBERSHIP-CYCLE'])
  assert.equal(codes('CREATE ROLE a; CREATE ROLE b; CREATE ROLE c; GRANT a TO b; GRANT b TO c; GRANT c TO a;'), ['E-MEMBERSHIP-CYCLE'])
  assert.equal(codes('CREATE ROLE a; GRANT a TO a;'), ['E-MEMBERSHIP-CYCLE'])
  const r = loadSql([{ file: 'f.sql', text: 'CREATE ROLE a; CREATE ROLE b;\nGRANT a TO b;\nGRANT b TO a;' }], { pgVersion: 18 })
  assert.is(r.diagnostics[0]?.span?.line, 3)
  assert.equal(codes('CREATE ROLE a; CREATE ROLE b; DROP ROLE b; GRANT a TO b;'), ['E-UNDEFINED-ROLE'])
  assert.equal(codes('CREATE ROLE a; CREATE ROLE b; DROP ROLE b; GRANT b TO a;'), ['E-UNDEFINED-ROLE'])
  assert.equal(codes('CREATE ROLE a; GRANT a TO PUBLIC;'), ['E-UNDEFINED-ROLE'])
})

test('a CREATEROLE (non-superuser) creator gets ADMIN on the role it creates (16+)', () => {
  const sql = 'CREATE ROLE admin CREATEROLE; SET ROLE admin; CREATE ROLE x; RESET ROLE;'
  assert.equal(members(sql), [M('x', 'admin', true, false, false)])
  assert.equal(members(sql, 15), [])
})

// ─── PGlite as oracle ───

test('server: options, defaults and merges', () =>
  agreesWithServer(`CREATE ROLE r; CREATE ROLE s; CREATE ROLE m; CREATE ROLE n NOINHERIT;
GRANT r TO m WITH ADMIN OPTION; GRANT r TO m WITH INHERIT FALSE; GRANT r TO m;
GRANT s TO m WITH SET FALSE, ADMIN TRUE; GRANT s TO m WITH ADMIN FALSE;
GRANT r, s TO n; GRANT pg_read_all_data TO n WITH INHERIT TRUE;`))

test('server: revokes and ALTER GROUP', () =>
  agreesWithServer(`CREATE ROLE r; CREATE ROLE m; CREATE ROLE k; CREATE GROUP g;
GRANT r TO m, k WITH ADMIN OPTION; REVOKE ADMIN OPTION FOR r FROM m; REVOKE SET OPTION FOR r FROM k; REVOKE INHERIT OPTION FOR r FROM k;
ALTER GROUP g ADD USER m, k; ALTER GROUP g DROP USER m;`))

test('server: CREATE ROLE IN ROLE / ROLE / ADMIN', () =>
  agreesWithServer(`CREATE ROLE p; CREATE ROLE q NOINHERIT; CREATE ROLE w;
CREATE ROLE x NOINHERIT IN ROLE p, pg_monitor ROLE q ADMIN w;
CREATE USER y IN GROUP p USER q;`))

test('server: a CREATEROLE creator', () =>
  agreesWithServer(`CREATE ROLE boss CREATEROLE; SET ROLE boss; CREATE ROLE x; CREATE ROLE y IN ROLE x; RESET ROLE;`))

test.run()
