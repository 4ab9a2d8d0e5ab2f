/** The loader on real HCL text (the Chevrotain parser), with a recording registry of lowerers. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { loadHcl, parseHcl, ready } from '../../../src/parse/hcl/index.js'
import { loadBodies, type HclOptions } from '../../../src/parse/hcl/load/load.js'
import type { BlockLowerer, BlockView } from '../../../src/parse/hcl/lower/context.js'
import { show } from './eval-build.js'
import { irEqual } from '../../../src/ir/equal.js'
import { loadSql } from '../../../src/parse/sql/index.js'

test.before(async () => {
  await ready()
})

const record = (seen: string[]): BlockLowerer => {
  const dump = (b: BlockView, depth: string): void => {
    seen.push(`${depth}${b.type}[${b.labels.join(',')}]`)
    for (const n of b.attributeNames) {
      const v = b.attr(n)
      seen.push(`${depth}  ${n} = ${v === undefined ? '<error>' : show(v)}`)
    }
    for (const t of b.blockTypes) for (const c of b.blocks(t)) dump(c, depth + '  ')
  }
  return (b) => dump(b, '')
}

const run = (text: string, options: HclOptions = {}) => {
  const parsed = parseHcl(text, 'x.hcl')
  if (E.isLeft(parsed)) throw new Error(parsed.left.map((d) => d.message).join('; '))
  const seen: string[] = []
  const r = loadBodies([{ file: 'x.hcl', body: parsed.right }], options, Object.fromEntries(['schema', 'table', 'thing', 'role'].map((t) => [t, record(seen)])))
  return { seen, diagnostics: r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.column} ${d.message}`) }
}

test('expressions of a real file: for, splat, conditionals, heredoc, functions, label templates', () => {
  const r = run(`
variable "names" {
  type    = list(string)
  default = ["b", "a"]
}
locals {
  upper = { for n in var.names : n => upper(n) }
  objs  = [for n in var.names : { name = n }]
}
thing "t_\${each.key}" {
  for_each = toset(var.names)
  u     = local.upper[each.value]
  names = local.objs[*].name
  pick  = length(var.names) > 1 ? "many" : "one"
  body  = <<-SQL
    SELECT \${each.value}
  SQL
  fmt   = format("%s_%d", each.key, 7)
  type  = varchar(255)
  kw    = SELECT
}
`)
  assert.equal(r.diagnostics, [])
  assert.equal(r.seen, [
    'thing[t_a]', '  u = "A"', '  names = ["b", "a"]', '  pick = "many"', '  body = "SELECT a\\n"', '  fmt = "a_7"', '  type = varchar(255)', '  kw = kw(SELECT)',
    'thing[t_b]', '  u = "B"', '  names = ["b", "a"]', '  pick = "many"', '  body = "SELECT b\\n"', '  fmt = "b_7"', '  type = varchar(255)', '  kw = kw(SELECT)',
  ])
})

test('references in a real file, and errors with their positions', () => {
  const r = run(`schema "app" {}
table "users" {
  schema = schema.app
  column "id" {}
  thing "x" { c = column.id }
}
thing "refs" {
  a = table.users.column.id
  b = table.app.users
  c = table.usr
}
`)
  assert.ok(r.seen.includes('    c = ref(table:app.users/column:id)'), r.seen.join('\n'))
  assert.ok(r.seen.includes('  a = ref(table:app.users/column:id)'))
  assert.ok(r.seen.includes('  b = ref(table:app.users)'))
  assert.equal(r.diagnostics.map((d) => d.replace(/ .*?:.*? /, ' ')).length, 1)
  assert.match(r.diagnostics[0]!, /^E-UNRESOLVED 10:\d+ table\.usr is not declared; did you mean table\.users\?/)
})

test('loadHcl: syntax errors of every file together, nothing evaluated', () => {
  const r = loadHcl([
    { file: 'b.hcl', text: 'table "t" {\n' },
    { file: 'a.hcl', text: 'schema "s" { x = }\n' },
  ])
  assert.ok(r.diagnostics.length >= 2)
  assert.ok(r.diagnostics.every((d) => d.code === 'E-HCL-SYNTAX'), r.diagnostics.map((d) => d.code).join(','))
  assert.equal([...new Set(r.diagnostics.map((d) => d.span?.file))], ['a.hcl', 'b.hcl'], 'files in lexical order')
})

test('loadHcl: unknown top-level block with the known ones', () => {
  const r = loadHcl([{ file: 'a.hcl', text: 'tabel "t" {}\n' }])
  assert.is(r.diagnostics[0]!.code, 'E-UNKNOWN-BLOCK')
  assert.match(r.diagnostics[0]!.message, /unknown block type "tabel"\. Did you mean "table"\?/)
  assert.is(r.diagnostics[0]!.span!.line, 1)
})

test('loadHcl end to end with the dialect lowerers: for_each tables, views in reverse order', () => {
  const r = loadHcl([{ file: 'x.hcl', text: `
schema "public" {}
table "t_\${each.key}" {
  for_each = ["a", "b"]
  schema   = schema.public
  column "id" {
    type = integer
  }
}
view "v" {
  schema = schema.public
  as     = "SELECT id FROM public.w"
}
view "w" {
  schema = schema.public
  as     = "SELECT id FROM public.t_a"
}
` }])
  assert.equal(r.diagnostics, [])
  assert.equal([...r.catalog.objects.keys()].filter((k) => k.includes('"public".')), ['table:"public"."t_a"', 'table:"public"."t_b"', 'view:"public"."v"', 'view:"public"."w"'])
})

test('references built from for_each keys and values: table[each.key], on = table[each.value]', () => {
  const hcl = `schema "public" {
  comment = "standard public schema"
  }
role "r" {}
table "a" {
  schema = schema.public
  column "id" {
    type = integer
  }
}
table "b" {
  schema = schema.public
  column "id" {
    type = integer
  }
}
locals {
  grants = { a = ["INSERT", "UPDATE"], b = ["UPDATE"] }
}
permission {
  for_each   = local.grants
  for        = table[each.key]
  to         = role.r
  privileges = each.value
}
policy "p" {
  for_each = toset(["a", "b"])
  on       = table[each.value]
  using    = "true"
}
`
  const got = loadHcl([{ file: 'x.hcl', text: hcl }])
  assert.equal(got.diagnostics, [])
  const sql = loadSql([{ file: 'x.sql', text: `REVOKE USAGE ON SCHEMA public FROM PUBLIC; CREATE ROLE r;
    CREATE TABLE a (id integer); CREATE TABLE b (id integer);
    GRANT INSERT, UPDATE ON a TO r; GRANT UPDATE ON b TO r;
    CREATE POLICY p ON a USING (true); CREATE POLICY p ON b USING (true);` }])
  assert.ok(irEqual(got.catalog.objects, sql.catalog.objects), 'the same catalog as the SQL')
  const bad = loadHcl([{ file: 'x.hcl', text: hcl.replace('for        = table[each.key]', 'for        = table[each.value]') }])
  assert.ok(bad.diagnostics.some((d) => d.code === 'E-TYPE'), 'a list is not a name')
})

test.run()
