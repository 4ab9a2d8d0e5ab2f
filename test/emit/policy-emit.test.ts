/**
 * Row-level security emission: RLS flags after CREATE TABLE, CREATE / ALTER / DROP POLICY and
 * COMMENT ON POLICY, with hostile names, checked in pg_policies on real servers.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Policy } from '../../src/ir/objects.js'
import { changeSql } from '../../src/emit/sql.js'
import { col, table } from '../diff/build.js'
import { onEachServer, stopAll } from './acl-emit-support.js'

test.after(stopAll)

const WEIRD = 'we"ird $%'
const UNI = 'ünï code'
const S = 'S p'
const T = 'T "x"'

const policy = (name: string, extra: Partial<Policy> = {}): Policy => ({
  kind: 'Policy',
  schema: S,
  table: T,
  name,
  permissive: true,
  command: 'all',
  roles: ['PUBLIC'],
  ...extra,
})

test('statement text', () => {
  assert.is(
    changeSql({ kind: 'Create', object: policy('p', { permissive: false, command: 'select', roles: [WEIRD, 'app'], using: '(a > 1)' }), summary: 'c' }),
    '-- Create "p" policy on table "T "x""\nCREATE POLICY p ON "S p"."T ""x""" AS RESTRICTIVE FOR SELECT TO "we""ird $%", app USING ((a > 1));',
  )
  assert.is(
    changeSql({ kind: 'AlterPolicy', schema: 'public', table: 't', name: 'Pol', roles: ['PUBLIC'], check: 'true', summary: 'a' }),
    '-- Modify "Pol" policy on table "t"\nALTER POLICY "Pol" ON public.t TO PUBLIC WITH CHECK (true);',
  )
  assert.is(changeSql({ kind: 'Drop', object: policy('p'), cascade: false, summary: 'd' }), '-- Drop "p" policy on table "T "x""\nDROP POLICY p ON "S p"."T ""x""";')
})

const POLICIES = `
  SELECT l FROM (
    SELECT policyname || ' | ' || permissive || ' | ' || cmd || ' | ' || array_to_string(ARRAY(SELECT x FROM unnest(roles) x ORDER BY x COLLATE "C"), ',')
           || ' | ' || coalesce(qual, '-') || ' | ' || coalesce(with_check, '-')
           || ' | ' || coalesce(obj_description(p.oid, 'pg_policy'), '-') AS l
      FROM pg_policies JOIN pg_policy p ON p.polname = policyname
     WHERE schemaname = 'S p') x ORDER BY l COLLATE "C"`

test('RLS flags after CREATE TABLE; CREATE / ALTER / COMMENT / DROP POLICY on the server', async () => {
  await onEachServer(async (c) => {
    await c.run(`CREATE ROLE "we""ird $%"; CREATE ROLE "ünï code"; CREATE SCHEMA "S p"`)
    const t = table(T, [col('a b%', 'integer'), col('owner', 'text')], { schema: S, rowSecurity: true, forceRowSecurity: true })
    // the flags are the diff's own AlterTable change after the CREATE, not part of it
    const created = await c.apply(
      { kind: 'Create', object: t, summary: 'c' },
      { kind: 'AlterTable', schema: S, name: T, actions: [{ kind: 'SetRowSecurity', enabled: true }, { kind: 'SetForceRowSecurity', forced: true }], summary: 'rls' },
    )
    assert.match(created, 'ALTER TABLE "S p"."T ""x""" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;')
    assert.equal(await c.col(`SELECT relrowsecurity || ' ' || relforcerowsecurity FROM pg_class WHERE oid = '"S p"."T ""x"""'::regclass`), ['true true'], c.label)
    const p1 = policy('own "rows" $%', { roles: [UNI, WEIRD], using: '("a b%" > 0)', check: '(owner = CURRENT_USER)' })
    const p2 = policy('Ro', { permissive: false, command: 'select', roles: ['PUBLIC'], using: 'true' })
    await c.apply(
      { kind: 'Create', object: p1, summary: 'c' },
      { kind: 'Create', object: p2, summary: 'c' },
      { kind: 'Comment', target: { on: 'Policy', schema: S, name: p1.name, parent: T }, comment: "it's p1", summary: 'c' },
    )
    assert.equal(await c.col(POLICIES), [
      `Ro | RESTRICTIVE | SELECT | public | true | - | -`,
      `own "rows" $% | PERMISSIVE | ALL | ${WEIRD},${UNI} | ("a b%" > 0) | (owner = CURRENT_USER) | it's p1`,
    ].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))))
    await c.apply({ kind: 'AlterPolicy', schema: S, table: T, name: p1.name, roles: ['PUBLIC'], using: '("a b%" < 10)', summary: 'a' })
    await c.apply({ kind: 'AlterPolicy', schema: S, table: T, name: p2.name, roles: [UNI], summary: 'a' })
    assert.equal(await c.col(POLICIES), [
      `Ro | RESTRICTIVE | SELECT | ${UNI} | true | - | -`,
      `own "rows" $% | PERMISSIVE | ALL | public | ("a b%" < 10) | (owner = CURRENT_USER) | it's p1`,
    ])
    await c.apply(
      { kind: 'Drop', object: p1, cascade: false, summary: 'd' },
      { kind: 'AlterTable', schema: S, name: T, actions: [{ kind: 'SetForceRowSecurity', forced: false }, { kind: 'SetRowSecurity', enabled: false }], summary: 'a' },
    )
    assert.equal((await c.col(POLICIES)).length, 1)
    assert.equal(await c.col(`SELECT relrowsecurity || ' ' || relforcerowsecurity FROM pg_class WHERE oid = '"S p"."T ""x"""'::regclass`), ['false false'])
  })
})

test.run()
