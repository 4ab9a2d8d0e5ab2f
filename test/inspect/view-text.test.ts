/**
 * View text from PostgreSQL 15 (every column of a single-relation view qualified, as its
 * pg_get_viewdef printed it) reads as the 16+ form the IR holds; 16+ text is only made canonical.
 * The 15 inputs are what PostgreSQL 15.18 printed for the fixtures (hcl/041, hcl/035).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { canonicalQuery } from '../../src/normalize/expr.js'
import { viewQuery } from '../../src/inspect/view-text.js'
import { ready } from '../../src/parse/sql/parser.js'

await ready()

const cases: ReadonlyArray<readonly [string, string]> = [
  [' SELECT users.id,\n    users.name\n   FROM public.users;', 'SELECT id, name FROM public.users'],
  [' SELECT users.id\n   FROM public.users;', 'SELECT id FROM public.users'],
  [' SELECT u.id, upper(u.name) AS n\n   FROM public.users u\n  WHERE (u.active = true)\n  ORDER BY u.id;', 'SELECT id, upper(name) AS n FROM public.users u WHERE (active = true) ORDER BY id'],
  // a subquery is qualified by every version: only the top level changes
  [
    ' SELECT users.id\n   FROM public.users\n  WHERE (EXISTS ( SELECT 1\n           FROM public.orders o\n          WHERE (o.user_id = users.id)));',
    'SELECT id FROM public.users WHERE (EXISTS ( SELECT 1 FROM public.orders o WHERE (o.user_id = users.id)))',
  ],
  // two relations: qualified by every version
  [' SELECT t.id, u.name\n   FROM (public.tasks t\n     JOIN public.users u ON ((u.id = t.user_id)));', ' SELECT t.id, u.name FROM (public.tasks t JOIN public.users u ON ((u.id = t.user_id)))'],
]

test('PostgreSQL 15 view text reads as the 16+ form', () => {
  for (const [pg15, pg16] of cases) assert.is(viewQuery(pg15, 15), canonicalQuery(pg16), pg15)
})

test('16+ view text is only made canonical', () => {
  for (const [pg15] of cases) assert.is(viewQuery(pg15, 16), canonicalQuery(pg15))
})

test.run()
