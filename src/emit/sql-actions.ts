/** The clauses of ALTER TABLE, ALTER DOMAIN and ALTER TYPE (composite attributes), one per action. */
import { absurd } from 'fp-ts/lib/function.js'
import type { AttributeAction, DomainAction, TableAction } from '../ir/change.js'
import { qualified, quoteIdent } from '../ir/names.js'
import { optionList, optionName } from './options.js'
import { collation, columnDef, constraintDef, identityClause } from './sql-create.js'

const col = (name: string): string => `ALTER COLUMN ${quoteIdent(name)}`

export const tableActionSql = (schema: string, table: string, a: TableAction): string => {
  switch (a.kind) {
    case 'AddColumn':
      return `ADD COLUMN ${columnDef({ schema, name: table }, a.column)}`
    case 'DropColumn':
      return `DROP COLUMN ${quoteIdent(a.column)}`
    case 'AlterColumnType':
      return `${col(a.column)} TYPE ${a.type}${a.collation !== undefined ? ` COLLATE ${collation(a.collation)}` : ''}${a.using !== undefined ? ` USING ${a.using}` : ''}`
    case 'SetDefault':
      return `${col(a.column)} SET DEFAULT ${a.expression}`
    case 'DropDefault':
      return `${col(a.column)} DROP DEFAULT`
    case 'SetNotNull':
      return `${col(a.column)} SET NOT NULL`
    case 'DropNotNull':
      return `${col(a.column)} DROP NOT NULL`
    case 'AddIdentity':
      return `${col(a.column)} ADD ${identityClause({ schema, name: table }, { name: a.column, type: 'bigint', notNull: true }, a.identity)}`
    case 'SetIdentity':
      return [
        col(a.column),
        `SET GENERATED ${a.identity.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`,
        `SET INCREMENT BY ${a.identity.increment}`,
        `SET MINVALUE ${a.identity.minValue}`,
        `SET MAXVALUE ${a.identity.maxValue}`,
        `SET START WITH ${a.identity.start}`,
        `SET CACHE ${a.identity.cache}`,
        a.identity.cycle ? 'SET CYCLE' : 'SET NO CYCLE',
      ].join(' ')
    case 'DropIdentity':
      return `${col(a.column)} DROP IDENTITY`
    case 'SetExpression':
      return `${col(a.column)} SET EXPRESSION AS (${a.expression})`
    case 'DropExpression':
      return `${col(a.column)} DROP EXPRESSION`
    case 'AddConstraint':
      return `ADD ${constraintDef(a.constraint)}`
    case 'DropConstraint':
      return `DROP CONSTRAINT ${quoteIdent(a.constraint)}`
    case 'ValidateConstraint':
      return `VALIDATE CONSTRAINT ${quoteIdent(a.constraint)}`
    case 'SetPersistence':
      return a.persistence === 'unlogged' ? 'SET UNLOGGED' : 'SET LOGGED'
    case 'SetOptions':
      return `SET (${optionList(a.options)})`
    case 'ResetOptions':
      return `RESET (${a.options.map(optionName).join(', ')})`
    case 'AttachPartition':
      return `ATTACH PARTITION ${qualified(a.partition.schema, a.partition.name)} ${a.bound}`
    case 'DetachPartition':
      return `DETACH PARTITION ${qualified(a.partition.schema, a.partition.name)}`
    case 'SetRowSecurity':
      return `${a.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`
    case 'SetForceRowSecurity':
      return `${a.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`
    case 'SetTriggerEnabled':
      return `${{ origin: 'ENABLE', disabled: 'DISABLE', replica: 'ENABLE REPLICA', always: 'ENABLE ALWAYS' }[a.enabled]} TRIGGER ${quoteIdent(a.trigger)}`
    default:
      return absurd(a)
  }
}

export const domainActionSql = (a: DomainAction): string => {
  switch (a.kind) {
    case 'SetDefault':
      return `SET DEFAULT ${a.expression}`
    case 'DropDefault':
      return 'DROP DEFAULT'
    case 'SetNotNull':
      return 'SET NOT NULL'
    case 'DropNotNull':
      return 'DROP NOT NULL'
    case 'AddCheck':
      return `ADD CONSTRAINT ${quoteIdent(a.check.name)} CHECK (${a.check.expression})${a.check.notValid ? ' NOT VALID' : ''}`
    case 'DropCheck':
      return `DROP CONSTRAINT ${quoteIdent(a.check)}`
    case 'ValidateCheck':
      return `VALIDATE CONSTRAINT ${quoteIdent(a.check)}`
    default:
      return absurd(a)
  }
}

export const attributeActionSql = (a: AttributeAction): string => {
  switch (a.kind) {
    case 'AddAttribute':
      return `ADD ATTRIBUTE ${quoteIdent(a.attribute.name)} ${a.attribute.type}${a.attribute.collation !== undefined ? ` COLLATE ${collation(a.attribute.collation)}` : ''}`
    case 'DropAttribute':
      return `DROP ATTRIBUTE ${quoteIdent(a.attribute)}`
    case 'AlterAttributeType':
      return `ALTER ATTRIBUTE ${quoteIdent(a.attribute)} TYPE ${a.type}${a.collation !== undefined ? ` COLLATE ${collation(a.collation)}` : ''}`
    default:
      return absurd(a)
  }
}
