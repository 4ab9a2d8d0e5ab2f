/**
 * ChangeSet → SQL script: each change is a comment line (`-- Create "users" table`), a
 * `-- destructive: …` line when it loses data, then its statement(s).
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { Change, ChangeSet, Target } from '../ir/change.js'
import { qualified, quoteIdent, quoteLiteral } from '../ir/names.js'
import type { DbObject } from '../ir/objects.js'
import { kindWord, nameOf } from '../diff/changes.js'
import { addedAfterCreate, constraintDef, createFunction, createIndex, createSql, createTrigger, createView, type PlainObject } from './sql-create.js'
import { accessHeader, accessObjectHeader, accessStatements, createAccessSql, dropAccessSql, isAccessObject } from './sql-access.js'
import { DEFAULT_EMIT_OPTIONS, type EmitOptions } from './emit-options.js'
import { onCurrentDatabase } from './sql-database.js'
import { policyTarget } from './sql-policy.js'
import { commentName } from './sql-acl.js'
import { attributeActionSql, domainActionSql, tableActionSql } from './sql-actions.js'

const objectName = (o: PlainObject): string =>
  o.kind === 'Schema' || o.kind === 'Extension'
    ? quoteIdent(o.name)
    : 'schema' in o && 'name' in o
      ? qualified(o.schema, o.name)
      : nameOf(o)

const targetSql = (t: Target): string => {
  switch (t.on) {
    case 'Schema':
      return `SCHEMA ${quoteIdent(t.name)}`
    case 'Extension':
      return `EXTENSION ${quoteIdent(t.name)}`
    case 'Table':
      return `TABLE ${qualified(t.schema, t.name)}`
    case 'View':
      return `VIEW ${qualified(t.schema, t.name)}`
    case 'MaterializedView':
      return `MATERIALIZED VIEW ${qualified(t.schema, t.name)}`
    case 'Index':
      return `INDEX ${qualified(t.schema, t.name)}`
    case 'Sequence':
      return `SEQUENCE ${qualified(t.schema, t.name)}`
    case 'Enum':
    case 'CompositeType':
      return `TYPE ${qualified(t.schema, t.name)}`
    case 'Domain':
      return `DOMAIN ${qualified(t.schema, t.name)}`
    case 'Function':
    case 'Procedure':
      return `${t.on.toUpperCase()} ${qualified(t.schema, t.name)}(${(t.args ?? []).join(', ')})`
    case 'Trigger':
      return `TRIGGER ${quoteIdent(t.name)} ON ${qualified(t.schema, t.parent ?? '')}`
    case 'Column':
      return `COLUMN ${qualified(t.schema, t.parent ?? '')}.${quoteIdent(t.name)}`
    case 'Constraint':
      return `CONSTRAINT ${quoteIdent(t.name)} ON ${qualified(t.schema, t.parent ?? '')}`
    case 'DomainConstraint':
      return `CONSTRAINT ${quoteIdent(t.name)} ON DOMAIN ${qualified(t.schema, t.parent ?? '')}`
    case 'Role':
      return `ROLE ${quoteIdent(t.name)}`
    case 'Policy':
      return policyTarget(t.name, t.schema, t.parent ?? '')
    case 'Database':
      // only reached for a named database; the current one goes through onCurrentDatabase
      return `DATABASE ${quoteIdent(t.name)}`
    default:
      return absurd(t.on)
  }
}

/** The database the migration runs in (a Target never names it). */
const isCurrentDatabase = (t: Target): boolean => t.on === 'Database' && t.name === ''

/** ALTER … OWNER TO needs the statement's own object word (a view is altered with ALTER VIEW, …). */
const ownerSql = (t: Target, owner: string): string =>
  isCurrentDatabase(t)
    ? onCurrentDatabase('ALTER DATABASE ', ` OWNER TO ${quoteIdent(owner)}`)
    : `ALTER ${targetSql(t)} OWNER TO ${quoteIdent(owner)}`

const commentSql = (t: Target, comment: string | undefined): string => {
  const is = ` IS ${comment === undefined ? 'NULL' : quoteLiteral(comment)}`
  return isCurrentDatabase(t) ? onCurrentDatabase('COMMENT ON DATABASE ', is) : `COMMENT ON ${targetSql(t)}${is}`
}

const DROP_WORD: Readonly<Record<PlainObject['kind'], string>> = {
  Schema: 'SCHEMA',
  Extension: 'EXTENSION',
  Table: 'TABLE',
  View: 'VIEW',
  MaterializedView: 'MATERIALIZED VIEW',
  Index: 'INDEX',
  Sequence: 'SEQUENCE',
  Enum: 'TYPE',
  Domain: 'DOMAIN',
  CompositeType: 'TYPE',
  Function: 'FUNCTION',
  Trigger: 'TRIGGER',
} as const

const dropSql = (o: PlainObject, cascade: boolean): string => {
  const suffix = cascade ? ' CASCADE' : ''
  switch (o.kind) {
    case 'Function':
      return `DROP ${o.routine.toUpperCase()} ${createFunctionSignature(o)}${suffix}`
    case 'Trigger':
      return `DROP TRIGGER ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}${suffix}`
    default:
      return `DROP ${DROP_WORD[o.kind]} ${objectName(o)}${suffix}`
  }
}

const createFunctionSignature = (f: Extract<DbObject, { kind: 'Function' }>): string =>
  `${qualified(f.schema, f.name)}(${f.args
    .filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic')
    .map((a) => (a.mode === 'variadic' ? `VARIADIC ${a.type}` : a.type))
    .join(', ')})`

/**
 * Statements a CREATE needs beyond the CREATE itself (constraints that cannot be inline). Row-level
 * security flags, privileges and comments are changes of their own that the diff puts after it.
 */
const afterCreate = (o: PlainObject): string[] => {
  if (o.kind === 'Table') return addedAfterCreate(o).map((k) => `ALTER TABLE ${qualified(o.schema, o.name)} ADD ${constraintDef(k)}`)
  if (o.kind === 'Domain')
    return o.checks
      .filter((c) => c.notValid)
      .map((c) => `ALTER DOMAIN ${qualified(o.schema, o.name)} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression}) NOT VALID`)
  return []
}

const header = (c: Change): string => {
  switch (c.kind) {
    case 'Create':
      if (isAccessObject(c.object)) return accessObjectHeader('Create', c.object)
      return c.object.kind === 'Index'
        ? `Create index ${commentName(c.object.name)} to table: ${commentName(c.object.table)}`
        : `Create ${commentName(nameOf(c.object))} ${kindWord(c.object)}`
    case 'Drop':
      if (isAccessObject(c.object)) return accessObjectHeader('Drop', c.object)
      return `Drop ${commentName(nameOf(c.object))} ${kindWord(c.object)}`
    case 'AlterTable':
      return `Modify ${commentName(c.name)} table`
    case 'AddEnumValue':
      return `Add value to enum type: ${commentName(c.name)}`
    case 'RenameType':
      return `Move aside ${commentName(c.name)} type`
    case 'AlterSequence':
    case 'SequenceOwnedBy':
      return `Modify ${commentName(c.name)} sequence`
    case 'ReplaceView':
      return `Modify ${commentName(c.view.name)} view`
    case 'ReplaceFunction':
      return `Modify ${commentName(c.function.name)} ${c.function.routine}`
    case 'ReplaceTrigger':
      return `Modify ${commentName(c.trigger.name)} trigger`
    case 'AlterDomain':
      return `Modify ${commentName(c.name)} domain`
    case 'AlterCompositeType':
      return `Modify ${commentName(c.name)} composite type`
    case 'AlterExtension':
      return `Modify ${commentName(c.name)} extension`
    case 'Comment':
      if (isCurrentDatabase(c.target)) return `${c.comment === undefined ? 'Remove comment from' : 'Set comment to'} the database`
      return `${c.comment === undefined ? 'Remove comment from' : 'Set comment to'} ${c.target.on.toLowerCase()}: ${c.target.parent !== undefined ? `${commentName(c.target.parent)}.` : ''}${commentName(c.target.name)}`
    case 'Owner':
      if (isCurrentDatabase(c.target)) return `Set owner of the database to ${commentName(c.owner)}`
      return `Set owner of ${c.target.on.toLowerCase()} ${commentName(c.target.name)} to ${commentName(c.owner)}`
    case 'Grant':
    case 'Revoke':
    case 'AlterRole':
    case 'RoleSetting':
    case 'AlterMembership':
    case 'AlterPolicy':
    case 'DefaultPrivileges':
      return accessHeader(c)
    default:
      return absurd(c)
  }
}

/** The statements of one change, without the terminating semicolons. */
export const changeStatements = (c: Change, opts: EmitOptions = DEFAULT_EMIT_OPTIONS): string[] => {
  switch (c.kind) {
    case 'Create':
      return isAccessObject(c.object) ? createAccessSql(c.object, opts.pgVersion) : [createSql(c.object), ...afterCreate(c.object)]
    case 'Drop':
      return isAccessObject(c.object) ? dropAccessSql(c.object, opts.pgVersion) : [dropSql(c.object, c.cascade)]
    case 'AlterTable':
      return [`ALTER TABLE ${qualified(c.schema, c.name)} ${c.actions.map((a) => tableActionSql(c.schema, c.name, a)).join(', ')}`]
    case 'AddEnumValue':
      return [
        `ALTER TYPE ${qualified(c.schema, c.name)} ADD VALUE ${quoteLiteral(c.value)}${c.before !== undefined ? ` BEFORE ${quoteLiteral(c.before)}` : c.after !== undefined ? ` AFTER ${quoteLiteral(c.after)}` : ''}`,
      ]
    case 'RenameType':
      return [`ALTER ${c.typeKind === 'Domain' ? 'DOMAIN' : 'TYPE'} ${qualified(c.schema, c.name)} RENAME TO ${quoteIdent(c.newName)}`]
    case 'AlterSequence': {
      const p = c.params
      const parts = [
        ...(p.dataType !== undefined ? [`AS ${p.dataType}`] : []),
        ...(p.increment !== undefined ? [`INCREMENT BY ${p.increment}`] : []),
        ...(p.minValue !== undefined ? [`MINVALUE ${p.minValue}`] : []),
        ...(p.maxValue !== undefined ? [`MAXVALUE ${p.maxValue}`] : []),
        ...(p.start !== undefined ? [`START WITH ${p.start}`] : []),
        ...(p.cache !== undefined ? [`CACHE ${p.cache}`] : []),
        ...(p.cycle !== undefined ? [p.cycle ? 'CYCLE' : 'NO CYCLE'] : []),
      ]
      const name = qualified(c.schema, c.name)
      return [
        ...(p.atLeast !== undefined ? [`SELECT setval(${quoteLiteral(name)}, greatest(last_value, ${p.atLeast}), is_called) FROM ${name}`] : []),
        ...(p.atMost !== undefined ? [`SELECT setval(${quoteLiteral(name)}, least(last_value, ${p.atMost}), is_called) FROM ${name}`] : []),
        ...(parts.length ? [`ALTER SEQUENCE ${name} ${parts.join(' ')}`] : []),
        ...(p.persistence !== undefined ? [`ALTER SEQUENCE ${name} SET ${p.persistence === 'unlogged' ? 'UNLOGGED' : 'LOGGED'}`] : []),
      ]
    }
    case 'SequenceOwnedBy':
      return [
        `ALTER SEQUENCE ${qualified(c.schema, c.name)} OWNED BY ${c.ownedBy ? `${qualified(c.ownedBy.schema, c.ownedBy.table)}.${quoteIdent(c.ownedBy.column)}` : 'NONE'}`,
      ]
    case 'ReplaceView':
      return [createView(c.view, true)]
    case 'ReplaceFunction':
      return [createFunction(c.function, true)]
    case 'ReplaceTrigger':
      return [createTrigger(c.trigger, true)]
    case 'AlterDomain':
      return c.actions.map((a) => `ALTER DOMAIN ${qualified(c.schema, c.name)} ${domainActionSql(a)}`)
    case 'AlterCompositeType':
      return [`ALTER TYPE ${qualified(c.schema, c.name)} ${c.actions.map(attributeActionSql).join(', ')}`]
    case 'AlterExtension':
      return [`ALTER EXTENSION ${quoteIdent(c.name)} UPDATE TO ${quoteLiteral(c.version)}`]
    case 'Comment':
      return [commentSql(c.target, c.comment)]
    case 'Owner':
      return [ownerSql(c.target, c.owner)]
    case 'Grant':
    case 'Revoke':
    case 'AlterRole':
    case 'RoleSetting':
    case 'AlterMembership':
    case 'AlterPolicy':
    case 'DefaultPrivileges':
      return accessStatements(c, opts.pgVersion)
    default:
      return absurd(c)
  }
}

/** One change as SQL text: comment lines, then statements each ending in `;`. */
export const changeSql = (c: Change, opts: EmitOptions = DEFAULT_EMIT_OPTIONS): string =>
  [
    `-- ${header(c)}`,
    ...(c.destructive !== undefined ? [`-- destructive: ${c.destructive.replace(/[\r\n\u2028\u2029]+/g, ' ')}`] : []),
    ...changeStatements(c, opts).map((s) => `${s};`),
  ].join('\n')

/** Printed before the first `ALTER TYPE … ADD VALUE` that other statements follow. */
export const ADD_VALUE_NOTE =
  '-- note: ALTER TYPE … ADD VALUE must be committed before the new value is used; run this migration outside a single transaction'

/**
 * The change before which ADD_VALUE_NOTE goes, if any: the first AddEnumValue followed by a change
 * that is not one (any later statement may use the new value; ADD VALUE … AFTER a value added in
 * the same transaction is fine, so a run of ADD VALUEs alone needs no note).
 */
const addValueNoteAt = (cs: ReadonlyArray<Change>): number => {
  const first = cs.findIndex((c) => c.kind === 'AddEnumValue')
  return first >= 0 && cs.slice(first + 1).some((c) => c.kind !== 'AddEnumValue') ? first : -1
}

/** A ChangeSet as a SQL script (empty string for no changes). */
export const emitSql = (changes: ChangeSet, opts: EmitOptions = DEFAULT_EMIT_OPTIONS): string => {
  const note = addValueNoteAt(changes.changes)
  return changes.changes.map((c, i) => `${i === note ? `${ADD_VALUE_NOTE}\n` : ''}${changeSql(c, opts)}\n`).join('')
}

export { createIndex, tableActionSql }
