/** ALTER DEFAULT PRIVILEGES: pg_default_acl rows and their effect on objects created afterwards. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadSql, ready } from '../../../src/parse/index.js'
import type { AclItem, DbObject } from '../../../src/ir/index.js'

const load = (text: string) => loadSql([{ file: 'f.sql', text }], { pgVersion: 15 })
const objs = (text: string) => load(text).catalog.objects
const acl = (o: DbObject | undefined) => (o && 'acl' in o ? o.acl : undefined)
const item = (grantee: string, privilege: AclItem['privilege'], grantor: string, grantable = false): AclItem => ({ grantee, privilege, grantable, grantor })
const OWNER_TABLE = ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const

test.before(async () => {
  await ready()
})

test('a global entry holds the whole ACL and applies only to objects created after it', () => {
  const c = objs(`CREATE TABLE before (a int); ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ro; CREATE TABLE after (a int); CREATE VIEW v AS SELECT 1 AS x;`)
  const whole = [...OWNER_TABLE.map((p) => item('postgres', p, 'postgres')), item('ro', 'SELECT', 'postgres')]
  const d = c.get('default-acl:"postgres"."".tables') ?? [...c.values()].find((o) => o.kind === 'DefaultAcl')
  assert.equal(d && d.kind === 'DefaultAcl' ? [d.role, d.schema, d.objectType, d.acl] : undefined, ['postgres', '', 'tables', whole])
  assert.is(acl(c.get('table:"public"."before"')), undefined)
  assert.equal(acl(c.get('table:"public"."after"')), whole)
  assert.equal(acl(c.get('view:"public"."v"')), whole)
})

test('a per-schema entry only adds; FOR ROLE applies to objects that role creates (SET ROLE)', () => {
  const c = objs(`CREATE SCHEMA s; ALTER DEFAULT PRIVILEGES FOR ROLE o IN SCHEMA s GRANT USAGE ON SEQUENCES TO r;
    ALTER DEFAULT PRIVILEGES FOR ROLE o IN SCHEMA s REVOKE SELECT ON SEQUENCES FROM o;
    CREATE SEQUENCE s.mine; SET ROLE o; CREATE SEQUENCE s.theirs; RESET ROLE;`)
  const d = [...c.values()].filter((o) => o.kind === 'DefaultAcl')
  assert.equal(d.map((o) => o.kind === 'DefaultAcl' && [o.role, o.schema, o.objectType, o.acl]), [['o', 's', 'sequences', [item('r', 'USAGE', 'o')]]])
  assert.is(acl(c.get('sequence:"s"."mine"')), undefined)
  assert.equal(acl(c.get('sequence:"s"."theirs"')), [item('o', 'SELECT', 'o'), item('o', 'UPDATE', 'o'), item('o', 'USAGE', 'o'), item('r', 'USAGE', 'o')])
})

test('revoking EXECUTE from PUBLIC for functions, and back: the row goes away', () => {
  const c = objs(`ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
    CREATE PROCEDURE p() LANGUAGE sql AS 'select 1'; ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON ROUTINES TO PUBLIC; CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'select 1';`)
  assert.equal(acl(c.get('function:"public"."f"()')), [item('postgres', 'EXECUTE', 'postgres')])
  assert.equal(acl(c.get('function:"public"."p"()')), [item('postgres', 'EXECUTE', 'postgres')])
  assert.is(acl(c.get('function:"public"."g"()')), undefined)
  assert.equal([...c.values()].filter((o) => o.kind === 'DefaultAcl'), [])
})

test('ON TYPES and ON SCHEMAS; IN SCHEMA with ON SCHEMAS is an error', () => {
  const c = objs(`ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC; ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO r;
    CREATE TYPE e AS ENUM ('x'); CREATE DOMAIN d AS int; CREATE SCHEMA s;`)
  assert.equal(acl(c.get('type:"public"."e"')), [item('postgres', 'USAGE', 'postgres')])
  assert.equal(acl(c.get('type:"public"."d"')), [item('postgres', 'USAGE', 'postgres')])
  assert.equal(acl(c.get('schema:"s"')), [item('postgres', 'USAGE', 'postgres'), item('postgres', 'CREATE', 'postgres'), item('r', 'USAGE', 'postgres')])
  assert.equal(load('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SCHEMAS TO r;').diagnostics.map((d) => d.code), ['E-INVALID-GRANT-OPERATION'])
  assert.equal(load('ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON TABLES TO r;').diagnostics.map((d) => d.code), ['E-INVALID-PRIVILEGE'])
})

test('an empty global entry (owner revoked its own rights) leaves new objects at the built-in default', () => {
  const c = objs('ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM postgres; CREATE TABLE t (a int);')
  const d = [...c.values()].find((o) => o.kind === 'DefaultAcl')
  assert.equal(d?.kind === 'DefaultAcl' && d.acl, [])
  assert.is(acl(c.get('table:"public"."t"')), undefined)
})

test.run()
