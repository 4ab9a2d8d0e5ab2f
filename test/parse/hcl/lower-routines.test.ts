import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/index.js'
import { hclErrors, hclVsSql } from './lower-compare.js'
import { at, blk, bool, col, differences, kw, list, lower, num, ref, sql, statements, str } from './lower-fake.js'

test.before(async () => {
  await ready()
})

const pub = { schema: ref(at('schema', 'public')) }
const publicSchema = blk('schema', ['public'], { comment: str('standard public schema') })
const same = (blocks: Parameters<typeof differences>[0], text: string): void => {
  const d = differences([publicSchema, ...blocks], text)
  assert.ok(d === undefined, d)
}

test('function: args of every mode, defaults, return, every option, config in order, a body holding $$', () => {
  const f = blk('function', ['add'], {
    ...pub,
    lang: kw('PLpgSQL'),
    return: kw('integer'),
    as: str('BEGIN\n  RETURN a + b; -- $$ inside\nEND;\n'),
    volatility: kw('IMMUTABLE'),
    strict: bool(true),
    security: kw('DEFINER'),
    leakproof: bool(true),
    parallel: kw('SAFE'),
    cost: num(5),
    config: { kind: 'object', entries: new Map([['search_path', str('public, pg_temp')], ['work_mem', str('64MB')]]), span: { file: 'x', line: 1, column: 1 } },
    comment: str('adds'),
    owner: ref(at('role', 'app')),
  }, [blk('arg', ['a'], { type: kw('integer') }), blk('arg', ['b'], { type: kw('integer'), default: str('1') }), blk('arg', [], { type: kw('text'), mode: kw('INOUT') })])
  assert.equal(statements([f]), [
    "functions: CREATE FUNCTION public.add(a integer, b integer DEFAULT 1, INOUT text)\nRETURNS integer\nLANGUAGE plpgsql\nIMMUTABLE\nSTRICT\nSECURITY DEFINER\nLEAKPROOF\nPARALLEL SAFE\nCOST 5\nSET search_path = public, pg_temp\nSET work_mem = '64MB'\nAS $_$BEGIN\n  RETURN a + b; -- $$ inside\nEND;\n$_$",
    "attached: COMMENT ON FUNCTION public.add(integer, integer, text) IS 'adds'",
    'attached: ALTER FUNCTION public.add(integer, integer, text) OWNER TO app',
  ])
  same(
    [f],
    `CREATE FUNCTION add(a int, b int DEFAULT 1, INOUT text) RETURNS integer LANGUAGE plpgsql IMMUTABLE STRICT SECURITY DEFINER LEAKPROOF PARALLEL SAFE COST 5
       SET search_path = public, pg_temp SET work_mem = '64MB' AS $f$BEGIN\n  RETURN a + b; -- $$ inside\nEND;\n$f$;
     COMMENT ON FUNCTION add(int, int, text) IS 'adds'; ALTER FUNCTION add(int, int, text) OWNER TO app;`,
  )
})

test('function: set-returning, TABLE results, OUT and VARIADIC args, rows, SQL-standard body', () => {
  same(
    [
      blk('function', ['nums'], { ...pub, lang: kw('SQL'), return: { kind: 'sql', text: 'SETOF integer', span: { file: 'x', line: 1, column: 1 } }, rows: num(10), volatility: kw('STABLE'), as: str('SELECT 1') }),
      blk('function', ['pairs'], { ...pub, lang: str('sql'), as: str('SELECT 1, 2') }, [blk('arg', ['x'], { type: kw('integer'), mode: kw('TABLE') }), blk('arg', ['y'], { type: kw('integer'), mode: kw('TABLE') })]),
      blk('function', ['outs'], { ...pub, lang: kw('SQL'), as: str('SELECT 1') }, [blk('arg', ['v'], { type: sql('integer[]'), mode: kw('VARIADIC') }), blk('arg', ['r'], { type: kw('integer'), mode: kw('OUT') })]),
      blk('function', ['plus'], { ...pub, lang: kw('SQL'), return: kw('integer'), as: sql('RETURN a + 1') }, [blk('arg', ['a'], { type: kw('integer') })]),
    ],
    `CREATE FUNCTION nums() RETURNS SETOF integer LANGUAGE sql STABLE ROWS 10 AS 'SELECT 1';
     CREATE FUNCTION pairs() RETURNS TABLE (x int, y int) LANGUAGE sql AS 'SELECT 1, 2';
     CREATE FUNCTION outs(VARIADIC v int[], OUT r int) LANGUAGE sql AS 'SELECT 1';
     CREATE FUNCTION plus(a int) RETURNS int LANGUAGE sql RETURN a + 1;`,
  )
})

test('procedure (seed 003): no return; comment and owner by signature', () => {
  const p = blk('procedure', ['noop'], { ...pub, lang: kw('PLpgSQL'), as: str('BEGIN\nEND;\n'), comment: str('n'), security: kw('INVOKER') }, [blk('arg', ['x'], { type: kw('text') })])
  assert.equal(statements([p]), [
    'functions: CREATE PROCEDURE public.noop(x text)\nLANGUAGE plpgsql\nSECURITY INVOKER\nAS $$BEGIN\nEND;\n$$',
    "attached: COMMENT ON PROCEDURE public.noop(text) IS 'n'",
  ])
  same([p], "CREATE PROCEDURE noop(x text) LANGUAGE plpgsql AS $$BEGIN\nEND;\n$$; COMMENT ON PROCEDURE noop(text) IS 'n';")
})

const t = blk('table', ['t'], pub, [blk('column', ['a'], { type: kw('integer') }), blk('column', ['b'], { type: kw('text') })])
const trg = blk('function', ['trg'], { ...pub, lang: kw('PLpgSQL'), return: kw('trigger'), as: str('BEGIN RETURN NULL; END') })
const table = at('table', 't', 'public')

test('trigger: top-level on a table, every option; INSTEAD OF on a view', () => {
  const tr = blk('trigger', ['audit'], {
    on: ref(table),
    for: kw('ROW'),
    when: str('NEW.a > 0'),
    constraint: bool(true),
    deferrable: bool(true),
    initially_deferred: bool(true),
    enabled: kw('REPLICA'),
    comment: str('audit'),
  }, [blk('after', [], { insert: bool(true), update_of: list(col('a', table), col('b', table)), delete: bool(true) }), blk('execute', [], { function: ref(at('function', 'trg', 'public')), args: list(str("it's"), num(1)) })])
  assert.equal(statements([tr]), [
    "attached: CREATE CONSTRAINT TRIGGER audit AFTER INSERT OR UPDATE OF a, b OR DELETE ON public.t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION public.trg('it''s', '1')",
    'attached: ALTER TABLE public.t ENABLE REPLICA TRIGGER audit',
    "attached: COMMENT ON TRIGGER audit ON public.t IS 'audit'",
  ])
  same(
    [tr, t, trg],
    `CREATE TABLE t (a int, b text); CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
     CREATE CONSTRAINT TRIGGER audit AFTER INSERT OR UPDATE OF a, b OR DELETE ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION trg('it''s', '1');
     ALTER TABLE t ENABLE REPLICA TRIGGER audit; COMMENT ON TRIGGER audit ON t IS 'audit';`,
  )
  const v = blk('view', ['v'], { ...pub, as: str('SELECT a, b FROM t') })
  const io = blk('trigger', ['io'], { on: ref(at('view', 'v', 'public')), for: kw('ROW'), enabled: kw('DISABLED') }, [blk('instead_of', [], { insert: bool(true) }), blk('execute', [], { function: ref(at('function', 'trg', 'public')) })])
  same(
    [t, trg, v, io],
    `CREATE TABLE t (a int, b text); CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
     CREATE VIEW v AS SELECT a, b FROM t; CREATE TRIGGER io INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION trg(); ALTER TABLE v DISABLE TRIGGER io;`,
  )
  const st = blk('trigger', ['tr'], { on: ref(table) }, [
    blk('after', [], { truncate: bool(true) }),
    blk('referencing', [], {}),
    blk('execute', [], { function: ref(at('function', 'trg', 'public')) }),
  ])
  same([t, trg, st], 'CREATE TABLE t (a int, b text); CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$; CREATE TRIGGER tr AFTER TRUNCATE ON t EXECUTE FUNCTION trg();')
  const rf = blk('trigger', ['rf'], { on: ref(table) }, [
    blk('after', [], { update: bool(true) }),
    blk('referencing', [], { old: str('o'), new: str('n') }),
    blk('execute', [], { function: ref(at('function', 'trg', 'public')) }),
  ])
  same([t, trg, rf], 'CREATE TABLE t (a int, b text); CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$; CREATE TRIGGER rf AFTER UPDATE ON t REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION trg();')
})

test('errors: procedure attributes of functions only, a wrong mode, no timing, no execute, missing lang', () => {
  const r = lower([
    blk('procedure', ['p'], { ...pub, lang: kw('SQL'), as: str('SELECT 1'), return: kw('integer') }, [blk('arg', ['a'], { type: kw('integer'), mode: kw('SIDEWAYS') })]),
    blk('function', ['f'], { ...pub, as: str('SELECT 1'), config: list() }),
    blk('trigger', ['t'], { on: ref(table) }, []),
    blk('trigger', ['u'], { on: ref(at('function', 'f', 'public')) }, [blk('before', [], { insert: bool(true) })]),
  ])
  assert.equal(r.errors.map((e) => e.code), ['E-UNKNOWN-ATTRIBUTE', 'E-TYPE', 'E-MISSING-ATTRIBUTE', 'E-TYPE', 'E-MISSING-ATTRIBUTE', 'E-TYPE'])
  assert.match(r.errors[0]?.message ?? '', /return/)
  assert.match(r.errors[1]?.message ?? '', /expected one of IN, OUT, INOUT, VARIADIC, TABLE/)
  assert.match(r.errors[5]?.message ?? '', /expected a reference to table or view or materialized, got a reference to function/)
})

test('loadHcl ≅ loadSql: functions, procedures (seed 003), a top-level trigger', () => {
  const d = hclVsSql(
    `
schema "public" {
  comment = "standard public schema"
}
function "add" {
  schema     = schema.public
  lang       = PLpgSQL
  volatility = IMMUTABLE
  strict     = true
  security   = DEFINER
  leakproof  = true
  parallel   = SAFE
  cost       = 5
  config     = { search_path = "public, pg_temp", work_mem = "64MB" }
  comment    = "adds"
  owner      = ref("role.app")
  arg "a" {
    type = integer
  }
  arg "b" {
    type    = integer
    default = "1"
  }
  return = integer
  as     = <<-SQL
    BEGIN
      RETURN a + b; -- $$ inside
    END;
  SQL
}
function "nums" {
  schema = schema.public
  lang   = SQL
  return = sql("SETOF integer")
  rows   = 10
  as     = "SELECT 1"
}
function "pairs" {
  schema = schema.public
  lang   = "sql"
  arg "x" {
    type = integer
    mode = TABLE
  }
  arg "y" {
    type = integer
    mode = TABLE
  }
  as = "SELECT 1, 2"
}
function "plus" {
  schema = schema.public
  lang   = SQL
  arg "a" {
    type = integer
  }
  arg {
    type = integer
    mode = OUT
  }
  as = sql("BEGIN ATOMIC SELECT a + 1; END")
}
procedure "noop" {
  schema = schema.public
  lang   = PLpgSQL
  as     = <<-SQL
    BEGIN
    END;
  SQL
}
function "stamp" {
  schema = schema.public
  lang   = PLpgSQL
  return = trigger
  as     = "BEGIN RETURN NULL; END"
}
table "t" {
  schema = schema.public
  column "a" {
    type = integer
  }
}
trigger "audit" {
  on                 = table.t
  for                = ROW
  when               = "NEW.a > 0"
  constraint         = true
  deferrable         = true
  initially_deferred = true
  enabled            = REPLICA
  comment            = "audit"
  after {
    insert    = true
    update_of = [table.t.column.a]
  }
  execute {
    function = function.stamp
    args     = ["it's"]
  }
}
`,
    `CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS integer LANGUAGE plpgsql IMMUTABLE STRICT SECURITY DEFINER LEAKPROOF PARALLEL SAFE COST 5
       SET search_path = public, pg_temp SET work_mem = '64MB' AS $f$BEGIN\n  RETURN a + b; -- $$ inside\nEND;\n$f$;
     COMMENT ON FUNCTION add(int, int) IS 'adds'; ALTER FUNCTION add(int, int) OWNER TO app;
     CREATE FUNCTION nums() RETURNS SETOF integer LANGUAGE sql ROWS 10 AS 'SELECT 1';
     CREATE FUNCTION pairs() RETURNS TABLE (x int, y int) LANGUAGE sql AS 'SELECT 1, 2';
     CREATE FUNCTION plus(a int, OUT int) LANGUAGE sql BEGIN ATOMIC SELECT a + 1; END;
     CREATE PROCEDURE noop() LANGUAGE plpgsql AS $$BEGIN\nEND;\n$$;
     CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
     CREATE TABLE t (a int);
     CREATE CONSTRAINT TRIGGER audit AFTER INSERT OR UPDATE OF a ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION stamp('it''s');
     ALTER TABLE t ENABLE REPLICA TRIGGER audit; COMMENT ON TRIGGER audit ON t IS 'audit';`,
  )
  assert.ok(d === undefined, d)
})

test('loadHcl errors: a function attribute on a procedure, a wrong mode, a trigger on a missing table', () => {
  const e = hclErrors(`
schema "public" {}
procedure "p" {
  schema = schema.public
  lang   = SQL
  return = integer
  as     = "SELECT 1"
  arg "a" {
    type = integer
    mode = SIDEWAYS
  }
}
trigger "t" {
  on = table.nowhere
  after {
    insert = true
  }
  execute {
    function = ref("function.public.f")
  }
}
`)
  assert.ok(e.some((x) => /^E-UNKNOWN-ATTRIBUTE 6:3 .*"return"/.test(x)), e.join('\n'))
  assert.ok(e.some((x) => /^E-TYPE 10:\d+ .*expected one of IN, OUT, INOUT, VARIADIC, TABLE/.test(x)), e.join('\n'))
  assert.ok(e.some((x) => /^E-UNRESOLVED 14:\d+ /.test(x)), e.join('\n'))
})

test.run()
