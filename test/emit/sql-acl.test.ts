/**
 * GRANT / REVOKE emission: the statement text, and what it does on a real server (PGlite 18, and
 * PostgreSQL 15 when PGCHARTER_PG_URL is set), hostile names included.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change, Target } from '../../src/ir/change.js'
import type { Privilege } from '../../src/ir/objects.js'
import { changeSql } from '../../src/emit/sql.js'
import { aclSql, onEachServer, stopAll } from './acl-emit-support.js'

test.after(stopAll)

const grant = (target: Target, grantee: string, privileges: Privilege[], extra: Partial<Extract<Change, { kind: 'Grant' }>> = {}): Change => ({
  kind: 'Grant',
  target,
  grantee,
  privileges,
  grantable: false,
  summary: 'grant',
  ...extra,
})
const revoke = (target: Target, grantee: string, privileges: Privilege[], extra: Partial<Extract<Change, { kind: 'Revoke' }>> = {}): Change => ({
  kind: 'Revoke',
  target,
  grantee,
  privileges,
  grantOptionOnly: false,
  cascade: false,
  summary: 'revoke',
  ...extra,
})

const WEIRD = 'we"ird $%'
const UNI = 'ünï code'
const T: Target = { on: 'Table', schema: 'S p', name: 'T "x"' }
const DB: Target = { on: 'Database', schema: '', name: '' }

test('statement text: privileges in canonical order, PUBLIC bare, headers in the reference style', () => {
  assert.is(
    changeSql(grant({ on: 'Table', schema: 'public', name: 't1' }, 'PUBLIC', ['UPDATE', 'SELECT'])),
    '-- Grant on table "t1" to "PUBLIC"\nGRANT SELECT, UPDATE ON TABLE public.t1 TO PUBLIC;',
  )
  assert.is(
    changeSql(revoke({ on: 'Function', schema: 'public', name: 'add', args: ['integer', 'integer'] }, 'PUBLIC', ['EXECUTE'])),
    '-- Revoke on function "add" from "PUBLIC"\nREVOKE EXECUTE ON FUNCTION public.add(integer, integer) FROM PUBLIC;',
  )
  assert.is(changeSql(revoke({ on: 'Schema', schema: '', name: 'public' }, 'PUBLIC', ['USAGE'])), '-- Revoke on schema "public" from "PUBLIC"\nREVOKE USAGE ON SCHEMA public FROM PUBLIC;')
  assert.is(
    changeSql(revoke({ on: 'Procedure', schema: 'public', name: 'noop', args: [] }, 'PUBLIC', ['EXECUTE'], { grantOptionOnly: true, cascade: true })),
    '-- Revoke on procedure "noop" from "PUBLIC"\nREVOKE GRANT OPTION FOR EXECUTE ON PROCEDURE public.noop() FROM PUBLIC CASCADE;',
  )
  assert.is(
    changeSql(grant(T, WEIRD, ['UPDATE', 'SELECT'], { columns: ['a b%', 'c'], grantable: true, grantor: 'own' })),
    [
      '-- Grant on table "T "x"" to "we"ird $%"',
      'SET ROLE own;',
      'GRANT SELECT ("a b%", c), UPDATE ("a b%", c) ON TABLE "S p"."T ""x""" TO "we""ird $%" WITH GRANT OPTION;',
      'RESET ROLE;',
    ].join('\n'),
  )
  assert.is(
    changeSql(grant(DB, "o'k%", ['CONNECT', 'TEMPORARY'])),
    `-- Grant on database to "o'k%"\nDO $$ BEGIN EXECUTE format('GRANT TEMPORARY, CONNECT ON DATABASE %I TO "o''k%%"', current_database()); END $$;`,
  )
  // a name containing the dollar tag moves the DO body to another tag
  assert.match(changeSql(grant(DB, 'a$$b', ['CONNECT'])), /^-- .*\nDO \$_\$ BEGIN .*"a\$\$b".* END \$_\$;$/)
})

const SETUP = `
CREATE ROLE own; CREATE ROLE r2; CREATE ROLE "we""ird $%"; CREATE ROLE "ünï code";
CREATE SCHEMA "S p" AUTHORIZATION own;
CREATE TABLE "S p"."T ""x""" ("a b%" integer, c integer);
ALTER TABLE "S p"."T ""x""" OWNER TO own;
GRANT USAGE ON SCHEMA "S p" TO r2;
CREATE VIEW public.v AS SELECT 1 AS x;
CREATE MATERIALIZED VIEW public.mv AS SELECT 1 AS x;
CREATE SEQUENCE public.sq;
CREATE FUNCTION public.add(integer, integer) RETURNS integer LANGUAGE sql AS 'select $1 + $2';
CREATE PROCEDURE public.noop() LANGUAGE sql AS '';
CREATE TYPE public.mood AS ENUM ('a');
CREATE TYPE public.pair AS (a integer, b integer);
CREATE DOMAIN public.pos AS integer;
`

const rel = (name: string): string => aclSql('c.relacl', 'pg_class c', `c.oid = '${name.replace(/'/g, "''")}'::regclass`)
const TQ = '"S p"."T ""x"""'

test('GRANT / REVOKE on every kind of object produce exactly the intended ACL entries', async () => {
  await onEachServer(async (c) => {
    await c.run(SETUP)
    await c.apply(
      grant(T, WEIRD, ['SELECT', 'INSERT']),
      grant(T, UNI, ['UPDATE'], { columns: ['a b%'] }),
      grant({ on: 'View', schema: 'public', name: 'v' }, 'PUBLIC', ['SELECT']),
      grant({ on: 'MaterializedView', schema: 'public', name: 'mv' }, UNI, ['SELECT'], { grantable: true }),
      grant({ on: 'Sequence', schema: 'public', name: 'sq' }, WEIRD, ['USAGE', 'SELECT']),
      revoke({ on: 'Function', schema: 'public', name: 'add', args: ['integer', 'integer'] }, 'PUBLIC', ['EXECUTE']),
      grant({ on: 'Procedure', schema: 'public', name: 'noop', args: [] }, WEIRD, ['EXECUTE']),
      grant({ on: 'Schema', schema: '', name: 'S p' }, UNI, ['CREATE', 'USAGE']),
      revoke({ on: 'Enum', schema: 'public', name: 'mood' }, 'PUBLIC', ['USAGE']),
      grant({ on: 'CompositeType', schema: 'public', name: 'pair' }, WEIRD, ['USAGE']),
      grant({ on: 'Domain', schema: 'public', name: 'pos' }, UNI, ['USAGE'], { grantable: true }),
      grant(DB, WEIRD, ['CREATE']),
      revoke(DB, 'PUBLIC', ['TEMPORARY']),
    )
    const others = async (sql: string): Promise<string[]> => (await c.col(sql)).filter((l) => !l.startsWith('postgres ') && !l.startsWith('own '))
    assert.equal(await others(rel(TQ)), [`${WEIRD} INSERT /own`, `${WEIRD} SELECT /own`], c.label)
    assert.equal(await c.col(aclSql('t.attacl', 'pg_attribute t', `t.attrelid = '${TQ.replace(/'/g, "''")}'::regclass AND t.attname = 'a b%'`)), [`${UNI} UPDATE /own`])
    assert.equal(await others(rel('public.v')), ['PUBLIC SELECT /postgres'])
    assert.equal(await others(rel('public.mv')), [`${UNI} SELECT* /postgres`])
    assert.equal(await others(rel('public.sq')), [`${WEIRD} SELECT /postgres`, `${WEIRD} USAGE /postgres`])
    assert.equal(await c.col(aclSql('p.proacl', 'pg_proc p', "p.proname = 'add'")), ['postgres EXECUTE /postgres'])
    assert.equal(await others(aclSql('p.proacl', 'pg_proc p', "p.proname = 'noop'")), ['PUBLIC EXECUTE /postgres', `${WEIRD} EXECUTE /postgres`])
    assert.equal(await others(aclSql('n.nspacl', 'pg_namespace n', "n.nspname = 'S p'")), ['r2 USAGE /own', `${UNI} CREATE /own`, `${UNI} USAGE /own`])
    assert.equal(await c.col(aclSql('t.typacl', 'pg_type t', "t.typname = 'mood'")), ['postgres USAGE /postgres'])
    assert.equal(await others(aclSql('t.typacl', 'pg_type t', "t.typname = 'pair'")), ['PUBLIC USAGE /postgres', `${WEIRD} USAGE /postgres`])
    assert.equal(await others(aclSql('t.typacl', 'pg_type t', "t.typname = 'pos'")), ['PUBLIC USAGE /postgres', `${UNI} USAGE* /postgres`])
    const dbAcl = await c.col(aclSql('coalesce(d.datacl, acldefault(\'d\', d.datdba))', 'pg_database d', 'd.datname = current_database()'))
    assert.ok(dbAcl.includes(`${WEIRD} CREATE /postgres`), dbAcl.join('\n'))
    assert.ok(dbAcl.includes('PUBLIC CONNECT /postgres'))
    assert.not.ok(dbAcl.includes('PUBLIC TEMPORARY /postgres'))
  })
})

test('grant options, grantors under SET ROLE, REVOKE GRANT OPTION FOR and CASCADE', async () => {
  await onEachServer(async (c) => {
    await c.run(SETUP)
    await c.apply(grant(T, 'r2', ['SELECT', 'UPDATE'], { grantable: true }), grant(T, WEIRD, ['SELECT', 'UPDATE'], { grantor: 'r2' }))
    assert.equal((await c.col(rel(TQ))).filter((l) => l.startsWith('r2') || l.startsWith('we')), [
      'r2 SELECT* /own',
      'r2 UPDATE* /own',
      `${WEIRD} SELECT /r2`,
      `${WEIRD} UPDATE /r2`,
    ])
    // the session is back to the superuser after RESET ROLE
    assert.equal(await c.col('SELECT current_user'), ['postgres'])
    await c.apply(revoke(T, 'r2', ['UPDATE'], { grantOptionOnly: true, cascade: true }))
    assert.equal((await c.col(rel(TQ))).filter((l) => l.startsWith('r2') || l.startsWith('we')), ['r2 SELECT* /own', 'r2 UPDATE /own', `${WEIRD} SELECT /r2`])
    await c.apply(revoke(T, WEIRD, ['SELECT'], { grantor: 'r2' }), revoke(T, 'r2', ['SELECT', 'UPDATE']))
    assert.equal((await c.col(rel(TQ))).filter((l) => l.startsWith('r2') || l.startsWith('we')), [])
    // a table-level REVOKE also takes the column privilege of the same kind
    await c.apply(grant(T, UNI, ['SELECT'], { columns: ['c'] }), revoke(T, UNI, ['SELECT']))
    assert.equal(await c.col(aclSql('t.attacl', 'pg_attribute t', `t.attrelid = '${TQ.replace(/'/g, "''")}'::regclass AND t.attname = 'c'`)), [])
  })
})

test('a grantor without USAGE on the schema is lent it for the statement, then it is taken back', async () => {
  await onEachServer(async (c) => {
    await c.run(`CREATE ROLE lend_lead; CREATE ROLE lend_member; CREATE SCHEMA lent; CREATE TABLE lent.t (a int);
      GRANT SELECT ON lent.t TO lend_lead WITH GRANT OPTION`)
    const L = { on: 'Table', schema: 'lent', name: 't' } as const
    const sql = await c.apply(grant(L, 'lend_member', ['SELECT'], { grantor: 'lend_lead', lendUsage: 'lent' }))
    assert.match(sql, 'GRANT USAGE ON SCHEMA lent TO lend_lead;\nSET ROLE lend_lead;\nGRANT SELECT ON TABLE lent.t TO lend_member;\nRESET ROLE;\nREVOKE USAGE ON SCHEMA lent FROM lend_lead;')
    assert.equal((await c.col(rel('lent.t'))).filter((l) => l.startsWith('lend_member')), ['lend_member SELECT /lend_lead'])
    assert.equal(await c.col(aclSql('n.nspacl', 'pg_namespace n', `n.nspname = 'lent'`)).then((ls) => ls.filter((l) => l.startsWith('lend'))), [])
    await c.apply(revoke(L, 'lend_member', ['SELECT'], { grantor: 'lend_lead', lendUsage: 'lent' }))
    assert.equal((await c.col(rel('lent.t'))).filter((l) => l.startsWith('lend_member')), [])
  })
})

test('database owner and comment through the current-database idiom', async () => {
  await onEachServer(async (c) => {
    await c.run(SETUP)
    await c.apply(
      { kind: 'Owner', target: DB, owner: WEIRD, summary: 'owner' },
      { kind: 'Comment', target: DB, comment: "it's 100% ours", summary: 'comment' },
    )
    assert.equal(await c.col('SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()'), [WEIRD])
    assert.equal(await c.col("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"), ["it's 100% ours"])
    await c.apply({ kind: 'Comment', target: DB, summary: 'comment' }, { kind: 'Owner', target: DB, owner: 'postgres', summary: 'owner' })
    assert.equal(await c.col("SELECT coalesce(shobj_description(oid, 'pg_database'), '-') FROM pg_database WHERE datname = current_database()"), ['-'])
  })
})

test.run()
