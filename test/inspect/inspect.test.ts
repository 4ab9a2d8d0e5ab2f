import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { freshCatalog, type Catalog } from '../../src/ir/catalog.js'
import { irEqual } from '../../src/ir/equal.js'
import type { DbObject } from '../../src/ir/objects.js'
import { connect, inspect, maskUrl } from '../../src/inspect/index.js'
import { fresh, stop } from '../support/pglite.js'

const test = suite('inspect')

const after = async (ddl: string): Promise<Catalog> => {
  const t = await fresh()
  try {
    await t.exec(ddl)
    return await inspect(t.db)
  } finally {
    await t.close()
  }
}

const get = (c: Catalog, id: string): DbObject => {
  const o = c.objects.get(id)
  if (!o) throw new Error(`no ${id} in ${[...c.objects.keys()].join(', ')}`)
  return o
}

test.after(stop)

test('a fresh database is freshCatalog(18)', async () => {
  const c = await after('')
  assert.is(c.pgVersion, 18)
  assert.equal([...c.objects.keys()], [...freshCatalog(18).objects.keys()])
  assert.ok(irEqual(c.objects, freshCatalog(18).objects), JSON.stringify([...c.objects.values()]))
})

test('pgVersion option overrides the server version', async () => {
  const t = await fresh()
  try {
    await t.exec(`SET search_path = "$user", public, pg_temp`)
    assert.is((await inspect(t.db, { pgVersion: 15 })).pgVersion, 15)
    // search_path is restored
    const r = await t.db.query<{ p: string }>(`SELECT current_setting('search_path') AS p`)
    assert.is(r.rows[0]?.p, '"$user", public, pg_temp')
  } finally {
    await t.close()
  }
})

test('schemas and extensions', async () => {
  const c = await after(`CREATE ROLE alice; CREATE SCHEMA "My Schema" AUTHORIZATION alice; COMMENT ON SCHEMA "My Schema" IS 'mine';
    COMMENT ON EXTENSION plpgsql IS 'pl';`)
  assert.equal(get(c, 'schema:"My Schema"'), { kind: 'Schema', name: 'My Schema', owner: 'alice', comment: 'mine' })
  assert.equal(get(c, 'extension:"plpgsql"'), { kind: 'Extension', name: 'plpgsql', schema: 'pg_catalog', comment: 'pl' })
})

test('tables: columns, identity, defaults, generated, collation, comments, options', async () => {
  const c = await after(`
    CREATE SCHEMA app;
    CREATE UNLOGGED TABLE app.t (
      id bigint GENERATED ALWAYS AS IDENTITY (START 5 INCREMENT 2 CACHE 3 CYCLE),
      name text COLLATE "C" NOT NULL DEFAULT 'x',
      n int DEFAULT 1 + 2,
      s serial
    ) WITH (fillfactor = 70);
    COMMENT ON TABLE app.t IS 'tee'; COMMENT ON COLUMN app.t.name IS 'the name';
    ALTER TABLE app.t DROP COLUMN n;`)
  assert.equal(get(c, 'table:"app"."t"'), {
    kind: 'Table',
    schema: 'app',
    name: 't',
    owner: 'postgres',
    persistence: 'unlogged',
    columns: [
      {
        name: 'id',
        type: 'bigint',
        notNull: true,
        identity: {
          generation: 'always',
          sequence: 't_id_seq',
          start: '5',
          increment: '2',
          minValue: '1',
          maxValue: '9223372036854775807',
          cache: '3',
          cycle: true,
        },
      },
      { name: 'name', type: 'text', notNull: true, default: "'x'::text", collation: '"C"', comment: 'the name' },
      { name: 's', type: 'integer', notNull: true, default: "nextval(CAST('app.t_s_seq' AS regclass))" },
    ],
    constraints: [],
    options: { fillfactor: '70' },
    comment: 'tee',
  })
  // the identity sequence is not an object of its own; the serial one is
  assert.not.ok(c.objects.has('sequence:"app"."t_id_seq"'))
  assert.equal(get(c, 'sequence:"app"."t_s_seq"'), {
    kind: 'Sequence',
    schema: 'app',
    name: 't_s_seq',
    owner: 'postgres',
    dataType: 'integer',
    start: '1',
    increment: '1',
    minValue: '1',
    maxValue: '2147483647',
    cache: '1',
    cycle: false,
    persistence: 'unlogged',
    ownedBy: { schema: 'app', table: 't', column: 's' },
  })
})

test('generated stored column', async () => {
  const c = await after(`CREATE TABLE t (a int, g int GENERATED ALWAYS AS (a * 2) STORED)`)
  const t = get(c, 'table:"public"."t"')
  assert.equal(t.kind === 'Table' && t.columns[1], { name: 'g', type: 'integer', notNull: false, generated: 'a * 2' })
})

test('constraints: pk, unique, check, fk, exclusion, sorted by name, with comments', async () => {
  const c = await after(`
    CREATE TABLE p (id int, k int, e int4range,
      CONSTRAINT p_pk PRIMARY KEY (id) INCLUDE (k),
      CONSTRAINT z_u UNIQUE NULLS NOT DISTINCT (k) DEFERRABLE INITIALLY DEFERRED,
      CONSTRAINT ex EXCLUDE USING gist (e WITH &&) WHERE (k > 0));
    CREATE TABLE c (a int, b int, CONSTRAINT c_b CHECK (b > 0) NO INHERIT,
      CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id) MATCH FULL ON DELETE SET NULL ON UPDATE CASCADE);
    ALTER TABLE c ADD CONSTRAINT a_nv CHECK (a < 10) NOT VALID;
    COMMENT ON CONSTRAINT fk ON c IS 'the fk';`)
  const p = get(c, 'table:"public"."p"')
  assert.equal(p.kind === 'Table' && p.constraints, [
    { kind: 'Exclusion', name: 'ex', deferrable: false, initiallyDeferred: false, method: 'gist', elements: [{ expression: 'e', operator: '&&' }], where: 'k > 0' },
    { kind: 'PrimaryKey', name: 'p_pk', deferrable: false, initiallyDeferred: false, columns: ['id'], include: ['k'] },
    { kind: 'Unique', name: 'z_u', deferrable: true, initiallyDeferred: true, columns: ['k'], nullsNotDistinct: true },
  ])
  const ch = get(c, 'table:"public"."c"')
  assert.equal(ch.kind === 'Table' && ch.constraints, [
    { kind: 'Check', name: 'a_nv', deferrable: false, initiallyDeferred: false, expression: 'a < 10', notValid: true, noInherit: false },
    { kind: 'Check', name: 'c_b', deferrable: false, initiallyDeferred: false, expression: 'b > 0', notValid: false, noInherit: true },
    {
      kind: 'ForeignKey', name: 'fk', deferrable: false, initiallyDeferred: false, columns: ['a'],
      references: { schema: 'public', name: 'p' }, referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade',
      match: 'full', notValid: false, comment: 'the fk',
    },
  ])
  // constraint-backing indexes are not indexes of their own
  assert.equal([...c.objects.keys()].filter((k) => k.startsWith('index:')), [])
})

test('partitioning', async () => {
  const c = await after(`
    CREATE TABLE m (k int, v text, PRIMARY KEY (k, v)) PARTITION BY RANGE (k, v);
    CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (1, 'a') TO (10, 'z');
    CREATE TABLE l (k text) PARTITION BY LIST (k);
    CREATE TABLE ld PARTITION OF l DEFAULT;
    CREATE TABLE e (k int, v text) PARTITION BY HASH ((k + 1) int4_ops, lower(v) COLLATE "C");
    CREATE TABLE r (a int, b text, FOREIGN KEY (a, b) REFERENCES m1 (k, v));`)
  const m = get(c, 'table:"public"."m"')
  assert.equal(m.kind === 'Table' && m.partitionBy, {
    strategy: 'range',
    keys: [{ expression: 'k' }, { expression: 'v' }],
  })
  const e = get(c, 'table:"public"."e"')
  assert.equal(e.kind === 'Table' && e.partitionBy, { strategy: 'hash', keys: [{ expression: '(k + 1)' }, { expression: '(lower(v))', collation: '"C"' }] })
  const m1 = get(c, 'table:"public"."m1"')
  assert.equal(m1.kind === 'Table' && m1.partitionOf, { parent: { schema: 'public', name: 'm' }, bound: "FOR VALUES FROM (1, 'a') TO (10, 'z')" })
  // the partition keeps the key it got from its parent, under its own name
  assert.equal(m1.kind === 'Table' && m1.constraints.map((k) => [k.kind, k.name]), [['PrimaryKey', 'm1_pkey']])
  const ld = get(c, 'table:"public"."ld"')
  assert.equal(ld.kind === 'Table' && ld.partitionOf, { parent: { schema: 'public', name: 'l' }, bound: 'DEFAULT' })
  // no index object for the partition's copy of the parent's key
  assert.equal([...c.objects.keys()].filter((k) => k.startsWith('index:')), [])
})

test('a foreign key to a partitioned table is one constraint', async () => {
  const c = await after(`
    CREATE TABLE m (k int PRIMARY KEY) PARTITION BY RANGE (k);
    CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (1) TO (10);
    CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10) TO (20);
    CREATE TABLE r (a int REFERENCES m);`)
  const r = get(c, 'table:"public"."r"')
  assert.equal(r.kind === 'Table' && r.constraints.map((k) => k.name), ['r_a_fkey'])
})

test('indexes', async () => {
  const c = await after(`
    CREATE TABLE u ("A" int, b int, c text);
    CREATE UNIQUE INDEX u_idx ON u USING btree ("A" DESC NULLS LAST, lower(c) COLLATE "C" text_pattern_ops, b NULLS FIRST)
      INCLUDE (b) NULLS NOT DISTINCT WHERE b > 0;
    CREATE INDEX u_h ON u USING hash (c) WITH (fillfactor = 80);
    COMMENT ON INDEX u_h IS 'hash';`)
  assert.equal(get(c, 'index:"public"."u_idx"'), {
    kind: 'Index', schema: 'public', name: 'u_idx', table: 'u', unique: true, method: 'btree',
    keys: [
      { expression: '"A"', descending: true, nullsFirst: false },
      { expression: '(lower(c))', descending: false, nullsFirst: false, opclass: 'text_pattern_ops', collation: '"C"' },
      { expression: 'b', descending: false, nullsFirst: true },
    ],
    include: ['b'], nullsNotDistinct: true, where: 'b > 0',
  })
  assert.equal(get(c, 'index:"public"."u_h"'), {
    kind: 'Index', schema: 'public', name: 'u_h', table: 'u', unique: false, method: 'hash',
    keys: [{ expression: 'c', descending: false, nullsFirst: false }], include: [], nullsNotDistinct: false,
    options: { fillfactor: '80' }, comment: 'hash',
  })
})

test('views and materialized views', async () => {
  const c = await after(`
    CREATE TABLE t (id int, name text);
    CREATE VIEW v (i, n) WITH (security_barrier, security_invoker = true) AS SELECT id, name FROM t WHERE id > 1 WITH CASCADED CHECK OPTION;
    COMMENT ON COLUMN v.n IS 'name';
    CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one WITH NO DATA;
    CREATE MATERIALIZED VIEW mv2 AS SELECT id FROM t;`)
  assert.equal(get(c, 'view:"public"."v"'), {
    kind: 'View', schema: 'public', name: 'v', owner: 'postgres', query: 'SELECT id AS i, name AS n FROM public.t WHERE id > 1',
    columns: ['i', 'n'], checkOption: 'cascaded', securityBarrier: true, securityInvoker: true, columnComments: { n: 'name' },
  })
  assert.equal(get(c, 'matview:"public"."mv"'), {
    kind: 'MaterializedView', schema: 'public', name: 'mv', owner: 'postgres', query: 'SELECT 1 AS one', columns: ['one'], withData: false,
  })
  const mv2 = get(c, 'matview:"public"."mv2"')
  assert.is(mv2.kind === 'MaterializedView' && mv2.withData, true)
})

test('sequences', async () => {
  const c = await after(`CREATE SEQUENCE s AS smallint INCREMENT -2 MINVALUE -100 MAXVALUE 50 START 7 CACHE 4 CYCLE; COMMENT ON SEQUENCE s IS 'sq';`)
  assert.equal(get(c, 'sequence:"public"."s"'), {
    kind: 'Sequence', schema: 'public', name: 's', owner: 'postgres', dataType: 'smallint', start: '7', increment: '-2',
    minValue: '-100', maxValue: '50', cache: '4', cycle: true, persistence: 'permanent', comment: 'sq',
  })
})

test('enums, domains, composite types', async () => {
  const c = await after(`
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
    COMMENT ON TYPE mood IS 'feelings';
    CREATE DOMAIN pos AS numeric(10,2) DEFAULT 1 NOT NULL CONSTRAINT z CHECK (VALUE > 0) CONSTRAINT a CHECK (VALUE < 1000);
    CREATE DOMAIN name_c AS text COLLATE "C";
    ALTER DOMAIN name_c ADD CONSTRAINT nv CHECK (length(VALUE) > 1) NOT VALID;
    CREATE TYPE pair AS (a int, b text COLLATE "C", m mood);`)
  assert.equal(get(c, 'type:"public"."mood"'), { kind: 'Enum', schema: 'public', name: 'mood', owner: 'postgres', values: ['sad', 'meh', 'ok'], comment: 'feelings' })
  assert.equal(get(c, 'type:"public"."pos"'), {
    kind: 'Domain', schema: 'public', name: 'pos', owner: 'postgres', baseType: 'numeric(10,2)', notNull: true,
    checks: [
      { name: 'a', expression: 'value < 1000::numeric', notValid: false },
      { name: 'z', expression: 'value > 0::numeric', notValid: false },
    ],
    default: '1',
  })
  assert.equal(get(c, 'type:"public"."name_c"'), {
    kind: 'Domain', schema: 'public', name: 'name_c', owner: 'postgres', baseType: 'text', notNull: false,
    checks: [{ name: 'nv', expression: 'length(value) > 1', notValid: true }], collation: '"C"',
  })
  assert.equal(get(c, 'type:"public"."pair"'), {
    kind: 'CompositeType', schema: 'public', name: 'pair', owner: 'postgres',
    attributes: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'text', collation: '"C"' }, { name: 'm', type: 'public.mood' }],
  })
})

test('functions and procedures', async () => {
  const c = await after(`
    CREATE FUNCTION f(a int, INOUT b text DEFAULT 'q', VARIADIC c int[] DEFAULT '{}') RETURNS text LANGUAGE sql STABLE STRICT
      SECURITY DEFINER LEAKPROOF PARALLEL SAFE SET search_path = public, pg_temp COST 5 AS $$ select b $$;
    CREATE FUNCTION g(x int, OUT y int) RETURNS SETOF int LANGUAGE sql ROWS 10 AS 'select 1';
    CREATE FUNCTION h() RETURNS TABLE (y int, "Z" text) LANGUAGE plpgsql AS $$ begin return; end $$;
    CREATE PROCEDURE pr(a int) BEGIN ATOMIC SELECT 1; END;
    CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int);
    COMMENT ON PROCEDURE pr(int) IS 'proc';`)
  assert.equal(get(c, 'function:"public"."f"(integer,text,integer[])'), {
    kind: 'Function', schema: 'public', name: 'f', owner: 'postgres', routine: 'function',
    args: [
      { mode: 'in', type: 'integer', name: 'a' },
      { mode: 'inout', type: 'text', name: 'b', default: "'q'::text" },
      { mode: 'variadic', type: 'integer[]', name: 'c', default: "CAST('{}' AS int[])" },
    ],
    language: 'sql', body: ' select b ', volatility: 'stable', strict: true, securityDefiner: true, leakproof: true,
    parallel: 'safe', config: [{ name: 'search_path', value: 'public, pg_temp' }], returns: 'text', cost: '5',
  })
  assert.equal(get(c, 'function:"public"."g"(integer)'), {
    kind: 'Function', schema: 'public', name: 'g', owner: 'postgres', routine: 'function',
    args: [{ mode: 'in', type: 'integer', name: 'x' }, { mode: 'out', type: 'integer', name: 'y' }],
    language: 'sql', body: 'select 1', volatility: 'volatile', strict: false, securityDefiner: false, leakproof: false,
    parallel: 'unsafe', config: [], returns: 'integer', returnsSet: true, rows: '10',
  })
  const h = get(c, 'function:"public"."h"()')
  assert.equal(h.kind === 'Function' && [h.args, h.returns, h.returnsSet, 'rows' in h], [
    [{ mode: 'table', type: 'integer', name: 'y' }, { mode: 'table', type: 'text', name: 'Z' }], 'record', true, false,
  ])
  assert.equal(get(c, 'function:"public"."pr"(integer)'), {
    kind: 'Function', schema: 'public', name: 'pr', owner: 'postgres', routine: 'procedure',
    args: [{ mode: 'in', type: 'integer', name: 'a' }], language: 'sql', body: 'BEGIN ATOMIC SELECT 1; END',
    volatility: 'volatile', strict: false, securityDefiner: false, leakproof: false, parallel: 'unsafe', config: [],
    sqlBody: true, comment: 'proc',
  })
  assert.not.ok([...c.objects.keys()].some((k) => k.includes('agg')))
})

test('triggers', async () => {
  const c = await after(`
    CREATE TABLE t (id int, name text);
    CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;
    CREATE TRIGGER tr BEFORE INSERT OR UPDATE OF name ON t FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION tf('a', 'b c');
    CREATE TRIGGER tr2 AFTER DELETE ON t REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION tf();
    ALTER TABLE t DISABLE TRIGGER tr2;
    CREATE CONSTRAINT TRIGGER ct AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tf();
    COMMENT ON TRIGGER ct ON t IS 'ctrig';
    CREATE VIEW v AS SELECT * FROM t;
    CREATE TRIGGER io INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION tf();
    ALTER TABLE t ENABLE ALWAYS TRIGGER tr;`)
  const base = { kind: 'Trigger', schema: 'public', function: { schema: 'public', name: 'tf' } }
  assert.equal(get(c, 'trigger:"public"."t"."tr"'), {
    ...base, table: 't', name: 'tr', timing: 'before', events: ['insert', 'update'], columns: ['name'], forEach: 'row',
    arguments: ['a', 'b c'], constraint: false, deferrable: false, initiallyDeferred: false, enabled: 'always', when: 'new.id > 0',
  })
  assert.equal(get(c, 'trigger:"public"."t"."tr2"'), {
    ...base, table: 't', name: 'tr2', timing: 'after', events: ['delete'], columns: [], forEach: 'statement',
    arguments: [], constraint: false, deferrable: false, initiallyDeferred: false, enabled: 'disabled', referencingOld: 'gone',
  })
  assert.equal(get(c, 'trigger:"public"."t"."ct"'), {
    ...base, table: 't', name: 'ct', timing: 'after', events: ['insert'], columns: [], forEach: 'row',
    arguments: [], constraint: true, deferrable: true, initiallyDeferred: true, enabled: 'origin', comment: 'ctrig',
  })
  const io = get(c, 'trigger:"public"."v"."io"')
  assert.is(io.kind === 'Trigger' && io.timing, 'instead of')
})

test('connect: pglite and a clear one-line error with the password masked', async () => {
  const conn = await connect('pglite:memory')
  const c = await inspect(conn.db)
  await conn.close()
  assert.ok(irEqual(c.objects, freshCatalog(18).objects))
  assert.is(maskUrl('postgres://bob:s3cret@localhost:1/db'), 'postgres://bob:***@localhost:1/db')
  try {
    await connect('postgres://bob:s3cret@127.0.0.1:1/db')
    assert.unreachable('should not connect')
  } catch (e) {
    const m = (e as Error).message
    assert.is(m, 'cannot connect to postgres://bob:***@127.0.0.1:1/db: connection refused')
  }
  try {
    await connect('mysql://x')
    assert.unreachable('should not connect')
  } catch (e) {
    assert.match((e as Error).message, /^cannot connect to mysql:\/\/x: unsupported URL/)
  }
})

test.run()
