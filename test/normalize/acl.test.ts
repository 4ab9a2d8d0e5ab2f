/**
 * The ACL algebra against PostgreSQL itself (PGlite, PostgreSQL 18): built-in defaults, GRANT/REVOKE
 * with grant options and CASCADE, OWNER TO, and pg_default_acl, each computed offline and compared
 * with what the server stores after running the same statements.
 */
import { PGlite } from '@electric-sql/pglite'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { publicSchema } from '../../src/ir/catalog.js'
import type { Acl, AclItem, Privilege } from '../../src/ir/objects.js'
import {
  aclDefault,
  alterDefaultAcl,
  grant,
  initialAcl,
  newOwner,
  privilegesOf,
  revoke,
  sortAcl,
  storedAcl,
  type AclKind,
  type DefaultAcls,
} from '../../src/normalize/acl.js'

const test = suite('normalize/acl')
const pg = await PGlite.create()
await pg.exec(`CREATE ROLE o; CREATE ROLE r1; CREATE ROLE r2; CREATE ROLE r3; CREATE ROLE o2`)

/** The server's ACL expanded into items (aclexplode), in our canonical order. */
const explode = async (aclExpr: string): Promise<Acl> => {
  const r = await pg.query<{ grantee: string; grantor: string; privilege: Privilege; grantable: boolean }>(
    `SELECT CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(e.grantee) END AS grantee,
            pg_get_userbyid(e.grantor) AS grantor, e.privilege_type AS privilege, e.is_grantable AS grantable
       FROM aclexplode(${aclExpr}) e`,
  )
  return sortAcl(r.rows.map((x): AclItem => ({ grantee: x.grantee, privilege: x.privilege, grantable: x.grantable, grantor: x.grantor })))
}

const KINDS: ReadonlyArray<[AclKind, string]> = [
  ['table', 'r'],
  ['sequence', 's'],
  ['function', 'f'],
  ['type', 'T'],
  ['schema', 'n'],
  ['database', 'd'],
  ['language', 'l'],
]

test('aclDefault is acldefault for every kind (18)', async () => {
  for (const [kind, letter] of KINDS)
    assert.equal(aclDefault(kind, 'o', 18), await explode(`acldefault('${letter}', 'o'::regrole)`), kind)
  assert.equal(aclDefault('column', 'o', 18), [])
})

test('MAINTAIN exists from 17 only', () => {
  assert.ok(privilegesOf('table', 17).includes('MAINTAIN'))
  assert.not.ok(privilegesOf('table', 16).includes('MAINTAIN'))
  assert.equal(aclDefault('table', 'o', 15).map((i) => i.privilege), ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
})

const relacl = (t: string): string => `(SELECT coalesce(relacl, acldefault('r', relowner)) FROM pg_class WHERE oid = '${t}'::regclass)`

test('grant, grant option, revoke grant option, revoke with cascade', async () => {
  await pg.exec(`CREATE TABLE g1 (a int); ALTER TABLE g1 OWNER TO o;
    GRANT SELECT, INSERT ON g1 TO r1 WITH GRANT OPTION; GRANT UPDATE ON g1 TO PUBLIC;
    SET ROLE r1; GRANT SELECT ON g1 TO r2 WITH GRANT OPTION; RESET ROLE;
    SET ROLE r2; GRANT SELECT ON g1 TO r3; RESET ROLE;`)
  let acl = aclDefault('table', 'o', 18)
  acl = grant(acl, { grantees: ['r1'], privileges: ['SELECT', 'INSERT'], grantable: true, grantor: 'o' })
  acl = grant(acl, { grantees: ['PUBLIC'], privileges: ['UPDATE'], grantable: false, grantor: 'o' })
  acl = grant(acl, { grantees: ['r2'], privileges: ['SELECT'], grantable: true, grantor: 'r1' })
  acl = grant(acl, { grantees: ['r3'], privileges: ['SELECT'], grantable: false, grantor: 'r2' })
  assert.equal(acl, await explode(relacl('g1')))

  // without CASCADE the server refuses, and so do we
  const refused = revoke(acl, { grantees: ['r1'], privileges: ['SELECT'], grantOptionOnly: true, grantor: 'o', cascade: false })
  assert.ok(E.isLeft(refused))
  let err = ''
  await pg.exec('REVOKE GRANT OPTION FOR SELECT ON g1 FROM r1').catch((e: Error) => (err = e.message))
  assert.match(err, /dependent privileges exist/)

  // with CASCADE: r1 keeps SELECT without the option, r2's and r3's grants go
  await pg.exec('REVOKE GRANT OPTION FOR SELECT ON g1 FROM r1 CASCADE')
  const cascaded = revoke(acl, { grantees: ['r1'], privileges: ['SELECT'], grantOptionOnly: true, grantor: 'o', cascade: true })
  assert.ok(E.isRight(cascaded))
  if (E.isRight(cascaded)) assert.equal(cascaded.right, await explode(relacl('g1')))
})

test('the owner can revoke its own rights', async () => {
  await pg.exec(`CREATE TABLE g2 (a int); ALTER TABLE g2 OWNER TO o; REVOKE ALL ON g2 FROM o`)
  const acl = revoke(aclDefault('table', 'o', 18), { grantees: ['o'], privileges: privilegesOf('table', 18), grantOptionOnly: false, grantor: 'o', cascade: false })
  assert.equal(E.getOrElse((): Acl => [{ grantee: 'x', privilege: 'SELECT', grantable: false, grantor: 'x' }])(acl), await explode(relacl('g2')))
  assert.equal(await explode(relacl('g2')), [])
})

test('OWNER TO rewrites grantee and grantor entries of the old owner', async () => {
  await pg.exec(`CREATE TABLE g3 (a int); ALTER TABLE g3 OWNER TO o; GRANT SELECT ON g3 TO r1; REVOKE DELETE ON g3 FROM o; ALTER TABLE g3 OWNER TO o2`)
  let acl = grant(aclDefault('table', 'o', 18), { grantees: ['r1'], privileges: ['SELECT'], grantable: false, grantor: 'o' })
  acl = E.getOrElse((): Acl => [])(revoke(acl, { grantees: ['o'], privileges: ['DELETE'], grantOptionOnly: false, grantor: 'o', cascade: false }))
  assert.equal(newOwner(acl, 'o', 'o2'), await explode(relacl('g3')))
  // a default ACL under a new owner is the new owner's default
  assert.equal(newOwner(aclDefault('table', 'o', 18), 'o', 'o2'), aclDefault('table', 'o2', 18))
})

test('storedAcl is absent exactly when the ACL is the default', () => {
  assert.is(storedAcl('function', 'o', aclDefault('function', 'o', 18), 18), undefined)
  const g = grant(aclDefault('function', 'o', 18), { grantees: ['r1'], privileges: ['EXECUTE'], grantable: false, grantor: 'o' })
  assert.equal(storedAcl('function', 'o', g, 18), g)
})

/** pg_default_acl rows: (role, schema or '', objtype) → exploded acl. */
const defaultAcls = async (): Promise<Map<string, Acl>> => {
  const r = await pg.query<{ role: string; schema: string; t: string; acl: string }>(
    `SELECT pg_get_userbyid(defaclrole) AS role, coalesce(n.nspname, '') AS schema, defaclobjtype AS t, defaclacl::text AS acl
       FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace`,
  )
  const out = new Map<string, Acl>()
  // an empty aclitem[] cannot go through aclexplode
  for (const x of r.rows) out.set(`${x.role}/${x.schema}/${x.t}`, x.acl === '{}' ? [] : await explode(`'${x.acl}'::aclitem[]`))
  return out
}

test('ALTER DEFAULT PRIVILEGES: global entries hold the whole ACL, schema entries only additions', async () => {
  await pg.exec(`CREATE SCHEMA ds;
    ALTER DEFAULT PRIVILEGES FOR ROLE o GRANT SELECT ON TABLES TO r1;
    ALTER DEFAULT PRIVILEGES FOR ROLE o IN SCHEMA ds GRANT INSERT ON TABLES TO r2;
    ALTER DEFAULT PRIVILEGES FOR ROLE o IN SCHEMA ds REVOKE SELECT ON TABLES FROM r1;
    ALTER DEFAULT PRIVILEGES FOR ROLE o REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`)
  let gt = alterDefaultAcl(undefined, 'o', '', 'tables', { action: 'grant', grantees: ['r1'], privileges: ['SELECT'], grantable: false }, 18)
  let st = alterDefaultAcl(undefined, 'o', 'ds', 'tables', { action: 'grant', grantees: ['r2'], privileges: ['INSERT'], grantable: false }, 18)
  // IN SCHEMA cannot take back a global grant
  st = alterDefaultAcl(st, 'o', 'ds', 'tables', { action: 'revoke', grantees: ['r1'], privileges: ['SELECT'], grantOptionOnly: false }, 18)
  const gf = alterDefaultAcl(undefined, 'o', '', 'functions', { action: 'revoke', grantees: ['PUBLIC'], privileges: ['EXECUTE'], grantOptionOnly: false }, 18)
  const rows = await defaultAcls()
  assert.equal(gt, rows.get('o//r'))
  assert.equal(st, rows.get('o/ds/r'))
  assert.equal(gf, rows.get('o//f'))

  // objects created afterwards by o get global + schema entries
  await pg.exec(`GRANT CREATE ON SCHEMA ds TO o; SET ROLE o; CREATE TABLE ds.n1 (a int); CREATE FUNCTION ds.f1() RETURNS int LANGUAGE sql AS 'select 1'; RESET ROLE;`)
  const lookup: DefaultAcls = (role, schema, t) => {
    const code = { tables: 'r', sequences: 'S', functions: 'f', types: 'T', schemas: 'n' }[t]
    return rows.get(`${role}/${schema}/${code}`)
  }
  assert.equal(initialAcl('table', 'o', 'ds', lookup, 18), await explode(relacl('ds.n1')))
  assert.equal(initialAcl('function', 'o', 'ds', lookup, 18), await explode(`(SELECT coalesce(proacl, acldefault('f', proowner)) FROM pg_proc WHERE oid = 'ds.f1'::regproc)`))

  // back to the built-in default: the global row is deleted
  await pg.exec(`ALTER DEFAULT PRIVILEGES FOR ROLE o REVOKE SELECT ON TABLES FROM r1`)
  gt = alterDefaultAcl(gt, 'o', '', 'tables', { action: 'revoke', grantees: ['r1'], privileges: ['SELECT'], grantOptionOnly: false }, 18)
  assert.is(gt, undefined)
  assert.not.ok((await defaultAcls()).has('o//r'))
})

test('revoking the owner rights globally leaves an empty ACL; in a schema it does nothing', async () => {
  await pg.exec(`CREATE SCHEMA es; ALTER DEFAULT PRIVILEGES FOR ROLE o2 REVOKE ALL ON SEQUENCES FROM o2;
    ALTER DEFAULT PRIVILEGES FOR ROLE o2 IN SCHEMA es REVOKE ALL ON TABLES FROM o2;`)
  const g = alterDefaultAcl(undefined, 'o2', '', 'sequences', { action: 'revoke', grantees: ['o2'], privileges: privilegesOf('sequence', 18), grantOptionOnly: false }, 18)
  const s = alterDefaultAcl(undefined, 'o2', 'es', 'tables', { action: 'revoke', grantees: ['o2'], privileges: privilegesOf('table', 18), grantOptionOnly: false }, 18)
  const rows = await defaultAcls()
  assert.equal(g, [])
  assert.equal(rows.get('o2//S'), [])
  assert.is(s, undefined)
  assert.not.ok(rows.has('o2/es/r'))
})

test('the owner revoking its own privilege does not cascade to what it granted (it keeps every grant option)', async () => {
  await pg.exec(`CREATE TABLE g9 (a int); ALTER TABLE g9 OWNER TO o; GRANT SELECT ON g9 TO r1; REVOKE SELECT ON g9 FROM o;
    ALTER DEFAULT PRIVILEGES FOR ROLE o2 GRANT SELECT ON TABLES TO r1; ALTER DEFAULT PRIVILEGES FOR ROLE o2 REVOKE SELECT ON TABLES FROM o2;`)
  const start = grant(aclDefault('table', 'o', 18), { grantees: ['r1'], privileges: ['SELECT'], grantable: false, grantor: 'o' })
  const spec = { grantees: ['o'], privileges: ['SELECT'] as Privilege[], grantOptionOnly: false, grantor: 'o', cascade: false }
  assert.ok(E.isLeft(revoke(start, spec)), 'without the owner, the owner looks like an ordinary holder')
  const acl = revoke(start, { ...spec, owner: 'o' })
  assert.equal(E.isRight(acl) ? acl.right : [], await explode(relacl('g9')))
  let d = alterDefaultAcl(undefined, 'o2', '', 'tables', { action: 'grant', grantees: ['r1'], privileges: ['SELECT'], grantable: false }, 18)
  d = alterDefaultAcl(d, 'o2', '', 'tables', { action: 'revoke', grantees: ['o2'], privileges: ['SELECT'], grantOptionOnly: false }, 18)
  assert.equal(d, (await defaultAcls()).get('o2//r'))
})

test('an empty global default and no schema entry give the built-in default (aclmerge of two empty ACLs is NULL)', async () => {
  await pg.exec(`ALTER DEFAULT PRIVILEGES FOR ROLE r3 REVOKE ALL ON TABLES FROM r3; GRANT CREATE ON SCHEMA public TO r3;
    SET ROLE r3; CREATE TABLE e1 (a int); RESET ROLE;`)
  const d = alterDefaultAcl(undefined, 'r3', '', 'tables', { action: 'revoke', grantees: ['r3'], privileges: privilegesOf('table', 18), grantOptionOnly: false }, 18)
  assert.equal(d, [])
  const lookup: DefaultAcls = (role, schema, t) => (role === 'r3' && schema === '' && t === 'tables' ? d : undefined)
  assert.equal(initialAcl('table', 'r3', 'public', lookup, 18), await explode(relacl('e1')))
})

test('the public schema of a fresh catalog carries its canonical, non-default ACL (15+)', () => {
  for (const v of [15, 16, 17, 18] as const) {
    const s = publicSchema(v)
    assert.ok(s.acl)
    assert.equal(s.acl, sortAcl(s.acl ?? []), 'canonical order')
    assert.equal(storedAcl('schema', s.owner, s.acl ?? [], v), s.acl, 'not the built-in default')
  }
})

test.after(async () => {
  await pg.close()
})

test.run()
