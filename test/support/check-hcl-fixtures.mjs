#!/usr/bin/env node
// Checks the HCL corpus fixtures/hcl/<case>/ (see fixtures/hcl/README.md) against real PostgreSQL.
//
//   node test/support/check-hcl-fixtures.mjs [filter]
//       runs each equivalent.sql in a fresh clone of one embedded PGlite (PostgreSQL 18)
//   node test/support/check-hcl-fixtures.mjs --pg <socket dir> [--bin <bin dir>] [--user postgres] [filter]
//       runs each equivalent.sql in a fresh database of the server on that unix-socket directory
//       with `psql -X -q -v ON_ERROR_STOP=1` (a private cluster is initdb'd there when nothing
//       listens, as check-access-fixtures.mjs does); the roles a file created are dropped after it.
//
// Besides "the SQL runs", it checks the conventions: every case has equivalent.sql and at least one
// .hcl file, both start with a `<case>:` header comment, marker files parse, and every role the SQL
// creates is named after the case (`hNNN_…`, `sNNN_…` for seedNNN cases) — roles are cluster-wide
// on a real server. `filter` is a substring of case names. Exit status 1 on any failure.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { execFileSync } from 'child_process'
import { fileURLToPath } from 'url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/hcl')
const args = process.argv.slice(2)
const opt = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const v = args[i + 1]
  args.splice(i, 2)
  return v
}
const pgHost = opt('--pg')
const pgUser = opt('--user') ?? 'postgres'
const pgBin = opt('--bin') ?? ''
const filter = args[0] ?? ''

const cases = fs
  .readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.includes(filter))
  .map((d) => d.name)
  .sort()

const marker = (c, name) => {
  const p = path.join(root, c, name)
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8').replace(/#.*$/gm, '').trim() : undefined
}
const runsOn = (c, major) => {
  const words = (marker(c, 'versions') ?? '').split(/\s+/).filter(Boolean)
  const exact = words.filter((w) => /^\d+$/.test(w)).map(Number)
  return (
    words.every((w) => (w.startsWith('>=') ? major >= Number(w.slice(2)) : w.startsWith('<=') ? major <= Number(w.slice(2)) : true)) &&
    (exact.length === 0 || exact.includes(major))
  )
}
/** The role-name prefix of a case: `h001_` for `001-…`, `s000_` for `seed000-…`. */
const rolePrefix = (c) => {
  const m = /^(\d{3})-/.exec(c) ?? /^seed(\d{3})-/.exec(c)
  if (!m) return undefined
  return (c.startsWith('seed') ? 's' : 'h') + m[1] + '_'
}

const problems = []
const failures = []

// ── static conventions ──
for (const c of cases) {
  const dir = path.join(root, c)
  if (rolePrefix(c) === undefined) problems.push(`${c}: name must be NNN-kebab-name or seedNNN-kebab-name`)
  const hcl = fs.readdirSync(dir).filter((f) => f.endsWith('.hcl')).sort()
  if (hcl.length === 0) problems.push(`${c}: no .hcl file`)
  if (!fs.existsSync(path.join(dir, 'equivalent.sql'))) {
    problems.push(`${c}: no equivalent.sql`)
    continue
  }
  const sql = fs.readFileSync(path.join(dir, 'equivalent.sql'), 'utf8')
  if (!sql.startsWith(`-- ${c}: `)) problems.push(`${c}/equivalent.sql: must start with "-- ${c}: <what it checks>"`)
  const first = hcl[0] && fs.readFileSync(path.join(dir, hcl[0]), 'utf8')
  if (first !== undefined && !first.startsWith(`# ${c}: `)) problems.push(`${c}/${hcl[0]}: must start with "# ${c}: <what it checks>"`)
  for (const f of fs.readdirSync(dir)) {
    if (!/\.hcl$|^equivalent\.sql$|^versions$|^extensions$|^vars$|^env$/.test(f)) problems.push(`${c}: unexpected file ${f}`)
    if (f === 'vars' || f === 'env')
      for (const l of fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
        if (l.trim() !== '' && !l.startsWith('#') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(l)) problems.push(`${c}/${f}: not a name=value line: ${l}`)
  }
}

const badRoles = (c, created) => {
  const prefix = rolePrefix(c)
  for (const r of created) if (prefix === undefined || !r.startsWith(prefix)) problems.push(`${c}: role "${r}" is not named ${prefix}…`)
}

let version = 0
let ran = 0
let skipped = 0
const USER_ROLES = 'SELECT rolname FROM pg_roles WHERE oid >= 16384 ORDER BY 1'

if (pgHost === undefined) {
  const { PGlite } = await import('@electric-sql/pglite')
  const wanted = new Set(cases.flatMap((c) => (marker(c, 'extensions') ?? '').split(/\s+/).filter(Boolean)))
  const extensions = {}
  for (const name of wanted) {
    const id = name.replace(/-/g, '_')
    extensions[id] = (await import(`@electric-sql/pglite/contrib/${id}`))[id]
  }
  const base = await PGlite.create({ extensions })
  version = Math.floor(Number((await base.query('SHOW server_version_num')).rows[0].server_version_num) / 10000)
  for (const c of cases) {
    if (!runsOn(c, version)) {
      skipped++
      continue
    }
    const file = path.join(root, c, 'equivalent.sql')
    if (!fs.existsSync(file)) continue
    const db = await base.clone()
    try {
      await db.exec(fs.readFileSync(file, 'utf8'))
      ran++
      badRoles(c, (await db.query(USER_ROLES)).rows.map((r) => r.rolname))
    } catch (e) {
      failures.push(`${c}/equivalent.sql: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      await db.close()
    }
  }
  await base.close()
} else {
  const bin = (name) => (pgBin ? path.join(pgBin, name) : name)
  const conn = ['-h', pgHost, '-U', pgUser]
  const run = (cmd, argv) => execFileSync(bin(cmd), [...conn, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const psql = (db, sql) => run('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', sql])
  const asRoot = process.getuid?.() === 0
  const asPg = (cmd, argv) =>
    execFileSync(asRoot ? 'runuser' : bin(cmd), asRoot ? ['-u', 'postgres', '--', bin(cmd), ...argv] : argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (!fs.existsSync(path.join(pgHost, '.s.PGSQL.5432'))) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-pg-'))
    const madeSocketDir = !fs.existsSync(pgHost)
    fs.mkdirSync(pgHost, { recursive: true })
    if (asRoot) execFileSync('chown', ['-R', 'postgres', work, pgHost])
    fs.chmodSync(work, 0o755)
    fs.chmodSync(pgHost, 0o755)
    const cluster = path.join(work, 'data')
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
  const roles = () => new Set(psql('postgres', USER_ROLES).split('\n').filter(Boolean))
  const ident = (s) => `"${s.replace(/"/g, '""')}"`
  let n = 0
  for (const c of cases) {
    if (!runsOn(c, version)) {
      skipped++
      continue
    }
    const file = path.join(root, c, 'equivalent.sql')
    if (!fs.existsSync(file)) continue
    const db = `hcl_fx_${process.pid}_${++n}`
    const before = roles()
    psql('postgres', `DROP DATABASE IF EXISTS ${db}`)
    psql('postgres', `CREATE DATABASE ${db} TEMPLATE template0`)
    try {
      run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', file])
      ran++
    } catch (e) {
      failures.push(`${c}/equivalent.sql: ${e && typeof e === 'object' && 'stderr' in e ? String(e.stderr).trim() : String(e)}`)
    } finally {
      psql('postgres', `DROP DATABASE IF EXISTS ${db}`)
      const created = [...roles()].filter((r) => !before.has(r))
      badRoles(c, created)
      if (created.length > 0) psql('postgres', `DROP ROLE IF EXISTS ${created.map(ident).join(', ')}`)
    }
  }
}

for (const p of problems) console.log(`PROBLEM ${p}`)
for (const f of failures) console.log(`FAIL ${f}`)
console.log(`PostgreSQL ${version}: ${cases.length} cases, ${ran} equivalent.sql files ran, ${failures.length} failed, ${skipped} skipped (versions), ${problems.length} problems`)
process.exit(failures.length > 0 || problems.length > 0 ? 1 : 0)
