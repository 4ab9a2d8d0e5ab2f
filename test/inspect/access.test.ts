/**
 * Inspection of access control: fixtures/access scripts (state b) run on a fresh database, then the
 * exact IR of roles, memberships, ACLs, default ACLs, policies and RLS flags. Runs on PGlite (18)
 * and on the server in PGCHARTER_PG_URL (15 in CI) when set; expectations follow the version.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { freshCatalog, type Catalog } from '../../src/ir/catalog.js'
import type { DbObject } from '../../src/ir/objects.js'
import { idOf } from '../../src/ir/identity.js'
import { inspect } from '../../src/inspect/index.js'
import { backends, runScript } from '../support/backends.js'
import { fixtureCases, versionAdmits } from '../support/fixtures.js'
import { stop } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'
import { CASES, type Case } from './access-cases.js'

const test = suite('inspect access control')

const FIXTURES = new Map(fixtureCases('access').map((c) => [c.name, c]))

const ACCESS_KINDS: ReadonlySet<string> = new Set(['Role', 'Membership', 'DefaultAcl', 'Policy', 'Database'])
/** roles are cluster-wide: only those of this case count (a server may have others) */
const ofCase = (prefix: string | undefined) => (o: DbObject): boolean =>
  o.kind === 'Role' ? prefix !== undefined && o.name.startsWith(prefix) : o.kind === 'Membership' ? prefix !== undefined && o.member.startsWith(prefix) : ACCESS_KINDS.has(o.kind)

const check = (c: Catalog, k: Case, prefix: string | undefined): void => {
  const v = c.pgVersion
  const actual = [...c.objects.values()].filter(ofCase(prefix))
  const expected = [...k.access(v)].sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1))
  assert.equal(actual, expected, 'access-control objects')
  for (const [id, fields] of Object.entries(k.fields?.(v) ?? {})) {
    const o = c.objects.get(id)
    if (!o) throw new assert.Assertion({ message: `no ${id}`, operator: 'get', expects: id, actual: [...c.objects.keys()] })
    for (const [f, want] of Object.entries(fields)) assert.equal((o as unknown as Record<string, unknown>)[f], want, `${id} ${f}`)
  }
  for (const [id, cols] of Object.entries(k.columns?.(v) ?? {})) {
    const o = c.objects.get(id)
    if (!o || o.kind !== 'Table') throw new assert.Assertion({ message: `no table ${id}`, operator: 'get', expects: id, actual: undefined })
    for (const [col, want] of Object.entries(cols)) assert.equal(o.columns.find((x) => x.name === col)?.acl, want, `${id}.${col} acl`)
  }
}

for (const b of backends()) {
  test(`${b.label}: a fresh database is freshCatalog (public schema ACL included, no database object)`, async () => {
    const t = await b.open()
    try {
      const c = await inspect(t.db)
      const own = [...c.objects.values()].filter((o) => o.kind !== 'Role' && o.kind !== 'Membership')
      assert.equal(own, [...freshCatalog(c.pgVersion).objects.values()])
    } finally {
      await t.close()
    }
  })
  for (const k of CASES) {
    const name = k.fixture ?? k.name ?? '?'
    test(`${b.label}: ${name}`, async () => {
      const fixture = k.fixture === undefined ? undefined : FIXTURES.get(k.fixture)
      if (k.fixture !== undefined && !fixture) throw new Error(`no fixture ${k.fixture}`)
      const v = await b.version()
      if (!versionAdmits(fixture?.versions ?? k.versions, v)) return
      const t = await b.open()
      try {
        await runScript(t, fixture?.b ?? k.script ?? '')
        const prefix = /^(r\d{3}_)/.exec(fixture?.b.match(/\br\d{3}_\w*/)?.[0] ?? k.script?.match(/\br\d{3}_\w*/)?.[0] ?? '')?.[1]
        check(await inspect(t.db), k, prefix)
      } finally {
        await t.close()
      }
    })
  }
}

test.after(async () => {
  await stop()
  await stopServer()
})

test.run()
