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

// The listing query is shared with the seed 003 golden tests: test/support/acl-listing.ts, built
// into dist/ by `npx tsc -p .` (run that first).
const listing = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/test/support/acl-listing.js')
if (!fs.existsSync(listing)) {
  console.error(`${listing} is missing: build first (npx tsc -p .)`)
  process.exit(2)
}
const { ACL_SQL, REST_SQL } = await import(listing)

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
