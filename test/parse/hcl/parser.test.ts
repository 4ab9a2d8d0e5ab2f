import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  attribute, bin, block, bool, call, callExpand, cond, expr, exprOf, forPart, getAttr, heredoc, ifPart, index, interp, items, nul, num,
  obj, paren, parseOk, splat, str, tr, tuple, unary, attrStep, indexStep,
} from './parse-support.js'

test('bodies: attributes and blocks in order, labels quoted or bare, nested and one-line blocks', () => {
  assert.equal(
    items(`a = 1
role "app" {
  comment = "x"
  member_of = [role.r]
}
rule "schema" no-super {
  inner { b = true }
}
empty {}
`),
    [
      attribute('a', num('1')),
      block('role', ['app'], attribute('comment', str('x')), attribute('member_of', tuple(tr('role', 'r')))),
      block('rule', ['schema', 'no-super'], block('inner', [], attribute('b', bool(true)))),
      block('empty', []),
    ],
  )
})

test('bodies: blank lines, CRLF, comments of the three kinds, a byte-order mark', () => {
  const src = '\uFEFF# heading\r\n\r\na = 1 // trailing\r\n/* block\r\n comment */ b = 2\r\nc { # in block\r\n  d = 3 /* inline */\r\n}\r\n'
  assert.equal(items(src), [attribute('a', num('1')), attribute('b', num('2')), block('c', [], attribute('d', num('3')))])
  assert.equal(items(''), [])
  assert.equal(items('# only a comment'), [])
})

test('bodies: keywords are names where a name is expected (attribute `for`, block `if`)', () => {
  assert.equal(
    items('policy "p" {\n  for = SELECT\n  in = [a]\n}\nif "x" {}\n'),
    [block('policy', ['p'], attribute('for', tr('SELECT')), attribute('in', tuple(tr('a')))), block('if', ['x'])],
  )
})

test('literals: numbers keep their source text; bools, null', () => {
  assert.equal(expr('42'), num('42'))
  assert.equal(expr('1.50'), num('1.50'))
  assert.equal(expr('1e3'), num('1e3'))
  assert.equal(expr('2.5E-7'), num('2.5E-7'))
  assert.equal(expr('true'), bool(true))
  assert.equal(expr('false'), bool(false))
  assert.equal(expr('null'), nul())
  assert.equal(expr('-1'), unary('-', num('1')))
  assert.equal(expr('truex'), tr('truex'))
})

test('strings: escapes decoded, $${ and %%{ unescaped', () => {
  assert.equal(expr('"a\\nb\\tc\\"d\\\\e\\r"'), str('a\nb\tc"d\\e\r'))
  assert.equal(expr('"\\u00e9\\U0001F600"'), str('é😀'))
  assert.equal(expr('"$${x} %%{y} $ % $$ 100%"'), str('${x} %{y} $ % $$ 100%'))
  assert.equal(expr('""'), str())
  assert.equal(expr('"it\'s"'), str("it's"))
})

test('templates: interpolations, strip markers, directives', () => {
  assert.equal(expr('"a ${b.c} d"'), str('a ', interp(tr('b', 'c')), ' d'))
  assert.equal(expr('"${x}"'), str(interp(tr('x'))))
  assert.equal(expr('"${"in${"ner"}"}"'), str(interp(str('in', interp(str('ner'))))))
  assert.equal(expr('"${ {a = 1}.a }"'), str(interp(getAttr(obj([tr('a'), num('1')]), 'a'))), 'braces inside an interpolation')
  assert.equal(expr('"a  ${~ x ~}  b"'), str('a', interp(tr('x')), 'b'))
  assert.equal(expr('"a\\n ${~x} b"'), str('a', interp(tr('x')), ' b'), 'strip removes newlines too')
  assert.equal(expr('"%{if c}yes%{else}no%{endif}"'), str(ifPart(tr('c'), ['yes'], ['no'])))
  assert.equal(expr('"<%{ if c ~}  y  %{~ endif }>"'), str('<', ifPart(tr('c'), ['y']), '>'))
  assert.equal(
    expr('"%{for k, v in m}${k}=${v};%{endfor}|%{for x in xs}%{if x}x%{endif}%{endfor}"'),
    str(
      forPart('k', 'v', tr('m'), [interp(tr('k')), '=', interp(tr('v')), ';']),
      '|',
      forPart(undefined, 'x', tr('xs'), [ifPart(tr('x'), ['x'])]),
    ),
  )
})

test('heredocs: <<EOT keeps indentation, <<-EOT removes the common indentation, interpolation inside', () => {
  assert.equal(expr('<<EOT\n  hello\n    world\nEOT'), heredoc('  hello\n    world\n'))
  assert.equal(expr('<<-EOT\n    hello ${name}\n      world\n\n    end\n    EOT'), heredoc('hello ', interp(tr('name')), '\n  world\n\nend\n'))
  assert.equal(expr('<<-SQL\n\tBEGIN\n\tEND;\n  SQL'), heredoc('BEGIN\nEND;\n'))
  assert.equal(expr('<<EOT\nno \\n escapes, $${x}\nEOT'), heredoc('no \\n escapes, ${x}\n'))
  assert.equal(expr('<<EOT\nEOT'), heredoc())
  assert.equal(expr('<<EOT\n${a}\nEOTX\nEOT'), heredoc(interp(tr('a')), '\nEOTX\n'), 'the delimiter must be the whole line')
  assert.equal(expr('<<-EOT\n${a} x\n    y\n  EOT'), heredoc(interp(tr('a')), ' x\n    y\n'), 'a line starting with an interpolation has no indentation')
  assert.equal(expr('<<-EOT\n  ${a} x\n    y\n  EOT'), heredoc(interp(tr('a')), ' x\n  y\n'), 'the blanks before an interpolation count')
  assert.equal(
    items('a = <<-A\n  x\n  A\nb = 2\n'),
    [attribute('a', heredoc('x\n')), attribute('b', num('2'))],
    'the line after the delimiter is the next attribute',
  )
  assert.equal(expr('<<EOT\r\nline\r\nEOT'), heredoc('line\n'), 'CRLF')
  assert.equal(expr('f(<<EOT\nabc\nEOT\n, [<<-X\n  y\n  X\n])'), call('f', heredoc('abc\n'), tuple(heredoc('y\n'))), 'inside brackets')
  assert.equal(expr('<<A\n${<<B\nin\nB\n}\nA'), heredoc(interp(heredoc('in\n')), '\n'), 'nested heredocs')
})

test('collections: tuples and objects, commas and newlines, key forms', () => {
  assert.equal(expr('[]'), tuple())
  assert.equal(expr('[1, "a",]'), tuple(num('1'), str('a')))
  assert.equal(expr('[\n  1,\n  2\n]'), tuple(num('1'), num('2')))
  assert.equal(expr('{}'), obj())
  assert.equal(
    expr('{ a = 1, "b" : 2, (k) = v }'),
    obj([tr('a'), num('1')], [str('b'), num('2')], [paren(tr('k')), tr('v')]),
  )
  assert.equal(expr('{\n  a = 1\n\n  b = [\n    2,\n  ]\n}'), obj([tr('a'), num('1')], [tr('b'), tuple(num('2'))]))
  assert.equal(expr('{ a = { b = 1 } }'), obj([tr('a'), obj([tr('b'), num('1')])]))
})

test('traversals, legacy index, index and attribute on any expression', () => {
  assert.equal(expr('table.users.column.id'), tr('table', 'users', 'column', 'id'))
  assert.equal(expr('a.b[0].c'), tr('a', 'b', 0, 'c'))
  assert.equal(expr('a["k"][b]'), tr('a', str('k'), tr('b')))
  assert.equal(expr('a.0'), tr('a', 0))
  assert.equal(expr('a.0.1.b'), tr('a', 0, 1, 'b'))
  assert.equal(expr('f(x)[0].y'), getAttr(index(call('f', tr('x')), num('0')), 'y'))
  assert.equal(expr('[1, 2][0]'), index(tuple(num('1'), num('2')), num('0')))
  assert.equal(expr('(a).b'), getAttr(paren(tr('a')), 'b'))
  assert.equal(expr('"s".x'), getAttr(str('s'), 'x'))
})

test('splats: full and attribute-only', () => {
  assert.equal(expr('a[*].b.c[0]'), splat(tr('a'), true, attrStep('b'), attrStep('c'), indexStep(num('0'))))
  assert.equal(expr('a.*.b.c'), splat(tr('a'), false, attrStep('b'), attrStep('c')))
  assert.equal(expr('a.*.b[0]'), index(splat(tr('a'), false, attrStep('b')), num('0')), 'an attribute splat stops at an index')
  assert.equal(expr('x.y[*]'), splat(tr('x', 'y'), true))
  assert.equal(expr('f()[*].id'), splat(call('f'), true, attrStep('id')))
})

test('function calls: arguments, trailing comma, final expansion', () => {
  assert.equal(expr('f()'), call('f'))
  assert.equal(expr('getenv("DEV_URL")'), call('getenv', str('DEV_URL')))
  assert.equal(expr('varchar(255)'), call('varchar', num('255')))
  assert.equal(expr('f(a, b,)'), call('f', tr('a'), tr('b')))
  assert.equal(expr('f(\n  a,\n  b\n)'), call('f', tr('a'), tr('b')))
  assert.equal(expr('max(1, xs...)'), callExpand('max', num('1'), tr('xs')))
})

test('operators: HCL precedence, left associativity, unary', () => {
  assert.equal(expr('1 + 2 * 3'), bin('+', num('1'), bin('*', num('2'), num('3'))))
  assert.equal(expr('1 - 2 - 3'), bin('-', bin('-', num('1'), num('2')), num('3')))
  assert.equal(expr('a / b % c'), bin('%', bin('/', tr('a'), tr('b')), tr('c')))
  assert.equal(expr('a + b < c * d'), bin('<', bin('+', tr('a'), tr('b')), bin('*', tr('c'), tr('d'))))
  assert.equal(expr('a < b == c >= d'), bin('==', bin('<', tr('a'), tr('b')), bin('>=', tr('c'), tr('d'))))
  assert.equal(expr('a == b && c != d || e'), bin('||', bin('&&', bin('==', tr('a'), tr('b')), bin('!=', tr('c'), tr('d'))), tr('e')))
  assert.equal(expr('a || b && c'), bin('||', tr('a'), bin('&&', tr('b'), tr('c'))))
  assert.equal(expr('!a && -b > 0'), bin('&&', unary('!', tr('a')), bin('>', unary('-', tr('b')), num('0'))))
  assert.equal(expr('(1 + 2) * 3'), bin('*', paren(bin('+', num('1'), num('2'))), num('3')))
  assert.equal(expr('- - x'), unary('-', unary('-', tr('x'))))
  assert.equal(expr('a <= b'), bin('<=', tr('a'), tr('b')))
})

test('conditionals: lowest precedence, nested to the right', () => {
  assert.equal(expr('a == 1 ? "x" : "y"'), cond(bin('==', tr('a'), num('1')), str('x'), str('y')))
  assert.equal(expr('a ? b : c ? d : e'), cond(tr('a'), tr('b'), cond(tr('c'), tr('d'), tr('e'))))
  assert.equal(expr('a ? b ? c : d : e'), cond(tr('a'), cond(tr('b'), tr('c'), tr('d')), tr('e')))
  assert.equal(expr('(a ? b : c).d'), getAttr(paren(cond(tr('a'), tr('b'), tr('c'))), 'd'))
})

test('for expressions: tuple and object forms, key variable, grouping, condition, multi-line', () => {
  assert.equal(expr('[for v in xs : upper(v)]'), {
    kind: 'For', form: 'tuple', valueVar: 'v', collection: tr('xs'), valueExpr: call('upper', tr('v')), group: false,
  })
  assert.equal(expr('[for k, v in m : v if k != "x"]'), {
    kind: 'For', form: 'tuple', keyVar: 'k', valueVar: 'v', collection: tr('m'), valueExpr: tr('v'), group: false,
    cond: bin('!=', tr('k'), str('x')),
  })
  assert.equal(expr('{for k, v in m : v => k...}'), {
    kind: 'For', form: 'object', keyVar: 'k', valueVar: 'v', collection: tr('m'), keyExpr: tr('v'), valueExpr: tr('k'), group: true,
  })
  assert.equal(expr('{\n  for t in var.tables :\n  t => "p_${t}"\n  if t != "x"\n}'), {
    kind: 'For', form: 'object', valueVar: 't', collection: tr('var', 'tables'), keyExpr: tr('t'), valueExpr: str('p_', interp(tr('t'))),
    group: false, cond: bin('!=', tr('t'), str('x')),
  })
})

test('labels: a template label keeps its source text and its template', () => {
  const b = parseOk('table "t_${each.key}" {}\n').items[0]
  assert.is(b?.kind, 'Block')
  if (b?.kind !== 'Block') return
  const l = b.labels[0]
  assert.is(l?.value, 't_${each.key}')
  assert.equal(l?.template?.parts.length, 2)
  assert.equal(items('t "a\\"b" c {}'), [block('t', ['a"b', 'c'])], 'plain labels have no template')
})

test('spans: file, 1-based line and column, offset and length', () => {
  const src = 'a = 1\nrole "app" {\n  member_of = [role.x, f(2)]\n}\n'
  const body = parseOk(src, 'roles.hcl')
  assert.equal(body.span, { file: 'roles.hcl', line: 1, column: 1, offset: 0, length: src.length })
  const [a, role] = body.items
  assert.equal(a?.span, { file: 'roles.hcl', line: 1, column: 1, offset: 0, length: 5 })
  if (role?.kind !== 'Block') throw new Error('block')
  assert.equal(role.typeSpan, { file: 'roles.hcl', line: 2, column: 1, offset: 6, length: 4 })
  assert.equal(role.labels[0]?.span, { file: 'roles.hcl', line: 2, column: 6, offset: 11, length: 5 })
  assert.equal(role.span.length, src.length - 1 - 6, 'the block ends at its closing brace')
  const m = role.body.items[0]
  if (m?.kind !== 'Attribute' || m.value.kind !== 'Tuple') throw new Error('attribute')
  assert.equal(m.nameSpan, { file: 'roles.hcl', line: 3, column: 3, offset: 21, length: 9 })
  assert.equal(m.value.span, { file: 'roles.hcl', line: 3, column: 15, offset: 33, length: 14 })
  const [ref, call2] = m.value.items
  assert.equal(ref?.span, { file: 'roles.hcl', line: 3, column: 16, offset: 34, length: 6 })
  if (ref?.kind !== 'Traversal') throw new Error('traversal')
  assert.equal(ref.steps[0]?.span, { file: 'roles.hcl', line: 3, column: 20, offset: 38, length: 2 })
  assert.equal(call2?.span, { file: 'roles.hcl', line: 3, column: 24, offset: 42, length: 4 })
  const t = exprOf('"ab${c}d"')
  if (t.kind !== 'Template') throw new Error('template')
  assert.equal(t.parts.map((p) => [p.span.column, p.span.length]), [[6, 2], [8, 4], [12, 1]])
  const h = exprOf('<<-EOT\n    x\n    EOT')
  if (h.kind !== 'Template') throw new Error('heredoc')
  assert.equal([h.parts[0]?.span.line, h.parts[0]?.span.column], [2, 5], 'de-indented text starts after the removed indentation')
})

test.run()
