/**
 * The README's example (examples/v1.sql → v2.sql: tables, types, functions, a view, roles,
 * memberships, default privileges, grants down to columns, RLS and a policy) converges on real
 * PostgreSQL in both directions, like every fixture.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { runCase, CaseFailure } from '../support/access-case.js'
import { backends } from '../support/backends.js'
import { repoRoot, type DiffCase } from '../support/fixtures.js'
import { stop } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'
import { migrator, ready } from '../support/pipeline.js'

await ready()
const dir = join(repoRoot(), 'examples')
const example: DiffCase = {
  name: 'examples',
  dir,
  a: readFileSync(join(dir, 'v1.sql'), 'utf8'),
  b: readFileSync(join(dir, 'v2.sql'), 'utf8'),
  versions: undefined,
  extensions: [],
}

for (const b of backends())
  test(`the example converges on ${b.label}, both ways`, async () => {
    try {
      await runCase(b, migrator, await b.version(), example)
    } catch (e) {
      if (e instanceof CaseFailure) assert.unreachable(`${e.what}\n${e.detail}`)
      throw e
    }
  })

test.after(async () => {
  await stop()
  await stopServer()
})

test.run()
