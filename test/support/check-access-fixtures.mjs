#!/usr/bin/env node
// Checks the access-control corpus fixtures/access/<case>/{a,b}.sql against real PostgreSQL.
//
//   node test/support/check-access-fixtures.mjs [filter]
//       loads each file into a fresh clone of one embedded PGlite (PostgreSQL 18)
//   node test/support/check-access-fixtures.mjs --pg <socket dir> [--bin <bin dir>] [--user postgres] [filter]
//       loads each file into a fresh database of the server listening on that unix-socket
//       directory, with `psql -X -q -v ON_ERROR_STOP=1`. When no server listens there, a private
//       cluster is created under /tmp with <bin dir>/initdb (as the `postgres` OS user when running
//       as root), started on that socket directory, and stopped and removed at the end.
//       Roles are cluster-wide: the roles a file created are dropped after the file.
//   --write-expected   (re)write expected-acl.txt (PGlite) or expected-acl.pg<major>.txt (server,
//                      only when it differs from expected-acl.txt) for cases that have one
//
// For every case it also compares a catalog dump of the two sides (roles and their attributes,
// comments and settings, memberships, owners, ACLs expanded with acldefault, column ACLs, default
// ACLs, RLS flags, policies): a case whose sides are identical is a problem unless it is named
// `*-noop`, and a `*-noop` case whose sides differ is a problem. Cases with an `expected-acl.txt`
// must produce exactly that ACL listing after loading b.sql (see fixtures/access/README.md).
// Marker file `versions` (same syntax as fixtures/diff): `>=N`, `<=N`, bare majors, `#` comments.
// `filter` is a substring of case names. Exit status 1 on any failure or problem.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { execFileSync } from 'child_process'
import { fileURLToPath } from 'url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/access')
const args = process.argv.slice(2)
const opt = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const v = args[i + 1]
  args.splice(i, 2)
  return v
}
const flag = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return false
  args.splice(i, 1)
  return true
}
const pgHost = opt('--pg')
const pgUser = opt('--user') ?? 'postgres'
const pgBin = opt('--bin') ?? ''
const writeExpected = flag('--write-expected')
const verbose = flag('--verbose')
const filter = args[0] ?? ''

/** Roles present in a fresh cluster; every other role belongs to the case being loaded. */
const CASE_ROLE = `(%s <> 'postgres' AND %s !~ '^pg_')`
const caseRole = (col) => CASE_ROLE.replaceAll('%s', col)
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_temp_' AND n.nspname !~ '^pg_toast_temp_'`
const who = (oid) => `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(${oid})::text END`
const yn = (b) => `CASE WHEN ${b} THEN 'YES' ELSE 'NO' END`

/**
 * The ACL listing: one line per (object, grantee, privilege, grantor, grantable), after expanding a
 * NULL ACL to acldefault(kind, owner). Format: `<kind> <identity> | <grantee> | <PRIVILEGE> | <grantor> | <YES|NO>`.
 * Default ACLs: `default-acl <objtype> <global|in schema s> for <role> | …`; an entry whose ACL is
 * empty gives one line `… | - | (none) | - | -`.
 */
const ACL_SQL = `
WITH obj(kind, ident, acl) AS (
  SELECT 'database', '(current)', coalesce(d.datacl, acldefault('d', d.datdba))
    FROM pg_database d WHERE d.datname = current_database()
  UNION ALL
  SELECT 'schema', quote_ident(n.nspname), coalesce(n.nspacl, acldefault('n', n.nspowner))
    FROM pg_namespace n WHERE ${USER_NS}
  UNION ALL
  SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
           WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'sequence' END,
         (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity,
         coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${USER_NS}
  UNION ALL
  SELECT 'column', (pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum)).identity, a.attacl
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_NS}
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity, coalesce(p.proacl, acldefault('f', p.proowner))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS}
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END,
         (pg_identify_object('pg_type'::regclass, t.oid, 0)).identity, coalesce(t.typacl, acldefault('T', t.typowner))
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE ${USER_NS} AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
     AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
  UNION ALL
  SELECT 'language', quote_ident(l.lanname), coalesce(l.lanacl, acldefault('l', l.lanowner))
    FROM pg_language l WHERE l.lanispl
  UNION ALL
  SELECT 'foreign-data wrapper', quote_ident(w.fdwname), coalesce(w.fdwacl, acldefault('F', w.fdwowner)) FROM pg_foreign_data_wrapper w
  UNION ALL
  SELECT 'server', quote_ident(s.srvname), coalesce(s.srvacl, acldefault('S', s.srvowner)) FROM pg_foreign_server s
), dacl(kind, ident, acl) AS (
  SELECT 'default-acl',
         CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
           WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' WHEN 'L' THEN 'large objects' ELSE d.defaclobjtype::text END
         || CASE WHEN d.defaclnamespace = 0 THEN ' global' ELSE ' in schema ' || quote_ident(d.defaclnamespace::regnamespace::text) END
         || ' for ' || quote_ident(pg_get_userbyid(d.defaclrole)),
         d.defaclacl
    FROM pg_default_acl d
)
SELECT o.kind || ' ' || o.ident || ' | ' || ${who('x.grantee')} || ' | ' || x.privilege_type || ' | ' || ${who('x.grantor')} || ' | ' || ${yn('x.is_grantable')} AS line
  FROM (SELECT * FROM obj UNION ALL SELECT * FROM dacl) o, aclexplode(o.acl) x
UNION ALL
SELECT kind || ' ' || ident || ' | - | (none) | - | -' FROM dacl WHERE cardinality(acl) = 0
ORDER BY 1`

/** Everything else that access control is made of: roles, memberships, owners, RLS, policies. */
const REST_SQL = `
SELECT line FROM (
  SELECT 'role ' || quote_ident(r.rolname) || ' | ' ||
         coalesce(nullif(concat_ws(' ', CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN NOT r.rolinherit THEN 'NOINHERIT' END,
           CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END, CASE WHEN r.rolcreatedb THEN 'CREATEDB' END,
           CASE WHEN r.rolcanlogin THEN 'LOGIN' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,
           CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END,
           CASE WHEN r.rolconnlimit <> -1 THEN 'CONNECTION LIMIT ' || r.rolconnlimit END,
           CASE WHEN r.rolvaliduntil IS NOT NULL THEN 'VALID UNTIL ' || r.rolvaliduntil::text END), ''), '-') AS line
    FROM pg_roles r WHERE ${caseRole('r.rolname')}
  UNION ALL
  SELECT 'role-comment ' || quote_ident(r.rolname) || ' | ' || d.description
    FROM pg_shdescription d JOIN pg_roles r ON r.oid = d.objoid AND d.classoid = 'pg_authid'::regclass
   WHERE ${caseRole('r.rolname')}
  UNION ALL
  SELECT 'role-setting ' || CASE WHEN s.setrole = 0 THEN '(all roles)' ELSE quote_ident(pg_get_userbyid(s.setrole)) END ||
         ' in ' || CASE WHEN s.setdatabase = 0 THEN '(all databases)'
                        WHEN s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) THEN '(current database)'
                        ELSE '(other database)' END || ' | ' || array_to_string(s.setconfig, ', ')
    FROM pg_db_role_setting s
   WHERE s.setdatabase = 0 OR s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  UNION ALL
  SELECT 'membership ' || quote_ident(pg_get_userbyid(m.roleid)) || ' to ' || quote_ident(pg_get_userbyid(m.member)) ||
         ' | grantor ' || coalesce(pg_get_userbyid(m.grantor)::text, '?') || ' | ' ||
         (to_jsonb(m) - 'oid' - 'roleid' - 'member' - 'grantor')::text
    FROM pg_auth_members m
   WHERE ${caseRole('pg_get_userbyid(m.member)::text')} OR ${caseRole('pg_get_userbyid(m.roleid)::text')}
  UNION ALL
  SELECT 'owner database (current) | ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()
  UNION ALL
  SELECT 'owner schema ' || quote_ident(n.nspname) || ' | ' || pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE ${USER_NS}
  UNION ALL
  SELECT 'owner ' || (pg_identify_object('pg_class'::regclass, c.oid, 0)).type || ' ' ||
         (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity || ' | ' || pg_get_userbyid(c.relowner)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c') AND ${USER_NS}
  UNION ALL
  SELECT 'owner ' || (pg_identify_object('pg_proc'::regclass, p.oid, 0)).type || ' ' ||
         (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity || ' | ' || pg_get_userbyid(p.proowner)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS}
  UNION ALL
  SELECT 'owner type ' || (pg_identify_object('pg_type'::regclass, t.oid, 0)).identity || ' | ' || pg_get_userbyid(t.typowner)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE ${USER_NS} AND t.typrelid = 0 AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
  UNION ALL
  SELECT 'column ' || (pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum)).identity || ' | ' || format_type(a.atttypid, a.atttypmod)
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND ${USER_NS}
  UNION ALL
  SELECT 'rls ' || (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity || ' | enabled ' || ${yn('c.relrowsecurity')} ||
         ' | forced ' || ${yn('c.relforcerowsecurity')}
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND ${USER_NS}
  UNION ALL
  SELECT 'policy ' || (pg_identify_object('pg_class'::regclass, p.polrelid, 0)).identity || '.' || quote_ident(p.polname) ||
         ' | ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END ||
         ' | ' || CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END ||
         ' | to ' || (SELECT string_agg(${who('r')}, ', ' ORDER BY ${who('r')}) FROM unnest(p.polroles) r) ||
         ' | using ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-') ||
         ' | check ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
    FROM pg_policy p
) s ORDER BY 1`

const cases = fs
  .readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^(\d{3}|seed\d{3})-/.test(d.name) && d.name.includes(filter))
  .map((d) => d.name)
  .sort()

const readMarker = (dir, name) => {
  const p = path.join(root, dir, name)
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8').trim() : undefined
}
const runsOn = (dir, major) => {
  const words = (readMarker(dir, 'versions') ?? '').replace(/#.*$/gm, '').split(/\s+/).filter(Boolean)
  const exact = words.filter((w) => /^\d+$/.test(w)).map(Number)
  return (
    words.every((w) => (w.startsWith('>=') ? major >= Number(w.slice(2)) : w.startsWith('<=') ? major <= Number(w.slice(2)) : true)) &&
    (exact.length === 0 || exact.includes(major))
  )
}
/** The expected ACL listing for a server major: expected-acl.pg<major>.txt if present, else expected-acl.txt. */
const expectedFile = (c, major) => {
  const specific = path.join(root, c, `expected-acl.pg${major}.txt`)
  if (fs.existsSync(specific)) return specific
  const generic = path.join(root, c, 'expected-acl.txt')
  return fs.existsSync(generic) ? generic : undefined
}
const linesOf = (text) => text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !l.startsWith('#'))

const failures = []
const problems = []
let loaded = 0
let skipped = 0
const differ = []

for (const c of cases) {
  for (const f of ['a.sql', 'b.sql']) {
    if (!fs.existsSync(path.join(root, c, f))) problems.push(`${c}: missing ${f}`)
  }
}

/** Per case: load each side with `load(case, file) → {acl, rest}` (throws on a failing file), then compare. */
const checkAll = async (major, load) => {
  for (const c of cases) {
    if (!runsOn(c, major)) {
      skipped++
      continue
    }
    const dumps = {}
    for (const f of ['a.sql', 'b.sql']) {
      const file = path.join(root, c, f)
      if (!fs.existsSync(file)) continue
      try {
        dumps[f] = await load(c, file)
        loaded++
      } catch (e) {
        failures.push(`${c}/${f}: ${e instanceof Error ? e.message : String(e)}`.trim())
      }
    }
    const a = dumps['a.sql']
    const b = dumps['b.sql']
    if (a !== undefined && b !== undefined) {
      const same = a.acl === b.acl && a.rest === b.rest
      const noop = c.endsWith('-noop')
      if (same && !noop) problems.push(`${c}: a and b give identical catalogs (name it *-noop if intended)`)
      if (!same && noop) {
        const la = new Set(linesOf(a.acl + '\n' + a.rest))
        const lb = new Set(linesOf(b.acl + '\n' + b.rest))
        const d = [...[...la].filter((l) => !lb.has(l)).map((l) => `- ${l}`), ...[...lb].filter((l) => !la.has(l)).map((l) => `+ ${l}`)]
        problems.push(`${c}: a *-noop case whose a and b differ:\n    ${d.join('\n    ')}`)
      }
      if (!same) differ.push(c)
      if (verbose) console.log(`--- ${c}\n${b.acl}\n${b.rest}`)
    }
    if (b !== undefined) {
      const exp = expectedFile(c, major)
      if (writeExpected && (exp !== undefined || fs.existsSync(path.join(root, c, 'expected-acl.txt')) || c.startsWith('seed'))) {
        const generic = path.join(root, c, 'expected-acl.txt')
        const header = `# ${c}: ACL listing after loading b.sql (format: fixtures/access/README.md)\n`
        if (major >= 17 || !fs.existsSync(generic)) fs.writeFileSync(generic, header + b.acl.trim() + '\n')
        else if (linesOf(fs.readFileSync(generic, 'utf8')).join('\n') !== linesOf(b.acl).join('\n'))
          fs.writeFileSync(path.join(root, c, `expected-acl.pg${major}.txt`), header.replace('b.sql', `b.sql on PostgreSQL ${major}`) + b.acl.trim() + '\n')
      } else if (exp !== undefined) {
        const want = linesOf(fs.readFileSync(exp, 'utf8'))
        const got = linesOf(b.acl)
        if (want.join('\n') !== got.join('\n')) {
          const missing = want.filter((l) => !got.includes(l)).map((l) => `missing ${l}`)
          const extra = got.filter((l) => !want.includes(l)).map((l) => `extra   ${l}`)
          problems.push(`${c}: ACLs after b.sql differ from ${path.basename(exp)}:\n    ${[...missing, ...extra].join('\n    ')}`)
        }
      }
    }
  }
}

let version = 0
if (pgHost === undefined) {
  const { PGlite } = await import('@electric-sql/pglite')
  const base = new PGlite()
  await base.waitReady
  version = Math.floor(Number((await base.query('SHOW server_version_num')).rows[0].server_version_num) / 10000)
  const text = async (db, sql) => (await db.query(sql)).rows.map((r) => r.line).join('\n')
  await checkAll(version, async (c, file) => {
    const db = await base.clone()
    try {
      await db.exec(fs.readFileSync(file, 'utf8'))
      await db.exec('RESET ROLE; RESET SESSION AUTHORIZATION')
      return { acl: await text(db, ACL_SQL), rest: await text(db, REST_SQL) }
    } finally {
      await db.close()
    }
  })
  await base.close()
} else {
  const bin = (name) => (pgBin ? path.join(pgBin, name) : name)
  const conn = ['-h', pgHost, '-U', pgUser]
  const run = (cmd, argv, input) =>
    execFileSync(bin(cmd), [...conn, ...argv], { encoding: 'utf8', input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
  const psql = (db, sql) => run('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', db], sql)
  const asRoot = process.getuid?.() === 0
  const asPg = (cmd, argv) =>
    execFileSync(asRoot ? 'runuser' : bin(cmd), asRoot ? ['-u', 'postgres', '--', bin(cmd), ...argv] : argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  let cluster
  if (!fs.existsSync(path.join(pgHost, '.s.PGSQL.5432'))) {
    // No server there: start a private cluster on that socket directory, removed at the end.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'access-pg-'))
    const madeSocketDir = !fs.existsSync(pgHost)
    fs.mkdirSync(pgHost, { recursive: true })
    if (asRoot) execFileSync('chown', ['-R', 'postgres', work, pgHost])
    fs.chmodSync(work, 0o755)
    fs.chmodSync(pgHost, 0o755)
    cluster = path.join(work, 'data')
    asPg('initdb', ['-D', cluster, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'])
    asPg('pg_ctl', ['-D', cluster, '-l', path.join(work, 'log'), '-w', '-o',
      `-c listen_addresses='' -c unix_socket_directories='${pgHost}' -c fsync=off -c max_connections=20`, 'start'])
    process.on('exit', () => {
      try {
        asPg('pg_ctl', ['-D', cluster, '-m', 'fast', '-w', 'stop'])
      } catch {
        /* already stopped */
      }
      fs.rmSync(work, { recursive: true, force: true })
      if (madeSocketDir) fs.rmSync(pgHost, { recursive: true, force: true })
    })
  }
  version = Math.floor(Number(psql('postgres', 'SHOW server_version_num').trim()) / 10000)
  const roles = () => new Set(psql('postgres', 'SELECT rolname FROM pg_roles').split('\n').filter(Boolean))
  const ident = (s) => `"${s.replace(/"/g, '""')}"`
  let n = 0
  await checkAll(version, async (c, file) => {
    const db = `acc_fx_${process.pid}_${++n}`
    const before = roles()
    psql('postgres', `DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db} TEMPLATE template0`)
    try {
      try {
        run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', file])
      } catch (e) {
        throw new Error(e && typeof e === 'object' && 'stderr' in e ? String(e.stderr) : String(e))
      }
      return { acl: psql(db, ACL_SQL).trim(), rest: psql(db, REST_SQL).trim() }
    } finally {
      // Roles are cluster-wide: drop the database, then every role the file created.
      psql('postgres', `DROP DATABASE IF EXISTS ${db}`)
      const created = [...roles()].filter((r) => !before.has(r))
      if (created.length > 0) psql('postgres', `DROP ROLE IF EXISTS ${created.map(ident).join(', ')}`)
    }
  })
}

for (const p of problems) console.log(`PROBLEM ${p}`)
for (const f of failures) console.log(`FAIL ${f}`)
console.log(
  `PostgreSQL ${version}: ${cases.length} cases, ${loaded} files loaded, ${failures.length} failed, ` +
    `${skipped} cases skipped (versions), ${differ.length} cases with differing sides, ${problems.length} problems`,
)
process.exit(failures.length > 0 || problems.length > 0 ? 1 : 0)
