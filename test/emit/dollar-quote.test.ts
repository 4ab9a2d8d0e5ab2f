/** Function bodies are dollar-quoted with a tag that closes exactly at the end of the body. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { dollarQuote } from '../../src/ir/names.js'
import { load } from '../support/pipeline.js'

test.before(async () => {
  await ready()
})

const bodies = ['SELECT 1', 'SELECT users || cost$', 'SELECT $$x$$', 'SELECT $_$ || $$ || $pg$ || $body$ || $q0$', 'SELECT a$', '$', '$$', 'x$_', "SELECT 'it''s'"]

for (const body of bodies) {
  test(`body ${JSON.stringify(body)} survives dollar quoting`, () => {
    const q = dollarQuote(body)
    const r = load(`CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS ${q};`, 'f.sql', 16)
    assert.equal(r.errors, [], q)
    const f = [...r.catalog.objects.values()].find((o) => o.kind === 'Function')
    assert.ok(f && f.kind === 'Function', q)
    if (f?.kind === 'Function') assert.is(f.body, body, q)
  })
}

test('the plain $$ tag is kept when it fits', () => {
  assert.is(dollarQuote('SELECT 1'), '$$SELECT 1$$')
  assert.is(dollarQuote('SELECT cost$'), '$_$SELECT cost$$_$')
})

test.run()
