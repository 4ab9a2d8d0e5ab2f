/** CREATE / ALTER / DROP ROLE, settings, rename and comments: exact IR, and PGlite as oracle. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready, loadSql } from '../../../src/parse/index.js'
import { canonicalValidUntil } from '../../../src/parse/sql/role-attrs.js'
import { stop } from '../../support/pglite.js'
import { agreesWithServer, loadedRoles } from './role-oracle.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const load = (text: string, pgVersion: 15 | 18 = 18) => loadSql([{ file: 'f.sql', text }], { pgVersion })
const codes = (text: string): string[] => load(text).diagnostics.map((d) => d.code)
const role = (text: string, name: string) => loadedRoles(text).roles.find((r) => r.name === name)

const BASE = {
  kind: 'Role',
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
  login: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
} as const

test('CREATE ROLE with every attribute', () => {
  const sql = `CREATE ROLE a WITH SUPERUSER CREATEDB CREATEROLE LOGIN NOINHERIT REPLICATION BYPASSRLS CONNECTION LIMIT 7 VALID UNTIL '2030-06-01 12:30:00+02';`
  assert.equal(role(sql, 'a'), {
    ...BASE,
    name: 'a',
    superuser: true,
    createDb: true,
    createRole: true,
    inherit: false,
    login: true,
    replication: true,
    bypassRls: true,
    connectionLimit: 7,
    validUntil: '2030-06-01 10:30:00+00',
  })
  const r = load(sql).catalog.objects.get('role:"a"') ?? [...load(sql).catalog.objects.values()].find((o) => o.kind === 'Role')
  assert.equal(r?.span?.line, 1)
})

test('CREATE USER logs in by default; CREATE GROUP and CREATE ROLE do not', () => {
  assert.is(role('CREATE USER u;', 'u')?.login, true)
  assert.is(role('CREATE GROUP g;', 'g')?.login, false)
  assert.is(role('CREATE ROLE r;', 'r')?.login, false)
  assert.is(role('CREATE USER u NOLOGIN;', 'u')?.login, false)
})

test('VALID UNTIL in the server form (UTC)', () => {
  assert.is(canonicalValidUntil('2030-01-01'), '2030-01-01 00:00:00+00')
  assert.is(canonicalValidUntil('infinity'), 'infinity')
  assert.is(canonicalValidUntil('-infinity'), '-infinity')
  assert.is(canonicalValidUntil('2030-06-01T12:30:00.500'), '2030-06-01 12:30:00.5+00')
  assert.is(canonicalValidUntil('2030-01-01 01:00:00-03:30'), '2030-01-01 04:30:00+00')
  assert.is(canonicalValidUntil('2030-01-01 00:30Z'), '2030-01-01 00:30:00+00')
  assert.is(canonicalValidUntil('2030-02-30'), undefined)
  assert.is(canonicalValidUntil('next tuesday'), undefined)
  const r = load(`CREATE ROLE a VALID UNTIL 'next tuesday';`)
  assert.equal(r.diagnostics.map((d) => d.code), ['W-VALID-UNTIL'])
})

test('a password is a warning and is never echoed', () => {
  const r = load(`CREATE ROLE a LOGIN PASSWORD 's3cr3t-x'; ALTER ROLE a ENCRYPTED PASSWORD 'other-s3cr3t'; ALTER ROLE a PASSWORD NULL;`)
  assert.equal(r.diagnostics.map((d) => d.code), ['W-PASSWORD', 'W-PASSWORD'])
  const all = JSON.stringify({ d: r.diagnostics, o: [...r.catalog.objects.values()] })
  assert.not.ok(all.includes('s3cr3t'))
})

test('duplicate and reserved role names are errors', () => {
  assert.equal(codes('CREATE ROLE a; CREATE USER a;'), ['E-DUPLICATE-ROLE'])
  assert.equal(codes('CREATE ROLE pg_mine;'), ['E-RESERVED-ROLE'])
  // the grammar itself rejects these, as the server's does
  assert.equal(codes('CREATE ROLE "public";'), ['PG-SYNTAX'])
  assert.equal(codes('CREATE ROLE "none";'), ['PG-SYNTAX'])
  assert.equal(codes('CREATE ROLE a; ALTER ROLE a RENAME TO pg_a;'), ['E-RESERVED-ROLE'])
})

test('ALTER ROLE changes attributes; an undeclared role is external', () => {
  const sql = `CREATE ROLE a LOGIN; ALTER ROLE a WITH NOLOGIN CREATEDB CONNECTION LIMIT 3 VALID UNTIL 'infinity'; ALTER USER a NOCREATEDB;`
  assert.equal(role(sql, 'a'), { ...BASE, name: 'a', connectionLimit: 3 })
  assert.equal(codes('ALTER ROLE somebody NOLOGIN;'), ['W-EXTERNAL-ROLE'])
  assert.equal(codes(`ALTER ROLE somebody PASSWORD 'x';`), ['W-EXTERNAL-ROLE', 'W-PASSWORD'])
  // CURRENT_USER is the role the files run as (postgres), not declared
  assert.equal(codes('ALTER ROLE CURRENT_USER SET work_mem = 1024;'), ['W-EXTERNAL-ROLE'])
  assert.equal(codes('ALTER ROLE ALL SET work_mem = 1024;'), ['W-ROLE-ALL'])
})

test('ALTER ROLE … SET: setconfig form, IN DATABASE, RESET, sorted', () => {
  const sql = `CREATE ROLE a;
ALTER ROLE a SET statement_timeout = '10s';
ALTER ROLE a SET search_path = a, "B", public;
ALTER ROLE a SET DateStyle = 'ISO, MDY';
ALTER ROLE a SET TIME ZONE 'UTC';
ALTER ROLE a SET work_mem = 4096;
ALTER ROLE a IN DATABASE anything SET search_path TO "$user", x;
ALTER ROLE a IN DATABASE anything SET lock_timeout = 5;
ALTER ROLE a RESET work_mem;
ALTER ROLE a IN DATABASE anything RESET lock_timeout;`
  assert.equal(role(sql, 'a')?.settings, [
    { name: 'DateStyle', value: 'ISO, MDY', inDatabase: false },
    { name: 'TimeZone', value: 'UTC', inDatabase: false },
    { name: 'search_path', value: 'a, "B", public', inDatabase: false },
    { name: 'statement_timeout', value: '10s', inDatabase: false },
    { name: 'search_path', value: '"$user", x', inDatabase: true },
  ])
  assert.equal(role(`${sql} ALTER ROLE a RESET ALL;`, 'a')?.settings, [{ name: 'search_path', value: '"$user", x', inDatabase: true }])
  assert.is(role(`${sql} ALTER ROLE a RESET ALL; ALTER ROLE a IN DATABASE d RESET ALL;`, 'a')?.settings, undefined)
  assert.equal(codes('CREATE ROLE a; ALTER ROLE a SET work_mem FROM CURRENT;'), ['W-UNSUPPORTED'])
})

test('COMMENT ON ROLE', () => {
  assert.is(role(`CREATE ROLE a; COMMENT ON ROLE a IS 'the app';`, 'a')?.comment, 'the app')
  assert.is(role(`CREATE ROLE a; COMMENT ON ROLE a IS 'x'; COMMENT ON ROLE a IS NULL;`, 'a')?.comment, undefined)
  assert.equal(codes(`COMMENT ON ROLE other IS 'x';`), ['W-EXTERNAL-ROLE'])
})

test('RENAME: every reference follows the role', () => {
  const sql = `CREATE ROLE a; CREATE ROLE m IN ROLE a;
CREATE TABLE t (id int);
ALTER TABLE t OWNER TO a;
CREATE TABLE u (id int);
GRANT SELECT ON u TO a WITH GRANT OPTION;
ALTER ROLE a RENAME TO b;`
  const r = load(sql)
  assert.equal(r.diagnostics, [])
  const objs = [...r.catalog.objects.values()]
  assert.equal(objs.filter((o) => o.kind === 'Role').map((o) => (o.kind === 'Role' ? o.name : '')).sort(), ['b', 'm'])
  const t = objs.find((o) => o.kind === 'Table' && o.name === 't')
  assert.is(t?.kind === 'Table' ? t.owner : '', 'b')
  const u = objs.find((o) => o.kind === 'Table' && o.name === 'u')
  assert.ok(u?.kind === 'Table' && u.acl?.some((i) => i.grantee === 'b' && i.privilege === 'SELECT' && i.grantable))
  assert.ok(u?.kind === 'Table' && !u.acl?.some((i) => i.grantee === 'a'))
  const m = objs.find((o) => o.kind === 'Membership')
  assert.is(m?.kind === 'Membership' ? m.role : '', 'b')
  // the old name is gone
  assert.equal(codes(`${sql} GRANT SELECT ON t TO a;`), ['E-UNDEFINED-ROLE'])
  assert.equal(codes('CREATE ROLE a; CREATE ROLE b; ALTER ROLE a RENAME TO b;'), ['E-DUPLICATE-ROLE'])
  assert.equal(codes('ALTER ROLE x RENAME TO y;'), ['W-EXTERNAL-ROLE'])
})

test('DROP ROLE: removes role and memberships; in use is an error; dropped names are undefined', () => {
  const r = loadedRoles('CREATE ROLE a; CREATE ROLE b IN ROLE a; GRANT b TO pg_monitor; DROP ROLE b;')
  assert.equal(r.roles.map((x) => x.name), ['a'])
  assert.equal(r.memberships, [])
  assert.equal(codes('CREATE ROLE a; CREATE TABLE t (id int); ALTER TABLE t OWNER TO a; DROP ROLE a;'), ['E-ROLE-IN-USE'])
  assert.equal(codes('CREATE ROLE a; CREATE TABLE t (id int); GRANT SELECT ON t TO a; DROP ROLE a;'), ['E-ROLE-IN-USE'])
  assert.equal(codes('CREATE ROLE a; DROP ROLE a; GRANT a TO postgres;'), ['E-UNDEFINED-ROLE'])
  assert.equal(codes('CREATE ROLE a; DROP ROLE a; DROP ROLE a;'), ['E-UNDEFINED-ROLE'])
  assert.equal(codes('CREATE ROLE a; DROP ROLE a; DROP ROLE IF EXISTS a; CREATE ROLE a;'), [])
  assert.equal(codes('DROP ROLE outsider;'), ['W-EXTERNAL-ROLE'])
  assert.equal(codes('DROP ROLE IF EXISTS outsider;'), [])
  assert.equal(codes('DROP ROLE postgres;'), ['E-ROLE-IN-USE'])
})

// ─── PGlite as oracle ───

test('server: every attribute', () =>
  agreesWithServer(`CREATE ROLE a WITH SUPERUSER CREATEDB CREATEROLE LOGIN NOINHERIT REPLICATION BYPASSRLS CONNECTION LIMIT 7 VALID UNTIL '2030-06-01 12:30:00+02';
CREATE USER u; CREATE GROUP g; CREATE ROLE v VALID UNTIL 'infinity'; CREATE ROLE w VALID UNTIL '2031-02-03T04:05:06.25Z';
COMMENT ON ROLE u IS 'the user';`))

test('server: ALTER ROLE attributes and rename', () =>
  agreesWithServer(`CREATE ROLE a LOGIN CREATEDB; ALTER ROLE a WITH NOLOGIN NOCREATEDB CREATEROLE CONNECTION LIMIT 3 VALID UNTIL '2029-12-31 23:59:59';
ALTER USER a WITH INHERIT BYPASSRLS REPLICATION; ALTER ROLE a NOINHERIT;
CREATE ROLE b IN ROLE a; ALTER ROLE a RENAME TO c; ALTER ROLE c SET work_mem = 2048; COMMENT ON ROLE c IS 'renamed';`))

test('server: settings, global and in the database', () =>
  agreesWithServer(`CREATE ROLE a;
ALTER ROLE a SET statement_timeout = '10s';
ALTER ROLE a SET search_path = a, "B", public;
ALTER ROLE a SET DateStyle = 'ISO, MDY';
ALTER ROLE a SET TIME ZONE 'UTC';
ALTER ROLE a SET work_mem = 4096;
ALTER ROLE a SET random_page_cost = 1.5;
ALTER ROLE a SET enable_seqscan = off;
ALTER ROLE a SET application_name = 'it''s';
ALTER ROLE a SET myapp.tenant = 'abc';
ALTER ROLE a RESET work_mem;
DO $$ BEGIN
  EXECUTE format('ALTER ROLE a IN DATABASE %I SET search_path TO %s', current_database(), '"$user", x');
  EXECUTE format('ALTER ROLE a IN DATABASE %I SET lock_timeout = %L', current_database(), '5s');
END $$;
CREATE ROLE b; ALTER ROLE b SET work_mem = 1024; ALTER ROLE b RESET ALL;`))

test('server: DROP ROLE takes its memberships along', () =>
  agreesWithServer(`CREATE ROLE a; CREATE ROLE b IN ROLE a; CREATE ROLE c ROLE b; GRANT pg_monitor TO b; DROP ROLE b; DROP ROLE IF EXISTS zz;`))

test.run()
