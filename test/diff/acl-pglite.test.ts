/**
 * End to end on PGlite (PostgreSQL 18), as the server sees it: load a.sql, apply
 * emitSql(diff(A, B)) statement by statement, and compare the server's own listing of ACLs,
 * default ACLs, roles, memberships, policies and RLS flags with a database loaded from b.sql.
 * A selection of fixtures/access pairs that exercise the diff's ACL simulation and ordering; the
 * whole corpus runs in test/convergence/access.test.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { diff } from '../../src/diff/index.js'
import { emitSql } from '../../src/emit/index.js'
import { loadSql, ready } from '../../src/parse/sql/index.js'
import { accessState, aclListing } from '../support/acl-listing.js'
import { applyStatements } from '../support/apply.js'
import { runScript } from '../support/backends.js'
import { repoRoot } from '../support/fixtures.js'
import { fresh, stop } from '../support/pglite.js'

const CASES = [
  '031-role-rename-owner',
  '052-membership-admin-option-add',
  '078-membership-group-dropped',
  '087-public-schema-revoke-all-grant-role',
  '097-table-grant-option-cascade',
  '098-table-grant-by-non-owner',
  '099-table-same-privilege-two-grantors',
  '101-table-owner-revokes-own',
  '109-table-grant-then-recreate',
  '126-column-removed-by-table-revoke',
  '128-column-grant-option',
  '133-function-revoke-public-grant-role',
  '150-database-all-grant-option',
  '163-owner-change-rewrites-grants',
  '173-owner-database-change',
  '176-owner-drop-role-reassign',
  '192-dp-objects-before-and-after',
  '206-dp-revoke-functions-public-then-functions',
  '212-dp-grant-option',
  '214-dp-revoke-owner-global',
  '225-dp-object-then-owner-change',
  '263-policy-with-check-remove',
  '264-policy-uses-function',
  '274-policy-role-renamed',
  '291-saas-tenant-isolation',
  'seed003-sql-tables-default-removed',
]

await ready()
const root = join(repoRoot(), 'fixtures', 'access')
const read = (c: string, f: string): string => readFileSync(join(root, c, f), 'utf8')

const serverState = async (script: string, migration?: string): Promise<string[]> => {
  const t = await fresh()
  try {
    await runScript(t, script)
    if (migration !== undefined) await applyStatements((s) => t.exec(s), migration)
    await t.exec('RESET ROLE')
    return [...(await aclListing(t.db)), ...(await accessState(t.db))]
  } finally {
    await t.close()
  }
}

for (const c of CASES)
  for (const [from, to] of [['a.sql', 'b.sql'], ['b.sql', 'a.sql']] as const)
    test(`${c}: ${from} → ${to}`, async () => {
      const load = (f: string) => {
        const r = loadSql([{ file: f, text: read(c, f) }], { pgVersion: 18 })
        const errors = r.diagnostics.filter((d) => d.severity === 'error')
        assert.equal(errors.map((e) => e.message), [], `${f} loads`)
        return r.catalog
      }
      const A = load(from)
      const B = load(to)
      const sql = emitSql(diff(A, B), { pgVersion: 18 })
      const got = await serverState(read(c, from), sql)
      const want = await serverState(read(c, to))
      const missing = want.filter((l) => !got.includes(l)).map((l) => `+ ${l}`)
      const extra = got.filter((l) => !want.includes(l)).map((l) => `- ${l}`)
      assert.equal([...missing, ...extra], [], `migration:\n${sql}`)
    })

test.after(async () => {
  await stop()
})

test.run()
