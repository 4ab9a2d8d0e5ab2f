/** GRANT / REVOKE on objects: exact ACLs in the IR, grantors, column privileges and diagnostics. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadSql, ready } from '../../../src/parse/index.js'
import type { AclItem, DbObject } from '../../../src/ir/index.js'

const load = (text: string, pgVersion: 15 | 18 = 18) => loadSql([{ file: 'f.sql', text }], { pgVersion })
const get = (text: string, id: string, pgVersion: 15 | 18 = 18): DbObject => {
  const o = load(text, pgVersion).catalog.objects.get(id)
  if (!o) throw new Error(`no ${id}`)
  return o
}
const acl = (o: DbObject) => ('acl' in o ? o.acl : undefined)
const item = (grantee: string, privilege: AclItem['privilege'], grantor: string, grantable = false): AclItem => ({ grantee, privilege, grantable, grantor })
const codes = (text: string) => load(text).diagnostics.map((d) => d.code)

test.before(async () => {
  await ready()
})

test('a grant makes the ACL explicit: owner entries plus the grantee', () => {
  const t = get('CREATE TABLE t (a int); GRANT SELECT, INSERT ON t TO app;', 'table:"public"."t"', 15)
  const owner = ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const
  assert.equal(acl(t), [item('app', 'INSERT', 'postgres'), item('app', 'SELECT', 'postgres'), ...owner.map((p) => item('postgres', p, 'postgres'))])
})

test('granting and revoking back leaves no stored ACL', () => {
  const t = get('CREATE TABLE t (a int); GRANT SELECT ON t TO app; REVOKE SELECT ON t FROM app;', 'table:"public"."t"')
  assert.is(acl(t), undefined)
})

test('function: revoke from PUBLIC, ALL PRIVILEGES, grant option', () => {
  const f = get(`CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1';
    REVOKE ALL ON FUNCTION f(integer) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f TO app WITH GRANT OPTION;`, 'function:"public"."f"(integer)')
  assert.equal(acl(f), [item('app', 'EXECUTE', 'postgres', true), item('postgres', 'EXECUTE', 'postgres')])
})

test('a non-owner with the grant option is recorded as grantor; without it nothing is granted', () => {
  const text = `CREATE TABLE t (a int); GRANT SELECT ON t TO a1 WITH GRANT OPTION; GRANT INSERT ON t TO a2;
    SET ROLE a1; GRANT SELECT ON t TO b; RESET ROLE; SET ROLE a2; GRANT INSERT ON t TO b; RESET ROLE;`
  const r = load(text)
  const t = r.catalog.objects.get('table:"public"."t"')!
  assert.equal(acl(t)?.filter((i) => i.grantee === 'b'), [item('b', 'SELECT', 'a1')])
  assert.equal(r.diagnostics.map((d) => [d.code, d.message]), [['W-NOT-GRANTED', 'no privileges were granted for "t"']])
})

test('REVOKE of a passed-on grant option needs CASCADE', () => {
  const base = `CREATE TABLE t (a int); GRANT SELECT ON t TO a1 WITH GRANT OPTION; SET ROLE a1; GRANT SELECT ON t TO b; RESET ROLE;`
  assert.equal(codes(`${base} REVOKE SELECT ON t FROM a1;`), ['E-DEPENDENT-PRIVILEGES'])
  const t = get(`${base} REVOKE SELECT ON t FROM a1 CASCADE;`, 'table:"public"."t"')
  assert.is(acl(t), undefined)
  const g = get(`${base} REVOKE GRANT OPTION FOR SELECT ON t FROM a1 CASCADE;`, 'table:"public"."t"')
  assert.equal(acl(g)?.filter((i) => i.grantee !== 'postgres'), [item('a1', 'SELECT', 'postgres')])
})

test('column privileges live on the column; a table-level REVOKE removes them', () => {
  const text = 'CREATE TABLE t (a int, "B" text); GRANT SELECT (a, "B"), UPDATE ("B") ON t TO app;'
  const t = get(text, 'table:"public"."t"')
  assert.ok(t.kind === 'Table')
  if (t.kind !== 'Table') return
  assert.is(t.acl, undefined)
  assert.equal(t.columns.map((c) => c.acl), [[item('app', 'SELECT', 'postgres')], [item('app', 'SELECT', 'postgres'), item('app', 'UPDATE', 'postgres')]])
  const r = get(`${text} REVOKE SELECT ON t FROM app;`, 'table:"public"."t"')
  assert.equal(r.kind === 'Table' && r.columns.map((c) => c.acl), [undefined, [item('app', 'UPDATE', 'postgres')]])
})

test('ON ALL TABLES IN SCHEMA is a one-time expansion (views included, later tables not)', () => {
  const text = `CREATE SCHEMA s; CREATE TABLE s.t1 (a int); CREATE VIEW s.v AS SELECT 1 AS x; CREATE SEQUENCE s.q;
    GRANT SELECT ON ALL TABLES IN SCHEMA s TO r; CREATE TABLE s.t2 (a int);`
  const c = load(text).catalog.objects
  assert.ok(acl(c.get('table:"s"."t1"')!)?.some((i) => i.grantee === 'r'))
  assert.ok(acl(c.get('view:"s"."v"')!)?.some((i) => i.grantee === 'r'))
  assert.is(acl(c.get('sequence:"s"."q"')!), undefined)
  assert.is(acl(c.get('table:"s"."t2"')!), undefined)
})

test('schema, type, domain, sequence via TABLE keyword, database', () => {
  const text = `CREATE SCHEMA s; GRANT USAGE ON SCHEMA s TO r; CREATE TYPE mood AS ENUM ('a'); REVOKE USAGE ON TYPE mood FROM PUBLIC;
    CREATE DOMAIN d AS int; GRANT USAGE ON DOMAIN d TO r; CREATE SEQUENCE q; GRANT SELECT, INSERT ON q TO r;
    GRANT CONNECT ON DATABASE whatever TO r;`
  const r = load(text)
  const c = r.catalog.objects
  assert.equal(acl(c.get('schema:"s"')!), [item('postgres', 'USAGE', 'postgres'), item('postgres', 'CREATE', 'postgres'), item('r', 'USAGE', 'postgres')])
  assert.equal(acl(c.get('type:"public"."mood"')!), [item('postgres', 'USAGE', 'postgres')])
  assert.equal(acl(c.get('type:"public"."d"')!)?.length, 3)
  assert.equal(acl(c.get('sequence:"public"."q"')!)?.filter((i) => i.grantee === 'r'), [item('r', 'SELECT', 'postgres')])
  assert.equal(acl(c.get('database:')!)?.filter((i) => i.grantee === 'r'), [item('r', 'CONNECT', 'postgres')])
  assert.equal(r.diagnostics.map((d) => d.code), ['W-SEQUENCE-PRIVILEGE'])
})

test('owner change rewrites the ACL; owned sequences follow', () => {
  const text = `CREATE TABLE t (id serial); GRANT SELECT ON t TO r; GRANT USAGE ON SEQUENCE t_id_seq TO r; ALTER TABLE t OWNER TO o;`
  const c = load(text).catalog.objects
  const t = c.get('table:"public"."t"')!
  assert.ok(acl(t)?.every((i) => i.grantor === 'o'))
  assert.ok(acl(t)?.some((i) => i.grantee === 'o' && i.privilege === 'TRUNCATE'))
  const s = c.get('sequence:"public"."t_id_seq"')!
  assert.equal(acl(s), [item('o', 'SELECT', 'o'), item('o', 'UPDATE', 'o'), item('o', 'USAGE', 'o'), item('r', 'USAGE', 'o')])
})

test('ALTER DATABASE … OWNER TO gives the database a new owner', () => {
  const d = get('ALTER DATABASE anything OWNER TO boss;', 'database:')
  assert.equal(d, { kind: 'Database', owner: 'boss' })
  assert.is(load('GRANT CONNECT ON DATABASE x TO PUBLIC;').catalog.objects.get('database:'), undefined)
})

test('diagnostics: invalid privilege, missing object, grant option to PUBLIC, GRANTED BY, unmodelled kinds', () => {
  assert.equal(codes('CREATE TABLE t (a int); GRANT EXECUTE ON t TO r;'), ['E-INVALID-PRIVILEGE'])
  assert.equal(codes('GRANT SELECT ON SCHEMA public TO r;'), ['E-INVALID-PRIVILEGE'])
  assert.equal(codes('CREATE TABLE t (a int); GRANT DELETE (a) ON t TO r;'), ['E-INVALID-PRIVILEGE'])
  assert.equal(codes('GRANT SELECT ON nope TO r;'), ['E-UNDEFINED-OBJECT'])
  assert.equal(codes('CREATE TABLE t (a int); GRANT SELECT ON t TO PUBLIC WITH GRANT OPTION;'), ['E-INVALID-GRANT-OPERATION'])
  assert.equal(codes('CREATE TABLE t (a int); GRANT SELECT ON t TO r GRANTED BY other;'), ['E-INVALID-GRANTOR'])
  assert.equal(codes('GRANT USAGE ON LANGUAGE plpgsql TO r;'), ['W-UNSUPPORTED'])
  const e = load('CREATE TABLE t (a int);\nGRANT EXECUTE ON t TO r;').diagnostics[0]
  assert.is(e?.span?.line, 2)
})

test('CREATE OR REPLACE keeps the ACL; defaults are read by owner at creation', () => {
  const f = get(`CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'; REVOKE EXECUTE ON FUNCTION f FROM PUBLIC;
    CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 2';`, 'function:"public"."f"()')
  assert.equal(acl(f), [item('postgres', 'EXECUTE', 'postgres')])
  const v = get(`CREATE VIEW v AS SELECT 1 AS x; GRANT SELECT ON v TO r; CREATE OR REPLACE VIEW v AS SELECT 2 AS x;`, 'view:"public"."v"')
  assert.ok(acl(v)?.some((i) => i.grantee === 'r'))
})

test.run()
