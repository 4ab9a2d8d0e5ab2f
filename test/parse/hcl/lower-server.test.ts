/**
 * The server as the oracle of the lowerers: the statements lowered from a schema that uses every
 * block run on PostgreSQL (PGlite) in the loader's order, and the inspected database is the catalog
 * the SQL interpreter made of the same statements.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/index.js'
import { inspect } from '../../../src/inspect/index.js'
import { catalogDiff, catalogsConverge } from '../../support/compare.js'
import { fresh, stop } from '../../support/pglite.js'
import { at, blk, bool, call, col, kw, list, lower, num, obj, ref, run, script, sql, str } from './lower-fake.js'

const app = { schema: ref(at('schema', 'app')) }
const users = at('table', 'users', 'app')
const events = at('table', 'events', 'app')
const fn = (name: string) => ref(at('function', name, 'app'))

const schema = [
  blk('schema', ['public'], { comment: str('standard public schema') }),
  blk('schema', ['app'], { comment: str('the app') }),
  blk('enum', ['mood'], { ...app, values: list(str('sad'), str('ok')), comment: str('m') }),
  blk('domain', ['code'], { ...app, type: call('varchar', num(10)), null: bool(false), default: str('x'), collate: str('C') }, [
    blk('check', ['short'], { expr: str('length(VALUE) < 5'), comment: str('c') }),
    blk('check', ['upper'], { expr: str('VALUE = upper(VALUE)'), not_valid: bool(true) }),
  ]),
  blk('composite', ['pair'], { ...app }, [blk('field', ['a'], { type: kw('text'), comment: str('f') }), blk('field', ['m'], { type: ref(at('enum', 'mood', 'app')) })]),
  blk('sequence', ['counter'], { ...app, type: kw('integer'), start: num(5), increment: num(-1), min_value: num(-100), max_value: num(10), cache: num(3), cycle: bool(true), owned_by: col('id', users) }),
  blk('table', ['orders'], app, [
    blk('column', ['id'], { type: kw('integer'), null: bool(false) }),
    blk('column', ['user_id'], { type: kw('bigint') }),
    blk('column', ['r'], { type: sql('int4range') }),
    blk('primary_key', [], { columns: list(col('id')), comment: str('pk') }),
    blk('foreign_key', ['orders_user'], { columns: list(col('user_id')), ref_columns: list(col('id', users)), on_delete: kw('SET_NULL'), match: kw('FULL'), deferrable: bool(true), comment: str('fk') }),
    blk('exclude', ['no_overlap'], { type: kw('GIST'), where: str('id > 0') }, [blk('on', [], { column: col('r'), op: str('&&') })]),
    blk('check', ['later'], { expr: str('id < 1000'), not_valid: bool(true) }),
  ]),
  blk('table', ['users'], { ...app, comment: str('people'), storage_params: obj({ fillfactor: num(70) }) }, [
    blk('column', ['id'], { type: kw('bigint'), null: bool(false) }, [blk('identity', [], { generated: kw('ALWAYS'), start: num(10) })]),
    blk('column', ['name'], { type: call('varchar', num(40)), default: str("o'k"), collate: str('C'), comment: str('the name') }),
    blk('column', ['mood'], { type: ref(at('enum', 'mood', 'app')) }),
    blk('column', ['twice'], { type: kw('bigint') }, [blk('as', [], { expr: str('id * 2'), type: kw('STORED') })]),
    blk('column', ['at'], { type: sql('timestamp with time zone'), default: sql('now()') }),
    blk('primary_key', [], { columns: list(col('id')) }),
    blk('unique', ['users_name'], { columns: list(col('name')), nulls_distinct: bool(false), comment: str('u') }),
    blk('index', ['users_parts'], { where: str('id > 0'), include: list(col('at')), comment: str('i') }, [
      blk('on', [], { column: col('name'), desc: bool(true), nulls_first: bool(false), ops: str('text_pattern_ops') }),
      blk('on', [], { expr: str('lower(name)') }),
    ]),
    blk('index', ['users_at'], { type: kw('BRIN'), columns: list(col('at')) }),
    blk('row_security', [], { enabled: bool(true), enforced: bool(true) }),
    blk('policy', ['mine'], { for: kw('SELECT'), using: str('id > 0') }),
    blk('trigger', ['audit'], { for: kw('ROW'), when: str('NEW.id > 0'), enabled: kw('ALWAYS'), comment: str('t') }, [
      blk('after', [], { insert: bool(true), update_of: list(col('name')) }),
      blk('execute', [], { function: fn('audit'), args: list(str('a')) }),
    ]),
  ]),
  blk('table', ['events'], app, [blk('column', ['id'], { type: kw('integer') }), blk('column', ['at'], { type: kw('date') }), blk('partition', [], { type: kw('RANGE'), columns: list(col('at')) })]),
  blk('table', ['events_2024'], { ...app, partition_of: ref(events), partition_bound: str("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')") }, [blk('column', ['id'], { comment: str('c') })]),
  blk('table', ['events_rest'], { ...app, partition_of: ref(events), partition_bound: str('DEFAULT'), unlogged: bool(false) }),
  blk('view', ['named'], { ...app, as: str('SELECT id, name\nFROM app.users\nWHERE id > 0;\n'), check_option: kw('LOCAL'), security_barrier: bool(true), comment: str('v') }, [blk('column', ['name'], { comment: str('n') })]),
  blk('materialized', ['counts'], { ...app, as: str('SELECT count(*) AS n FROM app.named'), with_data: bool(false) }, [blk('index', ['counts_n'], { columns: list(col('n')) })]),
  blk('function', ['audit'], { ...app, lang: kw('PLpgSQL'), return: kw('trigger'), as: str('BEGIN\n  RETURN NEW; -- $$\nEND;\n'), security: kw('DEFINER'), config: obj({ search_path: str('app, pg_temp') }) }),
  blk('function', ['add'], { ...app, lang: kw('SQL'), return: kw('integer'), volatility: kw('IMMUTABLE'), strict: bool(true), parallel: kw('SAFE'), cost: num(5), as: sql('RETURN a + b'), comment: str('adds') }, [
    blk('arg', ['a'], { type: kw('integer') }),
    blk('arg', ['b'], { type: kw('integer'), default: str('1') }),
  ]),
  blk('function', ['pairs'], { ...app, lang: kw('SQL'), rows: num(10), as: str('SELECT 1, 2') }, [blk('arg', ['x'], { type: kw('integer'), mode: kw('TABLE') }), blk('arg', ['y'], { type: kw('integer'), mode: kw('TABLE') })]),
  blk('procedure', ['noop'], { ...app, lang: kw('PLpgSQL'), as: str('BEGIN\nEND;\n'), comment: str('p') }, [blk('arg', ['v'], { type: ref(at('domain', 'code', 'app')) })]),
]

test.before(async () => {
  await ready()
})
test.after(stop)

test('every block, run on PostgreSQL: the inspected database is the interpreted catalog', async () => {
  const rec = lower(schema)
  assert.equal(rec.errors, [])
  const interpreted = run(rec, 'postgres', 18)
  assert.equal(interpreted.diagnostics.map((d) => d.message), [])
  const db = await fresh()
  try {
    await db.exec(script(rec))
    const live = await inspect(db.db, { pgVersion: 18 })
    assert.ok(catalogsConverge(live, interpreted.catalog), catalogDiff(live, interpreted.catalog, ['server', 'interpreter']))
    const users = live.objects.get('table:"app"."users"')
    assert.ok(users?.kind === 'Table' && users.rowSecurity === true && users.forceRowSecurity === true && users.columns.length === 5)
  } finally {
    await db.close()
  }
})

test.run()
