/** DO blocks: the CREATE ROLE idioms, EXECUTE format(…), W-DO-SKIPPED; PGlite as oracle; the access fixtures. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { ready, loadSql } from '../../../src/parse/index.js'
import { parseSql } from '../../../src/parse/sql/parser.js'
import { formatText } from '../../../src/parse/sql/do-format.js'
import { stop } from '../../support/pglite.js'
import { agreesWithServer, loadedRoles } from './role-oracle.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const load = (text: string) => loadSql([{ file: 'f.sql', text }], { pgVersion: 18 })
const codes = (text: string): string[] => load(text).diagnostics.map((d) => d.code)
const roleNames = (text: string): string[] => loadedRoles(text).roles.map((r) => r.name)

const IF_NOT_EXISTS = `DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app') THEN
    CREATE ROLE app LOGIN CONNECTION LIMIT 20;
  END IF;
END
$$;`

const EXCEPTION = `DO $do$ BEGIN
  CREATE ROLE app NOLOGIN BYPASSRLS;
EXCEPTION WHEN duplicate_object THEN
  RAISE NOTICE 'role app already exists';
END $do$;`

test('IF NOT EXISTS (pg_roles) runs CREATE ROLE, or skips it when the role exists', () => {
  const r = loadedRoles(IF_NOT_EXISTS)
  assert.equal(r.codes, [])
  assert.equal(r.roles.map((x) => [x.name, x.login, x.connectionLimit]), [['app', true, 20]])
  const again = loadedRoles(`CREATE ROLE app; ${IF_NOT_EXISTS}`)
  assert.equal(again.codes, [])
  assert.equal(again.roles.map((x) => [x.name, x.login]), [['app', false]])
  // pg_user / usename and a reversed comparison
  assert.equal(roleNames(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_user WHERE 'u1' = usename) THEN CREATE USER u1; END IF; END $$;`), ['u1'])
  // IF EXISTS … ELSE
  assert.equal(roleNames(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'a') THEN NULL; ELSE CREATE ROLE b; END IF; END $$;`), ['b'])
})

test('EXCEPTION WHEN duplicate_object: CREATE ROLE, silently skipped when it exists', () => {
  assert.equal(loadedRoles(EXCEPTION).roles.map((x) => [x.name, x.bypassRls]), [['app', true]])
  const again = loadedRoles(`CREATE ROLE app LOGIN; ${EXCEPTION}`)
  assert.equal(again.codes, [])
  assert.equal(again.roles.map((x) => [x.name, x.login, x.bypassRls]), [['app', true, false]])
  // without a handler a duplicate is the server's error
  assert.equal(codes(`CREATE ROLE app; DO $$ BEGIN CREATE ROLE app; END $$;`), ['E-DUPLICATE-ROLE'])
})

test('several roles and memberships in one block', () => {
  const sql = `DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader') THEN CREATE ROLE reader; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'writer') THEN CREATE ROLE writer IN ROLE reader; END IF;
  GRANT pg_monitor TO writer;
END
$$;`
  const r = loadedRoles(sql)
  assert.equal(r.codes, [])
  assert.equal(r.roles.map((x) => x.name), ['reader', 'writer'])
  assert.equal(r.memberships.map((m) => `${m.role}>${m.member}`), ['pg_monitor>writer', 'reader>writer'])
})

test('EXECUTE format(…) with current_database(), ||, quote_ident', () => {
  const sql = `CREATE ROLE app;
DO $$ BEGIN
  EXECUTE format('ALTER ROLE app IN DATABASE %I SET statement_timeout = %L', current_database(), '10s');
  EXECUTE 'ALTER ROLE app SET work_mem = ' || quote_literal('64MB');
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), 'app');
END $$;`
  const r = load(sql)
  assert.equal(r.diagnostics, [])
  const objs = [...r.catalog.objects.values()]
  const app = objs.find((o) => o.kind === 'Role')
  assert.equal(app?.kind === 'Role' ? app.settings : undefined, [
    { name: 'work_mem', value: '64MB', inDatabase: false },
    { name: 'statement_timeout', value: '10s', inDatabase: true },
  ])
  const db = objs.find((o) => o.kind === 'Database')
  assert.ok(db?.kind === 'Database' && db.acl?.some((i) => i.grantee === 'app' && i.privilege === 'CONNECT'))
})

test('format(): %s %I %L, positions, %%, NULL', () => {
  assert.is(formatText('%s-%I-%L', ['a b', 'Mixed', "it's"]), `a b-"Mixed"-'it''s'`)
  assert.is(formatText('%2$s %1$s %%', ['x', 'y']), 'y x %')
  assert.is(formatText('%L', [null]), 'NULL')
  assert.is(formatText('%I', [null]), undefined)
  assert.is(formatText('%s %s', ['x']), undefined)
})

test('diagnostics of statements run from a DO block point at the DO statement', () => {
  const r = load(`CREATE ROLE app;\n\nDO $$ BEGIN\n  EXECUTE format('GRANT app TO %I', 'app');\nEND $$;`)
  assert.equal(r.diagnostics.map((d) => [d.code, d.span?.line]), [['E-MEMBERSHIP-CYCLE', 3]])
})

test('anything else is W-DO-SKIPPED, and nothing of it runs', () => {
  const skipped = [
    `DO $$ DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles LOOP EXECUTE format('GRANT x TO %I', r.rolname); END LOOP; END $$;`,
    `DO $$ BEGIN CREATE ROLE a; PERFORM pg_sleep(1); END $$;`,
    `DO $$ DECLARE n text; BEGIN SELECT current_user INTO n; EXECUTE 'CREATE ROLE ' || n; END $$;`,
    `DO $$ BEGIN IF (SELECT count(*) FROM pg_roles) > 3 THEN CREATE ROLE a; END IF; END $$;`,
    `DO $$ BEGIN CREATE ROLE a; EXCEPTION WHEN duplicate_object THEN DROP TABLE t; END $$;`,
    `DO LANGUAGE plpython3u $$ plpy.execute("CREATE ROLE a") $$;`,
    `DO $$ BEGIN RAISE EXCEPTION 'no'; END $$;`,
  ]
  for (const sql of skipped) {
    const r = load(sql)
    assert.equal(r.diagnostics.map((d) => d.code), ['W-DO-SKIPPED'], sql)
    assert.equal(r.diagnostics[0]?.span?.line, 1)
    assert.equal(roleNames(sql), [], sql)
  }
})

// ─── PGlite as oracle ───

test('server: the idioms', () =>
  agreesWithServer(`CREATE ROLE existing LOGIN;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'existing') THEN CREATE ROLE existing SUPERUSER; END IF; END $$;
DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fresh') THEN CREATE ROLE fresh LOGIN CONNECTION LIMIT 5; END IF; END $$;
DO $$ BEGIN CREATE ROLE existing CREATEDB; EXCEPTION WHEN duplicate_object THEN RAISE NOTICE 'exists'; END $$;
DO $$ BEGIN CREATE ROLE other BYPASSRLS IN ROLE fresh; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  EXECUTE format('ALTER ROLE fresh IN DATABASE %I SET search_path = %s', current_database(), 'a, "B"');
  EXECUTE format('GRANT %I TO %I WITH ADMIN OPTION', 'fresh', 'existing');
END $$;`))

// ─── the access fixtures ───

const ROLE_STATEMENTS = new Set(['CreateRoleStmt', 'AlterRoleStmt', 'AlterRoleSetStmt', 'DropRoleStmt', 'GrantRoleStmt', 'DoStmt'])
const FIXTURES = join(process.cwd(), 'fixtures', 'access')

test('every access fixture loads without W-DO-SKIPPED, W-UNSUPPORTED or errors from role, membership and DO statements', () => {
  const bad: string[] = []
  let files = 0
  for (const dir of readdirSync(FIXTURES).sort()) {
    for (const f of ['a.sql', 'b.sql']) {
      const path = join(FIXTURES, dir, f)
      if (!existsSync(path)) continue
      files++
      const text = readFileSync(path, 'utf8')
      const parsed = parseSql(text, path)
      if (E.isLeft(parsed)) continue
      const ranges = parsed.right
        .filter((s) => ROLE_STATEMENTS.has(Object.keys(s.node)[0] ?? ''))
        .map((s) => [s.offset, s.offset + s.length] as const)
      for (const d of loadSql([{ file: path, text }], { pgVersion: 18 }).diagnostics) {
        const o = d.span?.offset ?? -1
        const mine = ranges.some(([a, b]) => o >= a && o <= b)
        if (d.code === 'W-DO-SKIPPED' || (mine && (d.code === 'W-UNSUPPORTED' || d.severity === 'error'))) bad.push(`${dir}/${f}: ${d.code} ${d.message}`)
      }
    }
  }
  assert.ok(files > 200)
  assert.equal(bad, [])
})

test.run()
