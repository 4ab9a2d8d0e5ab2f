/**
 * The seeds' HCL, whole files through the parser and the loader (every lowerer): seed 003's
 * walkthrough gives the migrations the seed shows and, on PGlite, the ACLs it implies; seed 000's
 * roles.hcl and seed 004's policy/row_security snippet give the expected IR, and applying
 * diff(empty, x) then inspecting gives x back.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { freshCatalog, type Catalog, type PgVersion } from '../../../src/ir/catalog.js'
import { identity } from '../../../src/ir/names.js'
import { stripSpans } from '../../../src/ir/equal.js'
import type { DbObject } from '../../../src/ir/objects.js'
import { diff } from '../../../src/diff/index.js'
import { emitSql } from '../../../src/emit/index.js'
import { inspect } from '../../../src/inspect/index.js'
import { ready } from '../../../src/parse/sql/index.js'
import { parseHcl } from '../../../src/parse/hcl/parse.js'
import { loadBodies, type HclFile } from '../../../src/parse/hcl/load/load.js'
import { LOWERERS } from '../../../src/parse/hcl/lower/registry.js'
import { aclListing, expectedAcl } from '../../support/acl-listing.js'
import { applyStatements, scriptStatements } from '../../support/apply.js'
import { catalogDiff, catalogsConverge } from '../../support/compare.js'
import { fresh, stop } from '../../support/pglite.js'

await ready()
const test = suite('seeds 000, 003, 004 in HCL')

const loadHcl = (texts: ReadonlyArray<string>, v: PgVersion): Catalog => {
  const files: HclFile[] = texts.map((text, i) => {
    const p = parseHcl(text, `f${i}.hcl`)
    if (E.isLeft(p)) throw new Error(`syntax: ${JSON.stringify(p.left)}`)
    return { file: `f${i}.hcl`, body: p.right }
  })
  const r = loadBodies(files, { pgVersion: v }, LOWERERS)
  assert.equal(r.diagnostics, [], 'loads without diagnostics')
  return r.catalog
}

// seed 003, verbatim
const STEP1 = `
function "add" {
schema = schema.public
lang = PLpgSQL
arg "a" {
type = integer
}
arg "b" {
type = integer
}
return = integer
as = <<-SQL
BEGIN
RETURN a + b;
END;
SQL
}
procedure "noop" {
schema = schema.public
lang = PLpgSQL
as = <<-SQL
BEGIN
END;
SQL
}
schema "public" {
comment = "standard public schema"
}
`
const STEP2 = `
permission {
to = PUBLIC
for = function.add
privileges = [EXECUTE]
}
permission {
to = PUBLIC
for = schema.public
privileges = [USAGE]
}
`
// the dev baseline of step 3, declared in the schema
const STEP3 = `
default_privileges {
  on = FUNCTIONS
  revoke {
    from       = PUBLIC
    privileges = [EXECUTE]
  }
}
`
// seed 000 roles.hcl, verbatim
const ROLES = `
role "app_readonly" {
 comment = "Read-only application access"
}

role "app_writer" {
 member_of = [role.app_readonly]
}

role "app_admin" {
 create_db = true
 create_role = true
 member_of = [role.app_writer]
}
`
// seed 004 (its line breaks, lost in the seed's text, restored), with the columns the policy uses
const RLS = `
policy "employee_policy" {
  on = table.employees
  for = SELECT
  to = [PUBLIC]
  using = "(current_user = employee_role)"
}
table "employees" {
  schema = schema.public
  row_security {
    enabled = true
    enforced = false # optional
  }
  # ... columns
  column "id" {
    type = integer
    null = false
  }
  column "employee_role" {
    type = name
  }
}
schema "public" {
  comment = "standard public schema"
}
`

const shape = (s: string): string => {
  const one = s.replace(/\s+/g, ' ')
  const name = (q: string | undefined): string => (q ?? '').replace(/"/g, '').replace(/^public\./, '')
  let m = /^(GRANT|REVOKE) (\w+) ON (SCHEMA|FUNCTION|PROCEDURE) ("?[\w]+"?(?:\."?\w+"?)?)(?: ?\([^)]*\))? (?:TO|FROM) PUBLIC;$/.exec(one)
  if (m) return `${m[1]} ${m[2]} ${m[3]} ${name(m[4])}`
  m = /^CREATE (FUNCTION|PROCEDURE) ("?\w+"?\."?\w+"?)/.exec(one)
  if (m) return `CREATE ${m[1]} ${name(m[2])}`
  m = /^ALTER DEFAULT PRIVILEGES .*?(GRANT|REVOKE) (\w+) ON (\w+) (?:TO|FROM) PUBLIC;$/.exec(one)
  if (m) return `DEFAULTS ${m[1]} ${m[2]} ${m[3]}`
  return one
}
const migrate = (from: Catalog, to: Catalog): { sql: string; shapes: string[] } => {
  const sql = emitSql(diff(from, to), { pgVersion: to.pgVersion })
  return { sql, shapes: scriptStatements(sql).map((s) => shape(s.text)) }
}

/** Run migrations on a fresh PGlite database: its ACL listing, and the inspected catalog. */
const run = async (scripts: ReadonlyArray<string>, v: PgVersion): Promise<{ acl: string[]; inspected: Catalog }> => {
  const db = await fresh()
  try {
    for (const s of scripts) await applyStatements(db.exec, s)
    return { acl: await aclListing(db.db), inspected: await inspect(db.db, { pgVersion: v }) }
  } finally {
    await db.close()
  }
}
const expected = (name: string, v: number): string[] | undefined => expectedAcl(`${process.cwd()}/fixtures/access/${name}`, v)
const converges = (inspected: Catalog, c: Catalog): void => assert.ok(catalogsConverge(inspected, c), catalogDiff(inspected, c, ['inspected', 'hcl']))

let V: PgVersion = 16
test.before(async () => {
  const db = await fresh()
  try {
    V = (await inspect(db.db)).pgVersion
  } finally {
    await db.close()
  }
})

test('seed 003 step 1: the REVOKEs of the seed, after each CREATE; the ACLs on the server', async () => {
  const s1 = loadHcl([STEP1], V)
  const m = migrate(freshCatalog(V), s1)
  assert.equal(m.shapes, ['REVOKE USAGE SCHEMA public', 'CREATE FUNCTION add', 'REVOKE EXECUTE FUNCTION add', 'CREATE PROCEDURE noop', 'REVOKE EXECUTE PROCEDURE noop'], m.sql)
  const r = await run([m.sql], V)
  assert.equal(r.acl, expected('seed003-hcl-step1-as-sql', V), m.sql)
  converges(r.inspected, s1)
})

test('seed 003 step 2 from step 1: exactly the two GRANTs', async () => {
  const s1 = loadHcl([STEP1], V)
  const s2 = loadHcl([STEP1, STEP2], V)
  const m = migrate(s1, s2)
  assert.equal([...m.shapes].sort(), ['GRANT EXECUTE FUNCTION add', 'GRANT USAGE SCHEMA public'], m.sql)
  const r = await run([migrate(freshCatalog(V), s1).sql, m.sql], V)
  assert.equal(r.acl, expected('seed003-hcl-step2-as-sql', V), m.sql)
  converges(r.inspected, s2)
})

test('seed 003 step 3: with the baseline declared, no REVOKE EXECUTE', async () => {
  const s3 = loadHcl([STEP1, STEP3], V)
  const m = migrate(freshCatalog(V), s3)
  assert.equal(m.shapes.filter((s) => !s.startsWith('DEFAULTS')), ['REVOKE USAGE SCHEMA public', 'CREATE FUNCTION add', 'CREATE PROCEDURE noop'], m.sql)
  const r = await run([m.sql], V)
  assert.equal(r.acl, expected('seed003-hcl-step3-hardened-baseline', V), m.sql)
  converges(r.inspected, s3)
})

const obj = (c: Catalog, id: string): DbObject | undefined => {
  const o = c.objects.get(id)
  return o === undefined ? undefined : stripSpans(o)
}

test('seed 000 roles.hcl: the roles and memberships; converges', async () => {
  const c = loadHcl([ROLES], V)
  const base = { kind: 'Role', superuser: false, createDb: false, createRole: false, inherit: true, login: false, replication: false, bypassRls: false, connectionLimit: -1 }
  assert.equal(obj(c, identity('Role', ['app_readonly'])), { ...base, name: 'app_readonly', comment: 'Read-only application access' })
  assert.equal(obj(c, identity('Role', ['app_writer'])), { ...base, name: 'app_writer' })
  assert.equal(obj(c, identity('Role', ['app_admin'])), { ...base, name: 'app_admin', createDb: true, createRole: true })
  assert.equal(obj(c, identity('Membership', ['app_readonly', 'app_writer'])), { kind: 'Membership', role: 'app_readonly', member: 'app_writer', admin: false, inherit: true, set: true })
  assert.equal(obj(c, identity('Membership', ['app_writer', 'app_admin'])), { kind: 'Membership', role: 'app_writer', member: 'app_admin', admin: false, inherit: true, set: true })
  const r = await run([migrate(freshCatalog(V), c).sql], V)
  converges(r.inspected, c)
})

test('seed 004: the policy and row security; converges', async () => {
  const c = loadHcl([RLS], V)
  const p = obj(c, identity('Policy', ['public', 'employees', 'employee_policy']))
  assert.equal(p && p.kind === 'Policy' ? { ...p, using: undefined } : p, {
    kind: 'Policy',
    schema: 'public',
    table: 'employees',
    name: 'employee_policy',
    permissive: true,
    command: 'select',
    roles: ['PUBLIC'],
    using: undefined,
  })
  const t = obj(c, identity('Table', ['public', 'employees']))
  assert.ok(t?.kind === 'Table' && t.rowSecurity === true && t.forceRowSecurity === undefined, JSON.stringify(t))
  const m = migrate(freshCatalog(V), c)
  const r = await run([m.sql], V)
  converges(r.inspected, c)
})

const ACCESS = `
schema "public" {
  comment = "standard public schema"
}
schema "app" {}
role "boss" {
  comment = "grants on behalf of the owner"
}
role "readers" {
  inherit = false
  config {
    search_path = "app, public"
  }
  config "in_database" {
    work_mem = "64MB"
  }
}
user "alice" {
  conn_limit = 3
  member_of = [role.readers]
  member_of {
    role  = role.boss
    admin = true
    set   = false
  }
}
table "docs" {
  schema = schema.app
  column "id" {
    type = integer
    null = false
  }
  column "owner" {
    type = text
  }
  row_security {
    enabled  = true
    enforced = true
  }
  policy "own" {
    for   = UPDATE
    to    = [role.readers, user.alice]
    as    = RESTRICTIVE
    using = "owner = current_user"
    check = "owner = current_user"
    comment = "only one's own rows"
  }
}
function "f" {
  schema = schema.app
  lang   = SQL
  return = integer
  as     = "select 1"
}
permission {
  to         = role.boss
  for        = table.docs
  privileges = [SELECT, UPDATE]
  grantable  = true
}
permission {
  to         = role.readers
  for        = table.docs
  privileges = [SELECT]
  grantor    = role.boss
}
permission {
  to         = user.alice
  for        = table.app.docs
  privileges = [UPDATE]
  columns    = [table.docs.column.owner]
}
permission {
  to         = role.readers
  for        = schema.app
  privileges = [USAGE]
}
# a grantor must reach the object: boss needs the schema too
permission {
  to         = role.boss
  for        = schema.app
  privileges = [USAGE]
}
permission {
  to         = role.readers
  for        = function.f
  privileges = [ALL]
}
permission {
  to         = role.readers
  for        = database
  privileges = [CONNECT]
}
default_privileges {
  for    = role.boss
  schema = schema.app
  on     = TABLES
  grant {
    to         = role.readers
    privileges = [SELECT]
  }
}
`

test('a schema with every access block: loads, migrates, and converges on the server', async () => {
  const c = loadHcl([ACCESS], V)
  const m = migrate(freshCatalog(V), c)
  assert.ok(!/alice.*PASSWORD/i.test(m.sql))
  const r = await run([m.sql], V)
  converges(r.inspected, c)
  const docs = obj(c, identity('Table', ['app', 'docs']))
  assert.ok(docs?.kind === 'Table' && docs.acl?.some((i) => i.grantee === 'readers' && i.grantor === 'boss'), JSON.stringify(docs))
  assert.ok(r.acl.includes('column app.docs.owner | alice | UPDATE | postgres | NO'), r.acl.join('\n'))
  assert.ok(r.acl.includes('database (current) | readers | CONNECT | postgres | NO'), r.acl.join('\n'))
  assert.ok(!r.acl.some((l) => l.startsWith('database (current) | PUBLIC')), 'the database ACL is exactly the declared one')
})

test.after(async () => {
  await stop()
})

test.run()
