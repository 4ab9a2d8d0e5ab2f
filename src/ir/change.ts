/**
 * The Change and ChangeSet values: what `diff` returns and emitters print.
 *
 * A change is structured data, never SQL text. Every change carries a short human `summary` and,
 * when applying it loses data or may break clients, `destructive` with the reason. A ChangeSet is
 * ordered: applying its changes in order takes the `from` state to the `to` state.
 */
import * as t from 'io-ts'
import {
  Column,
  DefaultAclObjectType,
  Membership,
  Privilege,
  roleAttributes,
  Constraint,
  DbObject,
  DomainCheck,
  CompositeAttribute,
  Expr,
  Function as Routine,
  Identity,
  QualifiedName,
  Trigger,
  TypeRef,
  View,
} from './objects.js'

const ro = <P extends t.Props>(props: P) => t.readonly(t.type(props))
const roOpt = <P extends t.Props, O extends t.Props>(props: P, optional: O) =>
  t.readonly(t.intersection([t.type(props), t.partial(optional)]))
const list = <C extends t.Mixed>(c: C) => t.readonlyArray(c)

// ───────────────────────────── ALTER TABLE actions ─────────────────────────────

export const TableAction = t.union([
  ro({ kind: t.literal('AddColumn'), column: Column }),
  ro({ kind: t.literal('DropColumn'), column: t.string }),
  roOpt({ kind: t.literal('AlterColumnType'), column: t.string, type: TypeRef }, { collation: t.string, using: Expr }),
  ro({ kind: t.literal('SetDefault'), column: t.string, expression: Expr }),
  ro({ kind: t.literal('DropDefault'), column: t.string }),
  ro({ kind: t.literal('SetNotNull'), column: t.string }),
  ro({ kind: t.literal('DropNotNull'), column: t.string }),
  ro({ kind: t.literal('AddIdentity'), column: t.string, identity: Identity }),
  /** identity parameters changed (SET GENERATED …, SET INCREMENT BY …, …) */
  ro({ kind: t.literal('SetIdentity'), column: t.string, identity: Identity }),
  ro({ kind: t.literal('DropIdentity'), column: t.string }),
  /** PostgreSQL 17+: ALTER COLUMN … SET EXPRESSION AS (…) */
  ro({ kind: t.literal('SetExpression'), column: t.string, expression: Expr }),
  /** a generated column becomes a plain one (ALTER COLUMN … DROP EXPRESSION) */
  ro({ kind: t.literal('DropExpression'), column: t.string }),
  ro({ kind: t.literal('AddConstraint'), constraint: Constraint }),
  ro({ kind: t.literal('DropConstraint'), constraint: t.string }),
  ro({ kind: t.literal('ValidateConstraint'), constraint: t.string }),
  ro({ kind: t.literal('SetPersistence'), persistence: t.keyof({ permanent: null, unlogged: null }) }),
  ro({ kind: t.literal('SetOptions'), options: t.readonly(t.record(t.string, t.string)) }),
  ro({ kind: t.literal('ResetOptions'), options: list(t.string) }),
  ro({ kind: t.literal('AttachPartition'), partition: QualifiedName, bound: t.string }),
  ro({ kind: t.literal('DetachPartition'), partition: QualifiedName }),
  /** ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS TRIGGER */
  /** ENABLE / DISABLE ROW LEVEL SECURITY */
  ro({ kind: t.literal('SetRowSecurity'), enabled: t.boolean }),
  /** FORCE / NO FORCE ROW LEVEL SECURITY */
  ro({ kind: t.literal('SetForceRowSecurity'), forced: t.boolean }),
  ro({
    kind: t.literal('SetTriggerEnabled'),
    trigger: t.string,
    enabled: t.keyof({ origin: null, disabled: null, replica: null, always: null }),
  }),
])
export type TableAction = t.TypeOf<typeof TableAction>

// ───────────────────────────── ALTER DOMAIN / ALTER TYPE actions ─────────────────────────────

export const DomainAction = t.union([
  ro({ kind: t.literal('SetDefault'), expression: Expr }),
  ro({ kind: t.literal('DropDefault') }),
  ro({ kind: t.literal('SetNotNull') }),
  ro({ kind: t.literal('DropNotNull') }),
  ro({ kind: t.literal('AddCheck'), check: DomainCheck }),
  ro({ kind: t.literal('DropCheck'), check: t.string }),
  ro({ kind: t.literal('ValidateCheck'), check: t.string }),
])
export type DomainAction = t.TypeOf<typeof DomainAction>

export const AttributeAction = t.union([
  ro({ kind: t.literal('AddAttribute'), attribute: CompositeAttribute }),
  ro({ kind: t.literal('DropAttribute'), attribute: t.string }),
  roOpt({ kind: t.literal('AlterAttributeType'), attribute: t.string, type: TypeRef }, { collation: t.string }),
])
export type AttributeAction = t.TypeOf<typeof AttributeAction>

// ───────────────────────────── targets of COMMENT ON / OWNER TO ─────────────────────────────

export const TargetKind = t.keyof({
  Schema: null,
  Extension: null,
  Table: null,
  View: null,
  MaterializedView: null,
  Index: null,
  Sequence: null,
  Enum: null,
  Domain: null,
  CompositeType: null,
  Function: null,
  Procedure: null,
  Trigger: null,
  Column: null,
  Constraint: null,
  /** a CHECK constraint of a domain (`parent` is the domain) */
  DomainConstraint: null,
  /** the database the migration runs in (never named: emitted with current_database()) */
  Database: null,
  Role: null,
  /** a policy (`parent` is its table) */
  Policy: null,
})
export type TargetKind = t.TypeOf<typeof TargetKind>

/**
 * What a COMMENT or OWNER change is about. `schema` is empty for schemas and extensions; `parent`
 * is the table of a column, constraint or trigger (the composite type of an attribute, as a Column; the domain of a DomainConstraint); `args` the signature of a routine.
 */
export const Target = roOpt({ on: TargetKind, schema: t.string, name: t.string }, { parent: t.string, args: list(TypeRef) })
export type Target = t.TypeOf<typeof Target>

// ───────────────────────────── sequence parameters ─────────────────────────────

export const SequenceParams = t.readonly(
  t.partial({
    dataType: TypeRef,
    start: t.string,
    increment: t.string,
    minValue: t.string,
    maxValue: t.string,
    cache: t.string,
    cycle: t.boolean,
    persistence: t.keyof({ permanent: null, unlogged: null }),
    /**
     * move the current value forward to at least / at most this before the bounds narrow (an unused
     * ascending sequence sits below a raised MINVALUE; it never moves backwards)
     */
    atLeast: t.string,
    atMost: t.string,
  }),
)
export type SequenceParams = t.TypeOf<typeof SequenceParams>

// ───────────────────────────── access control ─────────────────────────────

/** Role attributes an ALTER ROLE sets (only the ones that change). */
export const RoleAttributes = t.readonly(
  t.partial({
    ...roleAttributes,
    /** absent from the object = no limit; here the string `infinity` resets it */
    validUntil: t.string,
  }),
)
export type RoleAttributes = t.TypeOf<typeof RoleAttributes>

// ───────────────────────────── the Change union ─────────────────────────────

const meta = { summary: t.string }
const metaOpt = { destructive: t.string }

export const Change = t.union([
  /** CREATE of any object (a table without its deferred foreign keys, comments and owner: those are separate changes) */
  roOpt({ kind: t.literal('Create'), object: DbObject, ...meta }, metaOpt),
  /** DROP of any object; `cascade` only for a schema whose whole content goes with it */
  roOpt({ kind: t.literal('Drop'), object: DbObject, cascade: t.boolean, ...meta }, metaOpt),
  roOpt({ kind: t.literal('AlterTable'), schema: t.string, name: t.string, actions: list(TableAction), ...meta }, metaOpt),
  roOpt(
    { kind: t.literal('AddEnumValue'), schema: t.string, name: t.string, value: t.string, ...meta },
    { ...metaOpt, before: t.string, after: t.string },
  ),
  /** moves a type aside before it is recreated (the old one is dropped once nothing uses it) */
  roOpt(
    {
      kind: t.literal('RenameType'),
      typeKind: t.keyof({ Enum: null, Domain: null, CompositeType: null }),
      schema: t.string,
      name: t.string,
      newName: t.string,
      ...meta,
    },
    metaOpt,
  ),
  roOpt({ kind: t.literal('AlterSequence'), schema: t.string, name: t.string, params: SequenceParams, ...meta }, metaOpt),
  /** ALTER SEQUENCE … OWNED BY table.column, or OWNED BY NONE when `ownedBy` is absent */
  roOpt(
    { kind: t.literal('SequenceOwnedBy'), schema: t.string, name: t.string, ...meta },
    { ...metaOpt, ownedBy: ro({ schema: t.string, table: t.string, column: t.string }) },
  ),
  roOpt({ kind: t.literal('ReplaceView'), view: View, ...meta }, metaOpt),
  roOpt({ kind: t.literal('ReplaceFunction'), function: Routine, ...meta }, metaOpt),
  roOpt({ kind: t.literal('ReplaceTrigger'), trigger: Trigger, ...meta }, metaOpt),
  roOpt({ kind: t.literal('AlterDomain'), schema: t.string, name: t.string, actions: list(DomainAction), ...meta }, metaOpt),
  roOpt(
    { kind: t.literal('AlterCompositeType'), schema: t.string, name: t.string, actions: list(AttributeAction), ...meta },
    metaOpt,
  ),
  roOpt({ kind: t.literal('AlterExtension'), name: t.string, version: t.string, ...meta }, metaOpt),
  /** COMMENT ON … IS '…', or IS NULL when `comment` is absent */
  roOpt({ kind: t.literal('Comment'), target: Target, ...meta }, { ...metaOpt, comment: t.string }),
  roOpt({ kind: t.literal('Owner'), target: Target, owner: t.string, ...meta }, metaOpt),
  /**
   * GRANT privileges ON target [(columns)] TO grantee [WITH GRANT OPTION]. `grantor` is present when
   * the grant must be recorded as made by a role other than the owner (emitted under SET ROLE).
   * Privileges are in canonical order.
   */
  roOpt(
    { kind: t.literal('Grant'), target: Target, grantee: t.string, privileges: list(Privilege), grantable: t.boolean, ...meta },
    {
      ...metaOpt,
      columns: list(t.string),
      grantor: t.string,
      /**
       * the object's schema, when the grantor has no USAGE on it in the target state: the grantor
       * cannot name the object without it, so USAGE is lent for the statement and taken back
       */
      lendUsage: t.string,
    },
  ),
  /** REVOKE [GRANT OPTION FOR] privileges ON target [(columns)] FROM grantee [CASCADE]; `grantor` as for Grant */
  roOpt(
    {
      kind: t.literal('Revoke'),
      target: Target,
      grantee: t.string,
      privileges: list(Privilege),
      grantOptionOnly: t.boolean,
      cascade: t.boolean,
      ...meta,
    },
    { ...metaOpt, columns: list(t.string), grantor: t.string, lendUsage: t.string },
  ),
  /** ALTER ROLE name WITH the attributes that change */
  roOpt({ kind: t.literal('AlterRole'), name: t.string, attributes: RoleAttributes, ...meta }, metaOpt),
  /** ALTER ROLE role [IN DATABASE current] SET name = value, or RESET name when `value` is absent */
  roOpt(
    { kind: t.literal('RoleSetting'), role: t.string, name: t.string, inDatabase: t.boolean, ...meta },
    { ...metaOpt, value: t.string },
  ),
  /** the options of an existing membership change (ADMIN on every version; INHERIT and SET on 16+) */
  roOpt({ kind: t.literal('AlterMembership'), from: Membership, to: Membership, ...meta }, metaOpt),
  /** ALTER POLICY name ON schema.table with what changes (TO roles, USING, WITH CHECK) */
  roOpt(
    { kind: t.literal('AlterPolicy'), schema: t.string, table: t.string, name: t.string, ...meta },
    { ...metaOpt, roles: list(t.string), using: Expr, check: Expr },
  ),
  /**
   * ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] GRANT|REVOKE privileges ON objectType
   * TO|FROM grantee. `schema` empty = global. For a grant `grantable` is WITH GRANT OPTION; for a
   * revoke it means REVOKE GRANT OPTION FOR (the privilege itself stays).
   */
  roOpt(
    {
      kind: t.literal('DefaultPrivileges'),
      role: t.string,
      schema: t.string,
      objectType: DefaultAclObjectType,
      action: t.keyof({ grant: null, revoke: null }),
      grantee: t.string,
      privileges: list(Privilege),
      grantable: t.boolean,
      ...meta,
    },
    metaOpt,
  ),
])
export type Change = t.TypeOf<typeof Change>
export type ChangeKind = Change['kind']

/** An ordered list of changes. */
export const ChangeSet = t.readonly(t.type({ changes: list(Change) }))
export type ChangeSet = t.TypeOf<typeof ChangeSet>

export const changeSet = (changes: ReadonlyArray<Change>): ChangeSet => Object.freeze({ changes: Object.freeze([...changes]) })

/** True when any change in the set loses data or may fail on existing data. */
export const isDestructive = (cs: ChangeSet): boolean => cs.changes.some((c) => c.destructive !== undefined)
