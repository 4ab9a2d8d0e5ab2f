/** Access-control inspection cases (see access.test.ts): a script and the exact IR it must read back as. */
import type { PgVersion } from '../../src/ir/catalog.js'
import { identity } from '../../src/ir/names.js'
import type { Acl, AclItem, DbObject, Membership, Policy, Privilege, Role } from '../../src/ir/objects.js'
import { aclDefault, type AclKind } from '../../src/normalize/acl.js'

const item = (grantee: string, privilege: Privilege, grantor: string, grantable = false): AclItem => ({ grantee, privilege, grantable, grantor })
/** the owner's built-in entries (`acldefault`) followed by extra items, in canonical order */
const withDefault = (kind: AclKind, owner: string, v: PgVersion, ...extra: AclItem[]): Acl => sortItems([...aclDefault(kind, owner, v), ...extra])
const ORDER: ReadonlyArray<Privilege> = ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'EXECUTE', 'USAGE', 'CREATE', 'TEMPORARY', 'CONNECT', 'MAINTAIN']
const sortItems = (items: AclItem[]): Acl =>
  [...items].sort((a, b) =>
    a.grantee !== b.grantee ? (a.grantee < b.grantee ? -1 : 1) : a.grantor !== b.grantor ? (a.grantor < b.grantor ? -1 : 1) : ORDER.indexOf(a.privilege) - ORDER.indexOf(b.privilege),
  )
const tablePrivs = (v: PgVersion): Privilege[] => ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', ...(v >= 17 ? (['MAINTAIN'] as const) : [])]

const role = (name: string, attrs: Partial<Omit<Role, 'kind' | 'name'>> = {}): Role => ({
  kind: 'Role',
  name,
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
  login: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
  ...attrs,
})
const membership = (r: string, member: string, o: Partial<Pick<Membership, 'admin' | 'inherit' | 'set'>> = {}): Membership => ({
  kind: 'Membership',
  role: r,
  member,
  admin: false,
  inherit: true,
  set: true,
  ...o,
})
const policy = (table: string, name: string, o: Partial<Omit<Policy, 'kind' | 'table' | 'name'>>): Policy => ({
  kind: 'Policy',
  schema: 'public',
  table,
  name,
  permissive: true,
  command: 'all',
  roles: ['PUBLIC'],
  ...o,
})

const tableId = (name: string, schema = 'public'): string => identity('Table', [schema, name])

export interface Case {
  /** fixtures/access case whose b.sql is run, or an inline script */
  readonly fixture?: string
  readonly script?: string
  readonly name?: string
  readonly versions?: string
  /** every access-control object of the database (roles and memberships of the case's `rNNN_` roles) */
  readonly access: (v: PgVersion) => ReadonlyArray<DbObject>
  /** `acl` (or another field) of other objects: id → field → value (undefined = absent) */
  readonly fields?: (v: PgVersion) => Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** column ACLs: table id → column → acl */
  readonly columns?: (v: PgVersion) => Readonly<Record<string, Readonly<Record<string, Acl | undefined>>>>
}


export const CASES: ReadonlyArray<Case> = [
  // ───────────── roles ─────────────
  {
    fixture: '021-role-all-attributes-create',
    access: () => [
      role('r021_root', {
        superuser: true,
        createDb: true,
        createRole: true,
        login: true,
        replication: true,
        bypassRls: true,
        connectionLimit: 5,
        validUntil: '2030-01-01 00:00:00+00',
      }),
    ],
  },
  { fixture: '020-role-valid-until-infinity', access: () => [role('r020_contractor', { login: true })] },
  {
    name: 'valid until in another time zone, with a fraction',
    // inspected under a session time zone that is not UTC
    script: `CREATE ROLE r900_x NOINHERIT CONNECTION LIMIT 0 VALID UNTIL '2030-06-01 12:30:00.25+02'; SET TimeZone = 'Asia/Kolkata';`,
    access: () => [role('r900_x', { inherit: false, connectionLimit: 0, validUntil: '2030-06-01 10:30:00.25+00' })],
  },
  { fixture: '033-role-comment-add', access: () => [role('r033_readonly', { comment: 'Read-only application access' })] },
  {
    fixture: '039-role-set-multiple',
    access: () => [
      role('r039_report', {
        login: true,
        settings: [
          { name: 'default_transaction_read_only', value: 'on', inDatabase: false },
          { name: 'lock_timeout', value: '2s', inDatabase: false },
          { name: 'work_mem', value: '128MB', inDatabase: false },
        ],
      }),
    ],
  },
  {
    fixture: '041-role-set-database-and-global',
    access: () => [
      role('r041_app', {
        login: true,
        settings: [
          { name: 'statement_timeout', value: '1min', inDatabase: false },
          { name: 'statement_timeout', value: '5s', inDatabase: true },
        ],
      }),
    ],
  },
  // ───────────── memberships ─────────────
  {
    fixture: '052-membership-admin-option-add',
    access: () => [role('r052_team'), role('r052_lead', { login: true }), membership('r052_team', 'r052_lead', { admin: true })],
  },
  {
    fixture: '062-membership-predefined-read-all-data',
    access: () => [role('r062_analyst', { login: true }), membership('pg_read_all_data', 'r062_analyst')],
  },
  {
    fixture: '073-membership-all-options',
    access: () => [role('r073_g'), role('r073_u'), membership('r073_g', 'r073_u', { admin: true, inherit: false, set: false })],
  },
  {
    fixture: '077-membership-granted-by-admin',
    access: () => [
      role('r077_g'),
      role('r077_lead'),
      role('r077_u'),
      membership('r077_g', 'r077_lead', { admin: true }),
      membership('r077_g', 'r077_u'),
    ],
  },
  {
    name: 'one membership granted by two grantors is merged (options OR-ed)',
    versions: '>=16',
    script: `CREATE ROLE r901_g; CREATE ROLE r901_lead; CREATE ROLE r901_u;
      GRANT r901_g TO r901_lead WITH ADMIN OPTION;
      GRANT r901_g TO r901_u WITH INHERIT FALSE;
      SET ROLE r901_lead; GRANT r901_g TO r901_u WITH INHERIT FALSE, SET FALSE; RESET ROLE;`,
    access: () => [
      role('r901_g'),
      role('r901_lead'),
      role('r901_u'),
      membership('r901_g', 'r901_lead', { admin: true }),
      membership('r901_g', 'r901_u', { inherit: false }),
    ],
  },
  // ───────────── object privileges ─────────────
  {
    fixture: '087-public-schema-revoke-all-grant-role',
    access: () => [role('r087_app')],
    fields: () => ({
      [identity('Schema', ['public'])]: {
        acl: [item('pg_database_owner', 'USAGE', 'pg_database_owner'), item('pg_database_owner', 'CREATE', 'pg_database_owner'), item('r087_app', 'USAGE', 'pg_database_owner')],
      },
    }),
  },
  {
    fixture: '099-table-same-privilege-two-grantors',
    access: () => [role('r099_lead'), role('r099_member')],
    fields: (v) => ({
      [tableId('orders')]: {
        acl: withDefault('table', 'postgres', v, item('r099_lead', 'SELECT', 'postgres', true), item('r099_member', 'SELECT', 'postgres'), item('r099_member', 'SELECT', 'r099_lead')),
      },
    }),
  },
  {
    fixture: '101-table-owner-revokes-own',
    access: () => [role('r101_owner')],
    fields: (v) => ({
      [tableId('ledger')]: {
        owner: 'r101_owner',
        acl: tablePrivs(v)
          .filter((p) => p !== 'UPDATE' && p !== 'DELETE' && p !== 'TRUNCATE')
          .map((p) => item('r101_owner', p, 'r101_owner')),
      },
    }),
  },
  {
    fixture: '117-sequence-serial-grant',
    access: () => [role('r117_app')],
    fields: (v) => ({
      [tableId('tickets')]: { acl: withDefault('table', 'postgres', v, item('r117_app', 'INSERT', 'postgres')) },
      [identity('Sequence', ['public', 'tickets_id_seq'])]: { acl: withDefault('sequence', 'postgres', v, item('r117_app', 'USAGE', 'postgres')) },
    }),
  },
  {
    fixture: '120-column-select-grant',
    access: () => [role('r120_support')],
    fields: () => ({ [tableId('customers')]: { acl: undefined } }),
    columns: () => ({
      [tableId('customers')]: { id: [item('r120_support', 'SELECT', 'postgres')], email: [item('r120_support', 'SELECT', 'postgres')], card: undefined },
    }),
  },
  {
    fixture: '130-column-quoted-names',
    access: () => [role('r130_app')],
    columns: () => ({
      [tableId('Customer Data')]: {
        Id: [item('r130_app', 'SELECT', 'postgres')],
        'e-mail': [item('r130_app', 'SELECT', 'postgres')],
        select: [item('r130_app', 'UPDATE', 'postgres')],
      },
    }),
  },
  {
    name: 'a column whose privileges were all revoked has no acl',
    script: `CREATE ROLE r902_a; CREATE TABLE t (a int, b int); GRANT SELECT (a), UPDATE (b) ON t TO r902_a; REVOKE SELECT (a) ON t FROM r902_a;`,
    access: () => [role('r902_a')],
    columns: () => ({ [tableId('t')]: { a: undefined, b: [item('r902_a', 'UPDATE', 'postgres')] } }),
  },
  {
    fixture: '132-function-revoke-public',
    access: () => [],
    fields: () => ({ [identity('Function', ['public', 'add'], ['integer', 'integer'])]: { acl: [item('postgres', 'EXECUTE', 'postgres')] } }),
  },
  {
    fixture: '141-type-composite-usage-grant',
    access: () => [role('r141_app')],
    fields: () => ({ [identity('CompositeType', ['public', 'money_amount'])]: { acl: [item('postgres', 'USAGE', 'postgres'), item('r141_app', 'USAGE', 'postgres')] } }),
  },
  {
    fixture: '143-domain-usage-revoke-public',
    access: () => [],
    fields: () => ({ [identity('Domain', ['public', 'email'])]: { acl: [item('postgres', 'USAGE', 'postgres')] } }),
  },
  {
    name: 'views, materialized views and enums; an explicit ACL equal to the default is absent',
    script: `CREATE ROLE r903_r; CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE MATERIALIZED VIEW m AS SELECT a FROM t;
      CREATE TYPE e AS ENUM ('x'); GRANT SELECT ON v TO r903_r; GRANT SELECT ON m TO r903_r WITH GRANT OPTION;
      REVOKE USAGE ON TYPE e FROM PUBLIC; GRANT SELECT ON t TO r903_r; REVOKE SELECT ON t FROM r903_r;`,
    access: () => [role('r903_r')],
    fields: (v) => ({
      [tableId('t')]: { acl: undefined },
      [identity('View', ['public', 'v'])]: { acl: withDefault('table', 'postgres', v, item('r903_r', 'SELECT', 'postgres')) },
      [identity('MaterializedView', ['public', 'm'])]: { acl: withDefault('table', 'postgres', v, item('r903_r', 'SELECT', 'postgres', true)) },
      [identity('Enum', ['public', 'e'])]: { acl: [item('postgres', 'USAGE', 'postgres')] },
    }),
  },
  {
    fixture: '103-table-maintain-grant',
    access: () => [role('r103_dba')],
    fields: (v) => ({ [tableId('events')]: { acl: withDefault('table', 'postgres', v, item('r103_dba', 'MAINTAIN', 'postgres')) } }),
  },
  {
    fixture: '162-owner-table-identity',
    access: () => [role('r162_o1'), role('r162_o2')],
    fields: () => ({ [tableId('tickets')]: { owner: 'r162_o2', acl: undefined } }),
  },
  // ───────────── the database ─────────────
  {
    fixture: '150-database-all-grant-option',
    access: () => [
      {
        kind: 'Database',
        owner: 'postgres',
        acl: [
          item('PUBLIC', 'TEMPORARY', 'postgres'),
          item('PUBLIC', 'CONNECT', 'postgres'),
          item('postgres', 'CREATE', 'postgres'),
          item('postgres', 'TEMPORARY', 'postgres'),
          item('postgres', 'CONNECT', 'postgres'),
          item('r150_dba', 'CREATE', 'postgres', true),
          item('r150_dba', 'TEMPORARY', 'postgres', true),
          item('r150_dba', 'CONNECT', 'postgres', true),
        ],
      },
      role('r150_dba'),
    ],
  },
  { fixture: '173-owner-database-change', access: () => [{ kind: 'Database', owner: 'r173_dbowner' }, role('r173_dbowner')] },
  // ───────────── default privileges ─────────────
  {
    fixture: '199-dp-for-role',
    access: (v) => [
      role('r199_owner'),
      role('r199_reader'),
      { kind: 'DefaultAcl', role: 'r199_owner', schema: '', objectType: 'tables', acl: withDefault('table', 'r199_owner', v, item('r199_reader', 'SELECT', 'r199_owner')) },
    ],
    fields: (v) => ({ [tableId('t', 'app')]: { owner: 'r199_owner', acl: withDefault('table', 'r199_owner', v, item('r199_reader', 'SELECT', 'r199_owner')) } }),
  },
  {
    fixture: '200-dp-for-role-in-schema',
    access: () => [
      role('r200_owner'),
      role('r200_reader'),
      { kind: 'DefaultAcl', role: 'r200_owner', schema: 'app', objectType: 'tables', acl: [item('r200_reader', 'SELECT', 'r200_owner')] },
    ],
    fields: (v) => ({ [tableId('t', 'app')]: { acl: withDefault('table', 'r200_owner', v, item('r200_reader', 'SELECT', 'r200_owner')) } }),
  },
  {
    fixture: '214-dp-revoke-owner-global',
    access: () => [{ kind: 'DefaultAcl', role: 'postgres', schema: '', objectType: 'tables', acl: [] }],
    // aclmerge of two empty ACLs is NULL: the table gets the built-in default after all
    fields: () => ({ [tableId('t')]: { acl: undefined } }),
  },
  {
    fixture: '217-dp-schemas',
    access: (v) => [role('r217_app'), { kind: 'DefaultAcl', role: 'postgres', schema: '', objectType: 'schemas', acl: withDefault('schema', 'postgres', v, item('r217_app', 'USAGE', 'postgres')) }],
    fields: (v) => ({ [identity('Schema', ['s1'])]: { acl: withDefault('schema', 'postgres', v, item('r217_app', 'USAGE', 'postgres')) } }),
  },
  // ───────────── row-level security ─────────────
  {
    fixture: '242-rls-force',
    access: () => [],
    fields: () => ({ [tableId('docs')]: { rowSecurity: true, forceRowSecurity: true } }),
  },
  {
    fixture: '244-rls-force-without-enable',
    access: () => [],
    fields: () => ({ [tableId('docs')]: { rowSecurity: undefined, forceRowSecurity: true } }),
  },
  {
    fixture: '248-policy-restrictive',
    access: () => [
      policy('docs', 'docs_owner', { using: 'owner = CURRENT_USER' }),
      policy('docs', 'docs_live', { permissive: false, using: 'NOT (archived)' }),
    ],
    fields: () => ({ [tableId('docs')]: { rowSecurity: true, forceRowSecurity: undefined } }),
  },
  {
    fixture: '252-policy-for-update',
    access: () => [policy('docs', 'update_own', { command: 'update', using: 'owner = CURRENT_USER', check: 'owner = CURRENT_USER AND NOT (locked)' })],
  },
  { fixture: '259-policy-to-current-user', access: () => [policy('docs', 'own', { roles: ['postgres'], using: 'owner = CURRENT_USER' })] },
  {
    fixture: '264-policy-uses-function',
    access: () => [policy('docs', 'tenant_isolation', { using: 'tenant = public.current_tenant()', check: 'tenant = public.current_tenant()' })],
  },
  {
    fixture: '276-policy-other-schema-quoted',
    access: () => [
      policy('Contacts', 'Region Filter', { schema: 'crm', command: 'select', using: "region = current_setting('app.region'::text, true)" }),
    ],
  },
  {
    name: 'policy roles sorted, insert with check only, comment',
    script: `CREATE ROLE r904_b; CREATE ROLE r904_a; CREATE TABLE t (x int);
      CREATE POLICY p ON t FOR INSERT TO r904_b, r904_a WITH CHECK (x > 0); COMMENT ON POLICY p ON t IS 'only positive';`,
    access: () => [role('r904_a'), role('r904_b'), policy('t', 'p', { command: 'insert', roles: ['r904_a', 'r904_b'], check: 'x > 0', comment: 'only positive' })],
  },
]
