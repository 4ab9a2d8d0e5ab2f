/**
 * Laws on catalogs with access control (roles, memberships, ACLs, default ACLs, policies, RLS):
 * a catalog differs from itself in nothing, and the migration between two catalogs does not depend
 * on the order their objects were built in.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { catalog, type Catalog } from '../src/ir/catalog.js'
import { ready } from '../src/parse/sql/parser.js'
import { diff } from '../src/diff/index.js'
import { emitSql } from '../src/emit/index.js'
import { arbitraryAccessCatalog, arbitraryAccessPair } from './arbitrary.js'
import { check, params, shuffle } from './support.js'

test.before(async () => {
  await ready()
})

const rebuilt = (c: Catalog, seed: number): Catalog => catalog(c.pgVersion, shuffle([...c.objects.values()], seed))

test('diff(x, x) is empty on catalogs with access control', () => {
  check(
    fc.property(arbitraryAccessCatalog(), (x) => {
      const cs = diff(x, x)
      assert.equal(cs.changes, [], `diff(x, x) not empty: ${JSON.stringify(cs.changes.slice(0, 3))}`)
    }),
    params(100),
  )
})

test('diff(x, x) is empty for both sides of an access pair', () => {
  check(
    fc.property(arbitraryAccessPair(), ({ a, b }) => {
      assert.equal(diff(a, a).changes, [])
      assert.equal(diff(b, b).changes, [])
    }),
    params(50),
  )
})

test('emitSql(diff(a, b)) with access control does not depend on object order', () => {
  check(
    fc.property(arbitraryAccessPair(), fc.integer(), fc.integer(), ({ a, b }, s1, s2) => {
      const expected = emitSql(diff(a, b), { pgVersion: b.pgVersion })
      assert.is(emitSql(diff(rebuilt(a, s1), rebuilt(b, s2)), { pgVersion: b.pgVersion }), expected)
      assert.is(emitSql(diff(a, b), { pgVersion: b.pgVersion }), expected, 'same call twice')
    }),
    params(100),
  )
})

test('the generator covers every access kind', () => {
  const seen = new Set<string>()
  let acls = 0
  let columnAcls = 0
  let rls = 0
  for (const x of fc.sample(arbitraryAccessCatalog(), { numRuns: 300, seed: 42 })) {
    for (const o of x.objects.values()) {
      seen.add(o.kind)
      if ('acl' in o && o.acl !== undefined && o.kind !== 'DefaultAcl') acls++
      if (o.kind === 'Table' && o.columns.some((c) => c.acl !== undefined)) columnAcls++
      if (o.kind === 'Table' && (o.rowSecurity || o.forceRowSecurity)) rls++
    }
  }
  for (const k of ['Role', 'Membership', 'DefaultAcl', 'Policy']) assert.ok(seen.has(k), `no ${k} generated`)
  assert.ok(acls > 0 && columnAcls > 0 && rls > 0, `acls ${acls}, column acls ${columnAcls}, rls ${rls}`)
})

test.run()
