import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { evaluate } from '../../../src/parse/hcl/eval/evaluate.js'
import { bind, emptyScope, type Scope } from '../../../src/parse/hcl/eval/scope.js'
import type { Expr } from '../../../src/parse/hcl/syntax.js'
import type { Diagnostic } from '../../../src/ir/span.js'
import {
  bin, bool, call, callExpand, cond, forList, forObj, forPart, getattr, idx, ifPart, interp, list, neg, not, nul, num, obj, show, sp, splat, str, text, tpl, tplParts, tr,
} from './eval-build.js'

const ok = (e: Expr, scope: Scope = emptyScope()): string => {
  const r = evaluate(e, scope)
  if (E.isLeft(r)) throw new Error(`unexpected errors: ${r.left.map((d) => d.code + ' ' + d.message).join('; ')}`)
  return show(r.right)
}
const bad = (e: Expr, scope: Scope = emptyScope()): ReadonlyArray<Diagnostic> => {
  const r = evaluate(e, scope)
  if (E.isRight(r)) throw new Error(`expected an error, got ${show(r.right)}`)
  return r.left
}

test('literals and numbers: exact integers, canonical text', () => {
  assert.is(ok(num('42')), '42')
  assert.is(ok(num('1.5e3')), '1500')
  assert.is(ok(num('2.50')), '2.5')
  assert.is(ok(num('2.0')), '2')
  assert.is(ok(nul()), 'null')
  assert.is(ok(bool(true)), 'true')
  assert.is(ok(bin('*', num('9007199254740993'), num('10'))), '90071992547409930')
  assert.is(ok(bin('+', num('9223372036854775807'), num('1'))), '9223372036854775808')
  assert.is(ok(bin('/', num('7'), num('2'))), '3.5')
  assert.is(ok(bin('/', num('8'), num('2'))), '4')
  assert.is(ok(bin('%', num('7'), num('3'))), '1')
  assert.is(ok(bin('-', num('1'), num('3'))), '-2')
  assert.is(ok(neg(num('5'))), '-5')
  assert.is(ok(bin('+', str('5'), num('1'))), '6', 'numeric strings convert')
  assert.is(ok(bin('*', num('0.5'), num('4'))), '2')
})

test('comparison, equality, logic, conditionals', () => {
  assert.is(ok(bin('<', num('2'), num('10'))), 'true')
  assert.is(ok(bin('>=', num('99999999999999999999'), num('99999999999999999998'))), 'true')
  assert.is(ok(bin('==', num('1.0'), num('1'))), 'true')
  assert.is(ok(bin('==', str('1'), num('1'))), 'false')
  assert.is(ok(bin('!=', list(str('a')), list(str('a')))), 'false')
  assert.is(ok(bin('&&', bool(true), bool(false))), 'false')
  assert.is(ok(bin('||', bool(true), tr('nothing.here'))), 'true', 'short-circuit')
  assert.is(ok(not(bool(false))), 'true')
  assert.is(ok(cond(bin('>', num('3'), num('2')), str('yes'), str('no'))), '"yes"')
})

test('templates: interpolation, keywords, refs, directives', () => {
  const s = bind(emptyScope(), [
    ['n', { kind: 'number', value: 3, text: '3', span: sp() }],
    ['r', { kind: 'ref', target: { type: 'table', schema: 'public', name: 'users' }, span: sp() }],
    ['xs', { kind: 'list', items: [{ kind: 'string', value: 'a', span: sp() }, { kind: 'string', value: 'b', span: sp() }], span: sp() }],
  ])
  assert.is(ok(tpl('n=', tr('n'), ' ', bool(true), ' ', tr('SELECT'), ' ', tr('r')), s), '"n=3 true SELECT users"')
  assert.is(ok(tpl(tr('r.name'), '_', tr('r.schema')), s), '"users_public"')
  assert.is(ok(tpl(tr('xs')), s), '["a", "b"]', 'a lone interpolation of a list is the list')
  assert.is(ok(tpl(tr('n')), s), '"3"')
  assert.is(ok(tplParts(ifPart(bin('>', tr('n'), num('2')), [text('big')], [text('small')])), s), '"big"')
  assert.is(ok(tplParts(forPart('x', tr('xs'), [interp(tr('x')), text(';')])), s), '"a;b;"')
  assert.is(ok(tplParts(forPart('x', tr('xs'), [interp(tr('i')), text('=') , interp(tr('x')), text(' ')], 'i')), s), '"0=a 1=b "')
  const [d] = bad(tpl('x', tr('xs')), s)
  assert.is(d!.code, 'E-TYPE')
  assert.match(d!.message, /cannot interpolate a list/)
})

test('keywords, type calls, sql, collections, index, attr, splat', () => {
  assert.is(ok(tr('integer')), 'kw(integer)')
  assert.is(ok(call('varchar', num('255'))), 'varchar(255)')
  assert.is(ok(call('numeric', num('10'), num('2'))), 'numeric(10, 2)')
  assert.is(ok(call('sql', str('now()'))), 'sql("now()")')
  assert.is(ok(obj(['a', num('1')], [str('b c'), list(num('2'))])), '{a=1, b c=[2]}')
  assert.is(ok(idx(list(str('x'), str('y')), num('1'))), '"y"')
  assert.is(ok(idx(obj(['k', str('v')]), str('k'))), '"v"')
  assert.is(ok(getattr(obj(['k', str('v')]), 'k')), '"v"')
  const people = list(obj(['name', str('a')]), obj(['name', str('b')]))
  assert.is(ok(splat(people, 'name')), '["a", "b"]')
  assert.is(ok(splat(nul(), 'name')), '[]')
  const [e] = bad(idx(list(str('x')), num('3')))
  assert.match(e!.message, /index 3 out of range/)
  const [f] = bad(getattr(obj(['k', str('v')]), 'z'))
  assert.match(f!.message, /no attribute "z"/)
})

test('for expressions: lists, objects, key/value, if, grouping, duplicates', () => {
  const xs = list(str('a'), str('bb'), str('c'))
  assert.is(ok(forList('x', xs, call('upper', tr('x')))), '["A", "BB", "C"]')
  assert.is(ok(forList('x', xs, tr('i'), { key: 'i', cond: bin('!=', tr('x'), str('bb')) })), '[0, 2]')
  assert.is(ok(forObj('x', xs, tr('x'), call('length', tr('x')))), '{a=1, bb=2, c=1}')
  assert.is(ok(forList('v', obj(['z', num('1')], ['a', num('2')]), tr('k'), { key: 'k' })), '["a", "z"]', 'objects iterate in key order')
  assert.is(ok(forObj('x', xs, call('length', tr('x')), tr('x'), { group: true })), '{1=["a", "c"], 2=["bb"]}')
  const [d] = bad(forObj('x', xs, call('length', tr('x')), tr('x')))
  assert.match(d!.message, /duplicate object key "1"/)
})

test('string functions', () => {
  assert.is(ok(call('upper', str('abc'))), '"ABC"')
  assert.is(ok(call('lower', str('ABC'))), '"abc"')
  assert.is(ok(call('title', str('hello big world'))), '"Hello Big World"')
  assert.is(ok(call('format', str('%s-%d %q 100%%'), str('a'), num('7'), str('x"y'))), '"a-7 \\"x\\\\\\"y\\" 100%"')
  assert.is(ok(call('join', str(', '), list(str('a'), str('b')))), '"a, b"')
  assert.is(ok(call('split', str(','), str('a,b'))), '["a", "b"]')
  assert.is(ok(call('replace', str('a-b-c'), str('-'), str('_'))), '"a_b_c"')
  assert.is(ok(call('replace', str('a1b22'), str('/[0-9]+/'), str('#'))), '"a#b#"')
  assert.is(ok(call('trimspace', str('  x \n'))), '"x"')
  assert.is(ok(call('startswith', str('tenant_a'), str('tenant_'))), 'true')
  assert.is(ok(call('endswith', str('tenant_a'), str('_b'))), 'false')
  assert.is(ok(call('jsonencode', obj(['b', list(num('1'), bool(true))], ['a', nul()]))), JSON.stringify('{"a":null,"b":[1,true]}'))
})

test('collection and conversion functions', () => {
  const o = obj(['b', num('2')], ['a', num('1')])
  assert.is(ok(call('length', list(num('1'), num('2')))), '2')
  assert.is(ok(call('length', str('héllo'))), '5')
  assert.is(ok(call('concat', list(num('1')), list(num('2'), num('3')))), '[1, 2, 3]')
  assert.is(ok(call('contains', list(str('a')), str('a'))), 'true')
  assert.is(ok(call('keys', o)), '["a", "b"]')
  assert.is(ok(call('values', o)), '[1, 2]')
  assert.is(ok(call('lookup', o, str('a'))), '1')
  assert.is(ok(call('lookup', o, str('z'), num('0'))), '0')
  assert.is(ok(call('merge', o, obj(['a', num('9')], ['c', num('3')]))), '{b=2, a=9, c=3}')
  assert.is(ok(call('coalesce', nul(), str(''), str('x'))), '"x"')
  assert.is(ok(call('flatten', list(list(num('1'), list(num('2'))), num('3')))), '[1, 2, 3]')
  assert.is(ok(call('distinct', list(num('1'), num('1.0'), num('2')))), '[1, 2]')
  assert.is(ok(call('tostring', num('5'))), '"5"')
  assert.is(ok(call('tonumber', str('12'))), '12')
  assert.is(ok(call('tolist', list(str('a')))), '["a"]')
  assert.is(ok(call('toset', list(str('b'), str('a'), str('b')))), '["a", "b"]')
  assert.is(ok(call('range', num('3'))), '[0, 1, 2]')
  assert.is(ok(call('range', num('1'), num('7'), num('2'))), '[1, 3, 5]')
  assert.is(ok(callExpand('concat', list(list(num('1')), list(num('2'))))), '[1, 2]')
})

test('getenv reads the environment given as a value; unset is E-GETENV', () => {
  assert.is(ok(call('getenv', str('PW')), emptyScope({ PW: 's3cret' })), '"s3cret"')
  const e = call('getenv', str('NOPE'))
  const [d] = bad(e, emptyScope({}))
  assert.is(d!.code, 'E-GETENV')
  assert.equal(d!.span, (e as { span: unknown }).span)
})

test('ref("…") builds canonical addresses', () => {
  assert.is(ok(call('ref', str('table.s.t'))), 'ref(table:s.t)')
  assert.is(ok(call('ref', str('user.app'))), 'ref(role:app)')
  assert.is(ok(call('ref', str('table.s.t.column.c'))), 'ref(table:s.t/column:c)')
  assert.is(ok(call('ref', str('table."a.b".t'))), 'ref(table:a.b.t)')
  assert.is(bad(call('ref', str('tabel.x')))[0]!.code, 'E-TYPE')
})

test('type errors carry the span of the offending value, all collected', () => {
  const s1 = sp(100)
  const s2 = sp(200)
  const ds = bad(list(bin('+', str('abc', s1), num('1')), call('upper', list(), )))
  assert.is(ds.length, 2)
  assert.is(ds[0]!.code, 'E-TYPE')
  assert.is(ds[0]!.span!.line, 100)
  assert.match(ds[0]!.message, /operator \+: expected a number, got a string/)
  assert.match(ds[1]!.message, /upper\(\): argument 1: expected a string, got a list/)
  const [c] = bad(cond(str('yes', s2), num('1'), num('2')))
  assert.is(c!.span!.line, 200)
  assert.is(bad(bin('/', num('1'), num('0')))[0]!.message, 'division by zero')
  assert.is(bad(call('length', num('1')))[0]!.code, 'E-TYPE')
  assert.is(bad(call('format', str('%d'), str('x')))[0]!.code, 'E-TYPE')
  assert.is(bad(tr('foo.bar'))[0]!.code, 'E-UNRESOLVED')
})

test.run()
