/**
 * The IR: one io-ts codec per object kind; the TypeScript types are derived from the codecs so
 * that the JSON codec and the types can never disagree.
 *
 * Conventions every producer (SQL interpreter, HCL evaluator, inspection) follows:
 * - Names are stored unquoted, exactly as PostgreSQL stores them (folded to lower case unless quoted).
 * - A type reference (`TypeRef`) is the canonical text `format_type()` would print with an empty
 *   search_path: built-in types by their SQL name (`integer`, `character varying(20)`,
 *   `timestamp with time zone`, `numeric(10,2)`, `text[]`), every other type schema-qualified and
 *   quoted as needed (`public.mood`, `"My Schema"."T"[]`).
 * - An expression (`Expr`) is canonical SQL text: the libpg-query AST of the expression, locations
 *   stripped, printed once by the deparser. Two expressions are equal exactly when their texts are.
 * - Stored expressions (column defaults, generated columns, checks, index expressions and
 *   predicates, domain defaults and checks) are in the server's normal form: what
 *   `pg_get_expr` prints with an empty search_path (implicit casts of literals made explicit,
 *   `IN (…)` as `= ANY (ARRAY[…])`, `BETWEEN` expanded, user functions, types and regclass
 *   literals schema-qualified), then made canonical. Where the type of a subexpression cannot be
 *   known offline, the SQL interpreter keeps the user's text for it (see normalize/server-form.ts).
 * - View and materialized view queries are canonical `pg_get_viewdef` text: relations and user
 *   functions schema-qualified as they resolved when the view was created.
 * - Index keys, exclusion elements and partition keys: a column name (quoted as needed) or a
 *   parenthesised canonical expression.
 * - A collation or operator class reference is SQL text: each name part quoted as needed and
 *   joined by `.`, the schema left out for `pg_catalog` (`"C"`, `"en_US.utf8"`, `public."MyColl"`,
 *   `text_pattern_ops`, `public."MyOps"`); it is printed as is.
 * - A function's `cost` and `rows` are present only when they differ from PostgreSQL's defaults
 *   (cost 1 for C/internal functions, 100 otherwise; rows 1000 for set-returning functions).
 * - An extension's `comment` is its control file's comment unless COMMENT ON changed it; domain checks are in name order; a SQL-standard routine body is canonical deparsed text.
 * - Optional fields are absent, never `undefined`, so that structural equality is plain.
 * - `span` is where the object was declared; it never takes part in equality.
 * - ACLs (`acl`) are sets of per-privilege items in canonical order (see normalize/acl.ts): grantee,
 *   then grantor, then privilege in the server's letter order `arwdDxtXUCTcm`. An object's `acl` is
 *   absent exactly when it equals the built-in default for its kind, owner and server version
 *   (`acldefault`), so that absent and explicit-but-default compare equal; `effectiveAcl` expands it.
 *   A column's `acl` holds only column-level privileges and is absent when there are none.
 *   `PUBLIC` is the grantee name of the pseudo-role.
 * - Roles are cluster-wide: a Role object is a role the schema declares (managed); a role that is
 *   only referenced (owner, grantee, policy role, member) is external and has no object.
 *   Passwords are never part of the IR.
 */
import * as t from 'io-ts'
import { Span } from './span.js'

const ro = <P extends t.Props>(props: P) => t.readonly(t.type(props))
const roOpt = <P extends t.Props, O extends t.Props>(props: P, optional: O) =>
  t.readonly(t.intersection([t.type(props), t.partial(optional)]))
const list = <C extends t.Mixed>(c: C) => t.readonlyArray(c)

export const Expr = t.string
export type Expr = t.TypeOf<typeof Expr>
export const TypeRef = t.string
export type TypeRef = t.TypeOf<typeof TypeRef>

export const QualifiedName = ro({ schema: t.string, name: t.string })
export type QualifiedName = t.TypeOf<typeof QualifiedName>

// ───────────────────────────── privileges ─────────────────────────────

/** A privilege keyword as GRANT spells it. */
export const Privilege = t.keyof({
  INSERT: null,
  SELECT: null,
  UPDATE: null,
  DELETE: null,
  TRUNCATE: null,
  REFERENCES: null,
  TRIGGER: null,
  EXECUTE: null,
  USAGE: null,
  CREATE: null,
  TEMPORARY: null,
  CONNECT: null,
  MAINTAIN: null,
})
export type Privilege = t.TypeOf<typeof Privilege>

/**
 * One privilege held by `grantee` (a role name or `PUBLIC`), recorded as granted by `grantor`;
 * `grantable` is WITH GRANT OPTION. The same privilege from two grantors is two items.
 */
export const AclItem = ro({ grantee: t.string, privilege: Privilege, grantable: t.boolean, grantor: t.string })
export type AclItem = t.TypeOf<typeof AclItem>
export const Acl = list(AclItem)
export type Acl = t.TypeOf<typeof Acl>

/** Fields shared by every object; `comment` is COMMENT ON, `owner` the owning role. */
const common = { span: Span, comment: t.string }
/** Securable objects: `acl` absent = the built-in default (see the header). */
const securable = { ...common, acl: Acl }

// ───────────────────────────── schemas and extensions ─────────────────────────────

export const Schema = roOpt({ kind: t.literal('Schema'), name: t.string, owner: t.string }, securable)
export type Schema = t.TypeOf<typeof Schema>

export const Extension = roOpt(
  { kind: t.literal('Extension'), name: t.string, schema: t.string },
  { ...common, version: t.string },
)
export type Extension = t.TypeOf<typeof Extension>

// ───────────────────────────── tables ─────────────────────────────

/**
 * GENERATED … AS IDENTITY. The implicit sequence is not an object of its own: its name and its full
 * parameters (defaults for the column type filled in) live here, values as decimal strings.
 */
export const Identity = ro({
  generation: t.keyof({ always: null, 'by default': null }),
  sequence: t.string,
  start: t.string,
  increment: t.string,
  minValue: t.string,
  maxValue: t.string,
  cache: t.string,
  cycle: t.boolean,
})
export type Identity = t.TypeOf<typeof Identity>

export const Column = roOpt(
  { name: t.string, type: TypeRef, notNull: t.boolean },
  {
    ...common,
    default: Expr,
    identity: Identity,
    /** GENERATED ALWAYS AS (expr) STORED */
    generated: Expr,
    collation: t.string,
    /** column-level privileges (GRANT SELECT (col) …); absent when none */
    acl: Acl,
  },
)
export type Column = t.TypeOf<typeof Column>

export const FkAction = t.keyof({
  'no action': null,
  restrict: null,
  cascade: null,
  'set null': null,
  'set default': null,
})
export type FkAction = t.TypeOf<typeof FkAction>

const constraintCommon = {
  name: t.string,
  deferrable: t.boolean,
  initiallyDeferred: t.boolean,
}
const constraintOptional = { span: Span, comment: t.string }

export const PrimaryKey = roOpt(
  { kind: t.literal('PrimaryKey'), ...constraintCommon, columns: list(t.string) },
  { ...constraintOptional, include: list(t.string) },
)
export const Unique = roOpt(
  { kind: t.literal('Unique'), ...constraintCommon, columns: list(t.string), nullsNotDistinct: t.boolean },
  { ...constraintOptional, include: list(t.string) },
)
export const Check = roOpt(
  { kind: t.literal('Check'), ...constraintCommon, expression: Expr, notValid: t.boolean, noInherit: t.boolean },
  constraintOptional,
)
export const ForeignKey = roOpt(
  {
    kind: t.literal('ForeignKey'),
    ...constraintCommon,
    columns: list(t.string),
    references: QualifiedName,
    referencedColumns: list(t.string),
    onDelete: FkAction,
    onUpdate: FkAction,
    match: t.keyof({ simple: null, full: null }),
    notValid: t.boolean,
  },
  constraintOptional,
)
export const ExclusionElement = ro({ expression: Expr, operator: t.string })
export const Exclusion = roOpt(
  { kind: t.literal('Exclusion'), ...constraintCommon, method: t.string, elements: list(ExclusionElement) },
  { ...constraintOptional, where: Expr, include: list(t.string) },
)
export const Constraint = t.union([PrimaryKey, Unique, Check, ForeignKey, Exclusion])
export type Constraint = t.TypeOf<typeof Constraint>
export type PrimaryKey = t.TypeOf<typeof PrimaryKey>
export type Unique = t.TypeOf<typeof Unique>
export type Check = t.TypeOf<typeof Check>
export type ForeignKey = t.TypeOf<typeof ForeignKey>
export type Exclusion = t.TypeOf<typeof Exclusion>

export const PartitionStrategy = t.keyof({ range: null, list: null, hash: null })
/** PARTITION BY: each key is a column name or a parenthesised expression, with optional opclass/collation. */
export const PartitionKey = roOpt({ expression: Expr }, { collation: t.string, opclass: t.string })
export const PartitionBy = ro({ strategy: PartitionStrategy, keys: list(PartitionKey) })
export type PartitionBy = t.TypeOf<typeof PartitionBy>
/** PARTITION OF parent FOR VALUES …: `bound` is the canonical bound text (`FOR VALUES FROM (1) TO (10)`, `DEFAULT`). */
export const PartitionOf = ro({ parent: QualifiedName, bound: t.string })
export type PartitionOf = t.TypeOf<typeof PartitionOf>

export const Table = roOpt(
  {
    kind: t.literal('Table'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    persistence: t.keyof({ permanent: null, unlogged: null }),
    columns: list(Column),
    constraints: list(Constraint),
  },
  {
    ...securable,
    partitionBy: PartitionBy,
    partitionOf: PartitionOf,
    /** storage parameters, WITH (fillfactor=70) */
    options: t.readonly(t.record(t.string, t.string)),
    /** ENABLE ROW LEVEL SECURITY (absent when disabled) */
    rowSecurity: t.literal(true),
    /** FORCE ROW LEVEL SECURITY (absent when not forced; independent of rowSecurity) */
    forceRowSecurity: t.literal(true),
  },
)
export type Table = t.TypeOf<typeof Table>

// ───────────────────────────── indexes ─────────────────────────────

export const IndexKey = roOpt(
  {
    /** a column name (quoted as needed) or a parenthesised expression, canonical */
    expression: Expr,
    descending: t.boolean,
    /** nulls first/last, only when it differs from the default for the ordering */
    nullsFirst: t.boolean,
  },
  { opclass: t.string, collation: t.string },
)
export type IndexKey = t.TypeOf<typeof IndexKey>

export const Index = roOpt(
  {
    kind: t.literal('Index'),
    schema: t.string,
    name: t.string,
    table: t.string,
    unique: t.boolean,
    method: t.string,
    keys: list(IndexKey),
    include: list(t.string),
    nullsNotDistinct: t.boolean,
  },
  { ...common, where: Expr, options: t.readonly(t.record(t.string, t.string)) },
)
export type Index = t.TypeOf<typeof Index>

// ───────────────────────────── views ─────────────────────────────

export const View = roOpt(
  {
    kind: t.literal('View'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    /** canonical SELECT text */
    query: Expr,
    /** output column names, in order (from an explicit column list or the query's targets) */
    columns: list(t.string),
  },
  {
    ...securable,
    checkOption: t.keyof({ local: null, cascaded: null }),
    securityBarrier: t.boolean,
    securityInvoker: t.boolean,
    columnComments: t.readonly(t.record(t.string, t.string)),
    /** column-level privileges by column name (only columns that have some) */
    columnAcls: t.readonly(t.record(t.string, Acl)),
  },
)
export type View = t.TypeOf<typeof View>

export const MaterializedView = roOpt(
  {
    kind: t.literal('MaterializedView'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    query: Expr,
    columns: list(t.string),
    withData: t.boolean,
  },
  { ...securable, columnComments: t.readonly(t.record(t.string, t.string)), columnAcls: t.readonly(t.record(t.string, Acl)) },
)
export type MaterializedView = t.TypeOf<typeof MaterializedView>

// ───────────────────────────── sequences ─────────────────────────────

export const Sequence = roOpt(
  {
    kind: t.literal('Sequence'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    dataType: TypeRef,
    /** bigint values as decimal strings, so the full range survives JSON */
    start: t.string,
    increment: t.string,
    minValue: t.string,
    maxValue: t.string,
    cache: t.string,
    cycle: t.boolean,
    persistence: t.keyof({ permanent: null, unlogged: null }),
  },
  {
    ...securable,
    /** OWNED BY table.column (serial and identity sequences, or explicit) */
    ownedBy: ro({ schema: t.string, table: t.string, column: t.string }),
  },
)
export type Sequence = t.TypeOf<typeof Sequence>

// ───────────────────────────── types ─────────────────────────────

export const Enum = roOpt(
  { kind: t.literal('Enum'), schema: t.string, name: t.string, owner: t.string, values: list(t.string) },
  securable,
)
export type Enum = t.TypeOf<typeof Enum>

export const DomainCheck = roOpt({ name: t.string, expression: Expr, notValid: t.boolean }, { comment: t.string })
export const Domain = roOpt(
  {
    kind: t.literal('Domain'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    baseType: TypeRef,
    notNull: t.boolean,
    checks: list(DomainCheck),
  },
  { ...securable, default: Expr, collation: t.string },
)
export type Domain = t.TypeOf<typeof Domain>

export const CompositeAttribute = roOpt({ name: t.string, type: TypeRef }, { collation: t.string, comment: t.string })
export const CompositeType = roOpt(
  {
    kind: t.literal('CompositeType'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    attributes: list(CompositeAttribute),
  },
  securable,
)
export type CompositeType = t.TypeOf<typeof CompositeType>

// ───────────────────────────── routines ─────────────────────────────

export const ArgMode = t.keyof({ in: null, out: null, inout: null, variadic: null, table: null })
export type ArgMode = t.TypeOf<typeof ArgMode>
export const FunctionArg = roOpt({ mode: ArgMode, type: TypeRef }, { name: t.string, default: Expr })
export type FunctionArg = t.TypeOf<typeof FunctionArg>

export const Function = roOpt(
  {
    kind: t.literal('Function'),
    schema: t.string,
    name: t.string,
    owner: t.string,
    routine: t.keyof({ function: null, procedure: null }),
    /** all arguments in declaration order, including OUT and TABLE columns */
    args: list(FunctionArg),
    language: t.string,
    /** the body exactly as PostgreSQL stores it (prosrc), or the SQL-standard body text */
    body: t.string,
    volatility: t.keyof({ immutable: null, stable: null, volatile: null }),
    strict: t.boolean,
    securityDefiner: t.boolean,
    leakproof: t.boolean,
    parallel: t.keyof({ safe: null, restricted: null, unsafe: null }),
    /** SET configuration_parameter = value, in order */
    config: list(ro({ name: t.string, value: t.string })),
  },
  {
    ...securable,
    /** canonical return type; `SETOF x` for set-returning, `TABLE(...)` is expressed by mode 'table' args */
    returns: TypeRef,
    returnsSet: t.boolean,
    cost: t.string,
    rows: t.string,
    /** body is a SQL-standard body (BEGIN ATOMIC … END / RETURN expr) rather than a string */
    sqlBody: t.boolean,
  },
)
export type Function = t.TypeOf<typeof Function>

// ───────────────────────────── triggers ─────────────────────────────

export const Trigger = roOpt(
  {
    kind: t.literal('Trigger'),
    schema: t.string,
    table: t.string,
    name: t.string,
    timing: t.keyof({ before: null, after: null, 'instead of': null }),
    events: list(t.keyof({ insert: null, update: null, delete: null, truncate: null })),
    /** UPDATE OF columns */
    columns: list(t.string),
    forEach: t.keyof({ row: null, statement: null }),
    function: QualifiedName,
    arguments: list(t.string),
    constraint: t.boolean,
    deferrable: t.boolean,
    initiallyDeferred: t.boolean,
    enabled: t.keyof({ origin: null, disabled: null, replica: null, always: null }),
  },
  {
    ...common,
    when: Expr,
    referencingOld: t.string,
    referencingNew: t.string,
  },
)
export type Trigger = t.TypeOf<typeof Trigger>

// ───────────────────────────── access control ─────────────────────────────

/** `ALTER ROLE r [IN DATABASE d] SET name = value`; `value` as the server stores it (setconfig). */
export const RoleSetting = ro({ name: t.string, value: t.string, inDatabase: t.boolean })
export type RoleSetting = t.TypeOf<typeof RoleSetting>

/**
 * A managed role (CREATE ROLE / USER / GROUP). `connectionLimit` -1 is unlimited; `validUntil` is
 * the timestamp as the server prints it in UTC (`2030-01-01 00:00:00+00`, `-infinity`), absent for no limit
 * (`infinity` is stored as absent: a role's limit can be set to infinity but never back to NULL); `settings`
 * are in (inDatabase, name) order. A password is never stored.
 */
/** The attributes of a role (shared with the AlterRole change, which sets some of them). */
export const roleAttributes = {
  superuser: t.boolean,
  createDb: t.boolean,
  createRole: t.boolean,
  inherit: t.boolean,
  login: t.boolean,
  replication: t.boolean,
  bypassRls: t.boolean,
  connectionLimit: t.number,
}
export const Role = roOpt(
  { kind: t.literal('Role'), name: t.string, ...roleAttributes },
  { span: Span, comment: t.string, validUntil: t.string, settings: list(RoleSetting) },
)
export type Role = t.TypeOf<typeof Role>

/**
 * `GRANT role TO member`. `inherit` and `set` are the PostgreSQL 16+ options (on 15 they are always
 * true: inheritance is the member's INHERIT attribute there). The grantor is not modelled.
 */
export const Membership = roOpt(
  { kind: t.literal('Membership'), role: t.string, member: t.string, admin: t.boolean, inherit: t.boolean, set: t.boolean },
  { span: Span },
)
export type Membership = t.TypeOf<typeof Membership>

export const DefaultAclObjectType = t.keyof({ tables: null, sequences: null, functions: null, types: null, schemas: null })
export type DefaultAclObjectType = t.TypeOf<typeof DefaultAclObjectType>

/**
 * A pg_default_acl row: `ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] …`. `schema` is
 * empty for the global entry, which holds the whole ACL new objects get (owner included); a
 * per-schema entry holds only what is added to the global (or built-in) one. A global entry equal
 * to the built-in default, and an empty per-schema entry, do not exist.
 */
export const DefaultAcl = roOpt(
  { kind: t.literal('DefaultAcl'), role: t.string, schema: t.string, objectType: DefaultAclObjectType, acl: Acl },
  { span: Span },
)
export type DefaultAcl = t.TypeOf<typeof DefaultAcl>

export const PolicyCommand = t.keyof({ all: null, select: null, insert: null, update: null, delete: null })
export type PolicyCommand = t.TypeOf<typeof PolicyCommand>

/**
 * CREATE POLICY name ON schema.table. `roles` sorted, `PUBLIC` alone when the policy applies to
 * everyone; CURRENT_USER / CURRENT_ROLE / SESSION_USER are resolved to the role they named when
 * the policy was created, as the server does. `using` and `check` are in server normal form.
 */
export const Policy = roOpt(
  {
    kind: t.literal('Policy'),
    schema: t.string,
    table: t.string,
    name: t.string,
    permissive: t.boolean,
    command: PolicyCommand,
    roles: list(t.string),
  },
  { ...common, using: Expr, check: Expr },
)
export type Policy = t.TypeOf<typeof Policy>

/**
 * The database the schema is loaded into (never named: a schema file describes whichever database
 * runs it). Present only when something about it is declared: an owner other than the role the
 * files run as, or a non-default ACL.
 */
export const Database = roOpt({ kind: t.literal('Database'), owner: t.string }, securable)
export type Database = t.TypeOf<typeof Database>

// ───────────────────────────── the union ─────────────────────────────

export const DbObject = t.union([
  Schema,
  Extension,
  Table,
  Index,
  View,
  MaterializedView,
  Sequence,
  Enum,
  Domain,
  CompositeType,
  Function,
  Trigger,
  Role,
  Membership,
  DefaultAcl,
  Policy,
  Database,
])
export type DbObject = t.TypeOf<typeof DbObject>
export type DbObjectKind = DbObject['kind']
export type ObjectOfKind<K extends DbObjectKind> = Extract<DbObject, { kind: K }>
