import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { attribute, block, num, parseBad, parseOk, strip } from './parse-support.js'

/** `line:column message` of every diagnostic */
const errors = (text: string): string[] =>
  parseBad(text, 'bad.hcl').map((d) => {
    assert.is(d.code, 'E-HCL-SYNTAX')
    assert.is(d.severity, 'error')
    assert.is(d.span?.file, 'bad.hcl')
    return `${d.span?.line}:${d.span?.column} ${d.message}`
  })

test('attribute name without = or {', () => {
  assert.equal(errors('a 1\n'), ["1:3 expected '=' or '{' after attribute name 'a', found '1'"])
  assert.equal(errors('name\n'), ["1:5 expected '=' or '{' after attribute name 'name', found end of line"])
  assert.equal(errors('b "x" 1 {}\n'), ["1:7 expected '{' after the block labels, found '1'"])
})

test('missing or bad expressions', () => {
  assert.equal(errors('a =\n'), ['1:4 expected an expression, found end of line'])
  assert.equal(errors('a = = 1\n'), ["1:5 expected an expression, found '='"])
  assert.equal(errors('a = 1 +\n'), ['1:8 expected an expression, found end of line'])
  assert.equal(errors('a = [1, 2\n'), ["2:1 expected ']', found end of file"])
  assert.equal(errors('a = f(1'), ["1:8 expected ')', found end of file"])
  assert.equal(errors('a = x ? 1\n'), ["1:10 expected ':', found end of line"])
  assert.equal(errors('a = b.\n'), ["1:7 expected a name, a number or '*' after '.', found end of line"])
  assert.equal(errors('a = {b}\n'), ["1:7 expected '=' or ':' after an object key, found '}'"])
  assert.equal(errors('a = "${x"\n'), [`1:9 expected '}' to close the template interpolation or directive, found '"'`])
  assert.equal(errors('a = [for x xs : x]\n'), ["1:12 expected 'in', found 'xs'"])
  assert.equal(errors('a = {for k, v in m : k}\n'), ["1:23 expected '=>', found '}'"])
})

test('newlines end attributes; a second item on the same line is an error', () => {
  assert.equal(errors('a = 1 b = 2\n'), ["1:7 expected a new line after the attribute value, found 'b'"])
  assert.equal(errors('a = 1, b = 2\n'), ["1:6 expected a new line after the attribute value, found ','"])
  assert.equal(errors('x { a = 1 b = 2 }\n'), ["1:11 expected a new line after the attribute value, found 'b'"])
  assert.equal(errors('x = { a = 1 b = 2 }\n'), ["1:13 expected ',' or a new line after an object item, found 'b'"])
})

test('strings, heredocs, comments that do not end', () => {
  assert.equal(errors('a = "abc\nb = 1\n'), [`1:5 unterminated string: expected a closing '"' before end of line`])
  assert.equal(errors('a = "abc'), [`1:5 unterminated string: expected a closing '"' before end of file`])
  assert.equal(errors('a = 1\nb = <<EOT\nabc\n'), ["2:5 unclosed heredoc <<EOT: no line 'EOT' ends it"])
  assert.equal(errors('b = <<-SQL\n  x\n  SQ\n'), ["1:5 unclosed heredoc <<-SQL: no line 'SQL' ends it"])
  assert.equal(errors('a = 1\n/* never\nclosed'), ["2:1 unterminated comment: '/*' without '*/'"])
})

test('escapes, directives, characters', () => {
  assert.equal(errors('a = "x\\qy"\n'), ["1:7 invalid escape sequence '\\q' (allowed: \\n \\r \\t \\\" \\\\ \\uXXXX \\UXXXXXXXX)"])
  assert.equal(errors('a = "\\u12"\n'), ["1:6 invalid unicode escape '\\u12': expected 4 hexadecimal digits of a code point"])
  assert.equal(errors('a = "%{if x}y"\n'), ['1:6 unclosed %{if}: expected %{endif}'])
  assert.equal(errors('a = "y%{endfor}"\n'), ['1:7 unexpected %{endfor}: no matching %{for}'])
  assert.equal(errors('a = "%{ bogus }"\n'), ["1:9 expected a template directive ('if', 'else', 'endif', 'for' or 'endfor'), found 'bogus'"])
  assert.equal(errors('a = 1 @ 2\n'), ['1:7 unexpected character "@"'])
  assert.equal(errors('a = 1\n}\n'), ["2:1 unexpected '}': no block is open"])
  assert.equal(errors('"x" = 1\n'), [`1:1 expected an attribute or a block, found '"'`])
})

test('a block that is never closed', () => {
  assert.equal(errors('role "a" {\n  x = 1\n'), ["3:1 expected '}', found end of file"])
})

test('three separate errors give three diagnostics, in order, and the good lines still parse', () => {
  const src = `role "a" {
  comment = "ok"
  login = = true
}
table "t" {
  column "id" {
    type integer
  }
}
z = [1, 2,
  3 4]
ok = 1
`
  assert.equal(errors(src), [
    "3:11 expected an expression, found '='",
    "7:17 expected '{' after the block labels (or '=' before 'integer'), found end of line",
    "11:5 expected ']', found '4'",
  ])
})

test('recovery resumes at the next item, inside blocks too', () => {
  const d = parseBad('a {\n  x = )\n  y = 2\n}\nb = (\n  1 +\n)\nc = 3 3\nd = 4\ne = $\n')
  assert.equal(d.map((x) => x.span?.line), [2, 7, 8, 10])
})

test('no diagnostics for valid text; spans of errors carry offsets', () => {
  assert.equal(strip(parseOk('a = 1\nb {\n}\n').items), [attribute('a', num('1')), block('b', [])])
  const [d] = parseBad('abc = 1 +\n')
  assert.equal(d?.span, { file: 'test.hcl', line: 1, column: 10, offset: 9, length: 1 })
})

test('absurd nesting is a diagnostic, not a stack overflow', () => {
  const n = 20000
  assert.equal(errors(`a = ${'['.repeat(n)}${']'.repeat(n)}\n`), ['1:1 expressions or blocks nested too deeply to parse'])
  assert.ok(parseOk('a = [[[1]]]\n'), 'the parser is usable afterwards')
})

test.run()
