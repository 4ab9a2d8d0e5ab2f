/**
 * ALTER DEFAULT PRIVILEGES emission: DefaultPrivileges changes, and Create / Drop of whole
 * pg_default_acl entries, checked with the ACL algebra and on real servers.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { Change } from '../../src/ir/change.js'
import type { PgVersion } from '../../src/ir/catalog.js'
import type { Acl, AclItem, DefaultAcl, DefaultAclObjectType, Privilege } from '../../src/ir/objects.js'
import { aclDefault, aclEqual, aclKindOfObjectType, alterDefaultAcl, grant, privilegesOf, revoke, sortAcl } from '../../src/normalize/acl.js'
import { changeSql } from '../../src/emit/sql.js'
import { defaultAclSteps } from '../../src/emit/sql-default-acl.js'
import { aclSql, onEachServer, stopAll } from './acl-emit-support.js'

test.after(stopAll)

const WEIRD = 'we"ird $%'
const UNI = 'ünï code'

const item = (grantee: string, privilege: Privilege, grantable: boolean, grantor: string): AclItem => ({ grantee, privilege, grantable, grantor })
const right = (e: E.Either<string, Acl>): Acl => {
  if (E.isLeft(e)) throw new Error(e.left)
  return e.right
}

/** A global entry for `role`: the built-in default minus `drop` (owner) plus extra items. */
const globalEntry = (role: string, t: DefaultAclObjectType, v: PgVersion, drop: Privilege[], extra: AclItem[]): DefaultAcl => {
  const base = aclDefault(aclKindOfObjectType(t), role, v)
  const cut = right(revoke(base, { grantees: [role], privileges: drop, grantOptionOnly: false, grantor: role, cascade: true }))
  const acl = extra.reduce((a, i) => grant(a, { grantees: [i.grantee], privileges: [i.privilege], grantable: i.grantable, grantor: i.grantor }), cut)
  return { kind: 'DefaultAcl', role, schema: '', objectType: t, acl }
}

/** Replays the steps with the algebra (what the server stores after each statement). */
const replay = (d: DefaultAcl, start: Acl | undefined, v: PgVersion, from: Acl, to: Acl): Acl | undefined =>
  defaultAclSteps(d, from, to).reduce<Acl | undefined>(
    (cur, s) =>
      alterDefaultAcl(
        cur,
        d.role,
        d.schema,
        d.objectType,
        s.action === 'grant'
          ? { action: 'grant', grantees: [s.grantee], privileges: s.privileges, grantable: s.grantable }
          : { action: 'revoke', grantees: [s.grantee], privileges: s.privileges, grantOptionOnly: s.grantable },
        v,
      ),
    start,
  )

test('the steps of a Create / Drop take the entry exactly to its ACL and back (algebra)', () => {
  for (const v of [15, 16, 17, 18] as const) {
    const types: DefaultAclObjectType[] = ['tables', 'sequences', 'functions', 'types', 'schemas']
    for (const t of types) {
      const kind = aclKindOfObjectType(t)
      const ps = privilegesOf(kind, v)
      const first = ps[0] as Privilege
      const d = globalEntry('own', t, v, [first], [item(WEIRD, first, true, 'own'), item('PUBLIC', ps[ps.length - 1] as Privilege, false, 'own')])
      const absent = aclDefault(kind, 'own', v)
      const created = replay(d, undefined, v, absent, d.acl)
      assert.ok(created !== undefined && aclEqual(created, d.acl), `${v} ${t}`)
      assert.is(replay(d, created, v, d.acl, absent), undefined, `${v} ${t} drop`)
      const s: DefaultAcl = { kind: 'DefaultAcl', role: 'own', schema: 'S p', objectType: t, acl: sortAcl([item(UNI, first, false, 'own'), item(WEIRD, first, true, 'own')]) }
      const sc = replay(s, undefined, v, [], s.acl)
      assert.ok(sc !== undefined && aclEqual(sc, s.acl), `${v} ${t} in schema`)
      assert.is(replay(s, sc, v, s.acl, []), undefined)
    }
  }
})

test('statement text', () => {
  const c: Change = {
    kind: 'DefaultPrivileges',
    role: 'own',
    schema: 'S p',
    objectType: 'tables',
    action: 'revoke',
    grantee: WEIRD,
    privileges: ['UPDATE', 'SELECT'],
    grantable: true,
    summary: 's',
  }
  assert.is(
    changeSql(c),
    '-- Revoke default privileges on tables of role "own" in schema "S p" from "we"ird $%"\nALTER DEFAULT PRIVILEGES FOR ROLE own IN SCHEMA "S p" REVOKE GRANT OPTION FOR SELECT, UPDATE ON TABLES FROM "we""ird $%";',
  )
  assert.is(
    changeSql({ ...c, schema: '', action: 'grant', grantee: 'PUBLIC', privileges: ['EXECUTE'], objectType: 'functions', grantable: false }),
    '-- Grant default privileges on functions of role "own" to "PUBLIC"\nALTER DEFAULT PRIVILEGES FOR ROLE own GRANT EXECUTE ON FUNCTIONS TO PUBLIC;',
  )
})

const lines = (acl: Acl): string[] =>
  acl.map((i) => `${i.grantee} ${i.privilege}${i.grantable ? '*' : ''} /${i.grantor}`).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))

const entrySql = (schema: string, t: string): string =>
  aclSql(
    'd.defaclacl',
    'pg_default_acl d',
    `pg_get_userbyid(d.defaclrole) = 'own' AND d.defaclobjtype = '${t}' AND d.defaclnamespace ${schema === '' ? '= 0' : `= (SELECT oid FROM pg_namespace WHERE nspname = '${schema}')`}`,
  )

test('Create / Drop of entries and DefaultPrivileges changes on the server', async () => {
  await onEachServer(async (c) => {
    await c.run(`CREATE ROLE own; CREATE ROLE "we""ird $%"; CREATE ROLE "ünï code"; CREATE SCHEMA "S p" AUTHORIZATION own`)
    const g = globalEntry('own', 'tables', c.v, ['TRUNCATE', 'DELETE'], [item(WEIRD, 'SELECT', true, 'own'), item('PUBLIC', 'SELECT', false, 'own')])
    const f = globalEntry('own', 'functions', c.v, [], [])
    const fn: DefaultAcl = { ...f, acl: f.acl.filter((i) => i.grantee !== 'PUBLIC') }
    const s: DefaultAcl = { kind: 'DefaultAcl', role: 'own', schema: 'S p', objectType: 'sequences', acl: [item(UNI, 'USAGE', true, 'own')] }
    const sql = await c.apply(
      { kind: 'Create', object: g, summary: 'c' },
      { kind: 'Create', object: fn, summary: 'c' },
      { kind: 'Create', object: s, summary: 'c' },
    )
    assert.match(sql, 'ALTER DEFAULT PRIVILEGES FOR ROLE own REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;')
    assert.equal(await c.col(entrySql('', 'r')), lines(g.acl), c.label)
    assert.equal(await c.col(entrySql('', 'f')), lines(fn.acl))
    assert.equal(await c.col(entrySql('S p', 'S')), lines(s.acl))
    // the entries act on objects created afterwards by that role
    await c.run(`SET ROLE own; CREATE TABLE "S p".t (a int); CREATE SEQUENCE "S p".q; RESET ROLE`)
    assert.equal(await c.col(aclSql('c.relacl', 'pg_class c', `c.oid = '"S p".t'::regclass`)), lines(g.acl))
    assert.equal(await c.col(aclSql('c.relacl', 'pg_class c', `c.oid = '"S p".q'::regclass`)), lines([...aclDefault('sequence', 'own', c.v), ...s.acl]))
    await c.apply({
      kind: 'DefaultPrivileges',
      role: 'own',
      schema: '',
      objectType: 'tables',
      action: 'revoke',
      grantee: WEIRD,
      privileges: ['SELECT'],
      grantable: true,
      summary: 'd',
    })
    assert.ok((await c.col(entrySql('', 'r'))).includes(`${WEIRD} SELECT /own`))
    const g2: DefaultAcl = { ...g, acl: g.acl.map((i) => (i.grantee === WEIRD ? { ...i, grantable: false } : i)) }
    await c.apply({ kind: 'Drop', object: g2, cascade: false, summary: 'd' }, { kind: 'Drop', object: fn, cascade: false, summary: 'd' }, { kind: 'Drop', object: s, cascade: false, summary: 'd' })
    assert.equal(await c.col('SELECT count(*) FROM pg_default_acl'), ['0'])
  })
})

test.run()
