import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/index.js'
import { hclErrors, hclVsSql } from './lower-compare.js'
import { at, blk, bool, col, differences, kw, list, lower, ref, statements, str } from './lower-fake.js'

test.before(async () => {
  await ready()
})

const pub = { schema: ref(at('schema', 'public')) }
const publicSchema = blk('schema', ['public'], { comment: str('standard public schema') })
const same = (blocks: Parameters<typeof differences>[0], text: string): void => {
  const d = differences([publicSchema, ...blocks], text)
  assert.ok(d === undefined, d)
}
const t = blk('table', ['t'], pub, [blk('column', ['a'], { type: kw('integer') }), blk('column', ['b'], { type: kw('text') })])

test('view: query (a heredoc with its final newline and semicolon), options, check option, comments, owner', () => {
  const v = blk('view', ['v'], {
    ...pub,
    as: str('SELECT a, b\nFROM t\nWHERE a > 0 -- positive\n;\n'),
    check_option: kw('CASCADED'),
    security_barrier: bool(true),
    security_invoker: bool(true),
    comment: str('v'),
    owner: ref(at('role', 'app')),
  }, [blk('column', ['b'], { comment: str('bee') })])
  assert.equal(statements([v]), [
    'views: CREATE VIEW public.v WITH (security_barrier = true, security_invoker = true) AS SELECT a, b\nFROM t\nWHERE a > 0 -- positive\nWITH CASCADED CHECK OPTION',
    "attached: COMMENT ON VIEW public.v IS 'v'",
    "attached: COMMENT ON COLUMN public.v.b IS 'bee'",
    'attached: ALTER VIEW public.v OWNER TO app',
  ])
  same(
    [v, t],
    `CREATE TABLE t (a int, b text);
     CREATE VIEW v WITH (security_barrier, security_invoker) AS SELECT a, b FROM t WHERE a > 0 WITH CASCADED CHECK OPTION;
     COMMENT ON VIEW v IS 'v'; COMMENT ON COLUMN v.b IS 'bee'; ALTER VIEW v OWNER TO app;`,
  )
  same([t, blk('view', ['l'], { ...pub, as: str('SELECT a FROM t'), check_option: kw('local') })], 'CREATE TABLE t (a int, b text); CREATE VIEW l AS SELECT a FROM t WITH LOCAL CHECK OPTION;')
})

test('a view on a view declared later (the runner retries it)', () => {
  same(
    [blk('view', ['top'], { ...pub, as: str('SELECT a FROM base') }), blk('view', ['base'], { ...pub, as: str('SELECT a FROM t') }), t],
    'CREATE TABLE t (a int, b text); CREATE VIEW base AS SELECT a FROM t; CREATE VIEW top AS SELECT a FROM base;',
  )
})

test('materialized: with_data, indexes, column comments, comment, owner', () => {
  const m = blk('materialized', ['m'], { ...pub, as: str('SELECT a, b FROM t'), with_data: bool(false), comment: str('m'), owner: str('app') }, [
    blk('column', ['a'], { comment: str('ay') }),
    blk('index', ['m_a'], { unique: bool(true), columns: list(col('a')), comment: str('i') }),
  ])
  assert.equal(statements([m]), [
    'views: CREATE MATERIALIZED VIEW public.m AS SELECT a, b FROM t\nWITH NO DATA',
    'attached: CREATE UNIQUE INDEX m_a ON public.m (a)',
    "attached: COMMENT ON INDEX public.m_a IS 'i'",
    "attached: COMMENT ON MATERIALIZED VIEW public.m IS 'm'",
    "attached: COMMENT ON COLUMN public.m.a IS 'ay'",
    'attached: ALTER MATERIALIZED VIEW public.m OWNER TO app',
  ])
  same(
    [t, m],
    `CREATE TABLE t (a int, b text); CREATE MATERIALIZED VIEW m AS SELECT a, b FROM t WITH NO DATA; CREATE UNIQUE INDEX m_a ON m (a);
     COMMENT ON INDEX m_a IS 'i'; COMMENT ON MATERIALIZED VIEW m IS 'm'; COMMENT ON COLUMN m.a IS 'ay'; ALTER MATERIALIZED VIEW m OWNER TO app;`,
  )
})

test('errors: a missing query, a wrong check option, an unknown attribute, a view of a missing table', () => {
  const r = lower([blk('view', ['v'], { ...pub, check_option: kw('SOMETIMES'), materialized: bool(true) }), blk('materialized', ['m'], { ...pub, as: list() })])
  assert.equal(r.errors.map((e) => e.code), ['E-UNKNOWN-ATTRIBUTE', 'E-MISSING-ATTRIBUTE', 'E-TYPE', 'E-TYPE'])
  assert.match(r.errors[2]?.message ?? '', /expected one of LOCAL, CASCADED/)
  assert.match(differences([blk('view', ['v'], { ...pub, as: str('SELECT * FROM nowhere') })], '') ?? '', /SQL errors: .*nowhere/)
})

const PUB = `schema "public" {\n  comment = "standard public schema"\n}\ntable "t" {\n  schema = schema.public\n  column "a" {\n    type = integer\n  }\n  column "b" {\n    type = text\n  }\n}\n`

test('loadHcl ≅ loadSql: views (heredoc query, options, column comments, a view on a later view), materialized', () => {
  const d = hclVsSql(
    `${PUB}
view "top" {
  schema = schema.public
  as     = "SELECT a FROM public.named"
}
view "named" {
  schema           = schema.public
  check_option     = CASCADED
  security_barrier = true
  security_invoker = true
  comment          = "v"
  owner            = ref("role.app")
  as               = <<-SQL
    SELECT a, b
    FROM public.t
    WHERE a > 0;
  SQL
  column "b" {
    comment = "bee"
  }
}
materialized "m" {
  schema    = schema.public
  with_data = false
  comment   = "m"
  as        = "SELECT a, b FROM public.t"
  column "a" {
    comment = "ay"
  }
  index "m_a" {
    unique  = true
    columns = [column.a]
  }
}
`,
    `CREATE TABLE t (a int, b text);
     CREATE VIEW named WITH (security_barrier, security_invoker) AS SELECT a, b FROM t WHERE a > 0 WITH CASCADED CHECK OPTION;
     COMMENT ON VIEW named IS 'v'; COMMENT ON COLUMN named.b IS 'bee'; ALTER VIEW named OWNER TO app;
     CREATE VIEW top AS SELECT a FROM named;
     CREATE MATERIALIZED VIEW m AS SELECT a, b FROM t WITH NO DATA; CREATE UNIQUE INDEX m_a ON m (a);
     COMMENT ON MATERIALIZED VIEW m IS 'm'; COMMENT ON COLUMN m.a IS 'ay';`,
  )
  assert.ok(d === undefined, d)
})

test('loadHcl errors: a wrong check option, a view of a missing table', () => {
  const e = hclErrors(`${PUB}
view "v" {
  schema       = schema.public
  check_option = SOMETIMES
  as           = "SELECT * FROM public.nowhere"
}
`)
  assert.ok(e.some((x) => /^E-TYPE 16:18 .*expected one of LOCAL, CASCADED/.test(x)), e.join('\n'))
  assert.ok(e.some((x) => /nowhere/.test(x)), e.join('\n'))
})

test.run()
