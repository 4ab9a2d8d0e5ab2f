/**
 * The HCL of the seeds (000: roles and rules, 003: permissions, functions, dev/env blocks with
 * heredocs, 004: a policy and row_security) parses to the expected shape.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { attribute, block, bool, call, heredoc, items, str, tr, tuple } from './parse-support.js'

test('seed 000: roles.hcl', () => {
  assert.equal(
    items(`role "app_readonly" {
 comment = "Read-only application access"
}

role "app_writer" {
 member_of = [role.app_readonly]
}

role "app_admin" {
 create_db = true
 create_role = true
 member_of = [role.app_writer]
}
`),
    [
      block('role', ['app_readonly'], attribute('comment', str('Read-only application access'))),
      block('role', ['app_writer'], attribute('member_of', tuple(tr('role', 'app_readonly')))),
      block('role', ['app_admin'], attribute('create_db', bool(true)), attribute('create_role', bool(true)), attribute('member_of', tuple(tr('role', 'app_writer')))),
    ],
  )
})

test('seed 000: rules.hcl (two labels, nested blocks)', () => {
  assert.equal(
    items(`rule "schema" "no-superuser" {
 role {
 assert {
 predicate = predicate.role.not_superuser
 message = "superuser roles are prohibited"
 }
 }
}

rule "schema" "view-invoker" {
 view {
 assert {
 predicate = predicate.view.security_invoker
 message = "must use INVOKER security"
 }
 }
}
`),
    [
      block('rule', ['schema', 'no-superuser'], block('role', [], block('assert', [],
        attribute('predicate', tr('predicate', 'role', 'not_superuser')), attribute('message', str('superuser roles are prohibited'))))),
      block('rule', ['schema', 'view-invoker'], block('view', [], block('assert', [],
        attribute('predicate', tr('predicate', 'view', 'security_invoker')), attribute('message', str('must use INVOKER security'))))),
    ],
  )
})

test('seed 003: function, procedure, schema, permissions', () => {
  assert.equal(
    items(`function "add" {
  schema = schema.public
  lang   = PLpgSQL
  arg "a" {
    type = integer
  }
  arg "b" {
    type = integer
  }
  return = integer
  as     = <<-SQL
    BEGIN
      RETURN a + b;
    END;
  SQL
}
procedure "noop" {
  schema = schema.public
  lang = PLpgSQL
  as = <<-SQL
  BEGIN
  END;
  SQL
}
schema "public" {
  comment = "standard public schema"
}
permission {
  to         = PUBLIC
  for        = function.add
  privileges = [EXECUTE]
}
permission {
  to = PUBLIC
  for = schema.public
  privileges = [USAGE]
}
`),
    [
      block('function', ['add'],
        attribute('schema', tr('schema', 'public')),
        attribute('lang', tr('PLpgSQL')),
        block('arg', ['a'], attribute('type', tr('integer'))),
        block('arg', ['b'], attribute('type', tr('integer'))),
        attribute('return', tr('integer')),
        attribute('as', heredoc('BEGIN\n  RETURN a + b;\nEND;\n'))),
      block('procedure', ['noop'], attribute('schema', tr('schema', 'public')), attribute('lang', tr('PLpgSQL')), attribute('as', heredoc('BEGIN\nEND;\n'))),
      block('schema', ['public'], attribute('comment', str('standard public schema'))),
      block('permission', [], attribute('to', tr('PUBLIC')), attribute('for', tr('function', 'add')), attribute('privileges', tuple(tr('EXECUTE')))),
      block('permission', [], attribute('to', tr('PUBLIC')), attribute('for', tr('schema', 'public')), attribute('privileges', tuple(tr('USAGE')))),
    ],
  )
})

test('seed 003: docker/dev baselines and env blocks', () => {
  assert.equal(
    items(`docker "postgres" "hardened" {
  image = "postgres:18"
  baseline = <<-SQL
    ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
  SQL
}
env "local" {
  url = getenv("DATABASE_URL")
  dev = docker.postgres.hardened.url
  schema {
    src = "file://schema.pg.hcl"
    mode {
      permissions = true
    }
  }
}
`),
    [
      block('docker', ['postgres', 'hardened'],
        attribute('image', str('postgres:18')),
        attribute('baseline', heredoc('ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n'))),
      block('env', ['local'],
        attribute('url', call('getenv', str('DATABASE_URL'))),
        attribute('dev', tr('docker', 'postgres', 'hardened', 'url')),
        block('schema', [], attribute('src', str('file://schema.pg.hcl')), block('mode', [], attribute('permissions', bool(true))))),
    ],
  )
})

test('seed 004: policy and row_security', () => {
  assert.equal(
    items(`policy "employee_policy" {
  on    = table.employees
  for   = SELECT
  to    = [PUBLIC]
  using = "(current_user = employee_role)"
}
table "employees" {
  schema = schema.public
  row_security {
    enabled  = true
    enforced = false # optional
  }
  # ... columns
}
`),
    [
      block('policy', ['employee_policy'],
        attribute('on', tr('table', 'employees')),
        attribute('for', tr('SELECT')),
        attribute('to', tuple(tr('PUBLIC'))),
        attribute('using', str('(current_user = employee_role)'))),
      block('table', ['employees'],
        attribute('schema', tr('schema', 'public')),
        block('row_security', [], attribute('enabled', bool(true)), attribute('enforced', bool(false)))),
    ],
  )
})

test.run()
