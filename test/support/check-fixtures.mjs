#!/usr/bin/env node
// Checks that every fixtures/diff/<case>/{a,b}.sql file executes on real PostgreSQL.
//
//   node test/support/check-fixtures.mjs [filter]
//       loads each file into a fresh clone of one embedded PGlite (PostgreSQL 18)
//   node test/support/check-fixtures.mjs --pg /tmp/fx15 [--user postgres] [--version 15] [filter]
//       loads each file into its own fresh database of a running server reached on the given
//       unix-socket directory, with psql -v ON_ERROR_STOP=1; with pg_dump available it also
//       checks that a and b differ (and are identical for cases named *-noop)
//
// Per-case marker files (see fixtures/README.md):
//   versions      conditions on the server major version: `>=N`, `<=N` or bare majors `N`
//                 (`#` starts a comment); the case is skipped on servers that do not satisfy them
//   extensions    PGlite contrib modules to load, white-space separated (e.g. `btree_gist`); on a
//                 server the extensions must be installed (postgresql-contrib)
// `filter` is a substring of case names. Exit status 1 when any file fails.
import fs from 'fs'
import path from 'path'
import { execFileSync } from 'child_process'
import { fileURLToPath } from 'url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/diff')
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
  .filter((d) => d.isDirectory() && /^\d{3}-/.test(d.name) && d.name.includes(filter))
  .map((d) => d.name)
  .sort()

const readMarker = (dir, name) => {
  const p = path.join(root, dir, name)
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8').trim() : undefined
}
const extensionsOf = (dir) => (readMarker(dir, 'extensions') ?? '').split(/\s+/).filter(Boolean)
const runsOn = (dir, major) => {
  const words = (readMarker(dir, 'versions') ?? '').replace(/#.*$/gm, '').split(/\s+/).filter(Boolean)
  const exact = words.filter((w) => /^\d+$/.test(w)).map(Number)
  return (
    words.every((w) => (w.startsWith('>=') ? major >= Number(w.slice(2)) : w.startsWith('<=') ? major <= Number(w.slice(2)) : true)) &&
    (exact.length === 0 || exact.includes(major))
  )
}

const failures = []
let loaded = 0
let skipped = 0

const structural = []
for (const c of cases) {
  for (const f of ['a.sql', 'b.sql']) {
    if (!fs.existsSync(path.join(root, c, f))) structural.push(`${c}: missing ${f}`)
  }
}

if (pgHost === undefined) {
  const { PGlite } = await import('@electric-sql/pglite')
  const wanted = [...new Set(cases.flatMap(extensionsOf))].sort()
  const extensions = {}
  for (const name of wanted) {
    const mod = await import(`@electric-sql/pglite/contrib/${name}`)
    extensions[name] = mod[name]
  }
  const base = new PGlite({ extensions })
  await base.waitReady
  const version = Math.floor(Number((await base.query('SHOW server_version_num')).rows[0].server_version_num) / 10000)
  for (const c of cases) {
    if (!runsOn(c, version)) {
      skipped++
      continue
    }
    for (const f of ['a.sql', 'b.sql']) {
      const file = path.join(root, c, f)
      if (!fs.existsSync(file)) continue
      const db = await base.clone()
      try {
        await db.exec(fs.readFileSync(file, 'utf8'))
        loaded++
      } catch (e) {
        failures.push(`${c}/${f}: ${e instanceof Error ? e.message : String(e)}`)
      } finally {
        await db.close()
      }
    }
  }
  await base.close()
} else {
  const bin = (name) => (pgBin ? path.join(pgBin, name) : name)
  const conn = ['-h', pgHost, '-U', pgUser]
  const run = (cmd, argv) => execFileSync(bin(cmd), [...conn, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const version = Math.floor(Number(run('psql', ['-d', 'postgres', '-Atc', 'SHOW server_version_num']).trim()) / 10000)
  const hasDump = (() => {
    try {
      execFileSync(bin('pg_dump'), ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  const dump = (db) =>
    run('pg_dump', ['-s', '--no-owner', '-d', db])
      .split('\n')
      .filter((l) => !l.startsWith('--') && !/^\\(un)?restrict /.test(l))
      .join('\n') +
    // pg_dump -s always creates materialized views WITH NO DATA; add whether each is populated
    run('psql', ['-X', '-d', db, '-Atc', "SELECT string_agg(relname || '=' || relispopulated, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'm'"])
  for (const [i, c] of cases.entries()) {
    if (!runsOn(c, version)) {
      skipped++
      continue
    }
    const dumps = {}
    for (const f of ['a.sql', 'b.sql']) {
      const file = path.join(root, c, f)
      if (!fs.existsSync(file)) continue
      const db = `fx_${i}_${f[0]}`
      run('psql', ['-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db}`])
      run('psql', ['-d', 'postgres', '-qc', `CREATE DATABASE ${db} TEMPLATE template0`])
      try {
        run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', file])
        loaded++
        if (hasDump) dumps[f] = dump(db)
      } catch (e) {
        const msg = e && typeof e === 'object' && 'stderr' in e ? String(e.stderr).trim() : String(e)
        failures.push(`${c}/${f}: ${msg}`)
      } finally {
        run('psql', ['-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db}`])
      }
    }
    if (dumps['a.sql'] !== undefined && dumps['b.sql'] !== undefined) {
      const same = dumps['a.sql'] === dumps['b.sql']
      const noop = c.endsWith('-noop')
      if (same && !noop) structural.push(`${c}: a and b give identical schemas (name it *-noop if intended)`)
      if (!same && noop) structural.push(`${c}: a *-noop case whose a and b give different schemas`)
    }
  }
}

for (const s of structural) console.log(`PROBLEM ${s}`)
for (const f of failures) console.log(`FAIL ${f}`)
console.log(`${cases.length} cases, ${loaded} files loaded, ${failures.length} failed, ${skipped} cases skipped (versions)`)
process.exit(failures.length > 0 || structural.length > 0 ? 1 : 0)
