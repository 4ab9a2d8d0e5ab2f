/** serverEnv.userType: a keyed lookup of the qualified type text (quoted names included), no scan. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { qualified, relationKey } from '../../../src/ir/names.js'
import { State } from '../../../src/parse/sql/state.js'
import { serverEnv } from '../../../src/parse/sql/server-env.js'

const st = new State(18, 'postgres')
st.setType(relationKey('public', 'mood'), { kind: 'Enum', schema: 'public', name: 'mood', owner: 'postgres', values: ['a'] })
st.setType(relationKey('My "S".x', 'Pos'), {
  kind: 'Domain', schema: 'My "S".x', name: 'Pos', owner: 'postgres', baseType: 'integer', notNull: false, checks: [],
})
st.setType(relationKey('public', 'pair'), { kind: 'CompositeType', schema: 'public', name: 'pair', owner: 'postgres', attributes: [] } as never)
st.setRelation(relationKey('public', 'users'), { kind: 'Table', schema: 'public', name: 'users', owner: 'postgres', columns: [], constraints: [] } as never)
const env = serverEnv(st, () => undefined)

test('enums, domains (quoted schema with dot and quote), composites and relations are found by key', () => {
  assert.equal(env.userType('public.mood'), { kind: 'enum' })
  assert.equal(env.userType(qualified('My "S".x', 'Pos')), { kind: 'domain', base: 'integer' })
  assert.equal(env.userType('public.pair'), { kind: 'other' })
  assert.equal(env.userType('public.users'), { kind: 'other' })
})

test('other texts are not user types', () => {
  assert.equal(env.userType('integer'), undefined)
  assert.equal(env.userType('public.mood[]'), undefined)
  assert.equal(env.userType('public.nope'), undefined)
  assert.equal(env.userType('"public".mood'), undefined) // not the qualified() form
  assert.equal(env.userType('"My ""S"".x".Pos'), undefined) // Pos needs quotes
})

test.run()
