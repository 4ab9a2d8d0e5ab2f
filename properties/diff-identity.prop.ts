/** Law: a catalog differs from itself in nothing — `diff(x, x)` is the empty ChangeSet. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { ready } from '../src/parse/sql/parser.js'
import { diff } from '../src/diff/index.js'
import { arbitraryCatalog, arbitraryPair } from './arbitrary.js'
import { check, params } from './support.js'

test.before(async () => {
  await ready()
})

test('diff(x, x) is empty', () => {
  check(
    fc.property(arbitraryCatalog(), (x) => {
      const cs = diff(x, x)
      assert.equal(cs.changes, [], `diff(x, x) not empty: ${JSON.stringify(cs.changes.slice(0, 3))}`)
    }),
    params(100),
  )
})

test('diff(b, b) is empty for the mutated side of a pair (added and altered objects)', () => {
  check(
    fc.property(arbitraryPair(), ({ b }) => {
      assert.equal(diff(b, b).changes, [])
    }),
    params(50),
  )
})

test.run()
