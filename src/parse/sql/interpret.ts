/**
 * The dispatcher: each statement is handed to the handler of its family, in file order, against
 * one working State. Statements without offline meaning are skipped silently; anything else that
 * is not understood is a W-UNSUPPORTED warning.
 */
import type { Node } from '@pgsql/types'
import { alterTable } from './alter-table.js'
import { commentOn } from './comment.js'
import { dropStmt } from './drop.js'
import { alterFunction, createFunction } from './function.js'
import { createIndex } from './index-stmt.js'
import { alterOwner, alterSchemaOf, renameStmt } from './rename.js'
import { alterExtension, createExtension, createSchema } from './schema.js'
import { alterSequence, createSequence } from './sequence.js'
import { selectStmt, variableSet } from './settings.js'
import { createTable } from './table.js'
import { createTrigger } from './trigger.js'
import { alterDomain, alterEnum, createComposite, createDomain, createEnum } from './type-stmt.js'
import { createTableAs, createView } from './view.js'
import { ctxOf, type Ctx } from './util.js'
import { alterRole, alterRoleSet, createRole, dropRole } from './role.js'
import { grantRole } from './membership.js'
import { doStmt } from './do-block.js'
import { grantStmt } from './grant.js'
import { alterDefaultPrivileges } from './default-privileges.js'
import { alterPolicy, createPolicy } from './policy.js'
import type { Statement } from './parser.js'
import type { State } from './state.js'

type UnionKeys<T> = T extends unknown ? keyof T : never
type Tag = UnionKeys<Node>
type Payload<K extends Tag> = Extract<Node, Record<K, unknown>>[K]
type Handlers = { readonly [K in Tag]?: (c: Ctx, n: Payload<K>) => void }

const skip = (): void => undefined

const HANDLERS: Handlers = {
  CreateStmt: createTable,
  AlterTableStmt: alterTable,
  IndexStmt: createIndex,
  ViewStmt: createView,
  CreateTableAsStmt: createTableAs,
  CreateSeqStmt: createSequence,
  AlterSeqStmt: alterSequence,
  CreateEnumStmt: createEnum,
  CompositeTypeStmt: createComposite,
  CreateDomainStmt: createDomain,
  AlterEnumStmt: alterEnum,
  AlterDomainStmt: alterDomain,
  CreateFunctionStmt: createFunction,
  AlterFunctionStmt: alterFunction,
  CreateTrigStmt: createTrigger,
  CommentStmt: commentOn,
  DropStmt: dropStmt,
  RenameStmt: renameStmt,
  AlterObjectSchemaStmt: alterSchemaOf,
  AlterOwnerStmt: alterOwner,
  CreateSchemaStmt: createSchema,
  CreateExtensionStmt: createExtension,
  AlterExtensionStmt: alterExtension,
  VariableSetStmt: variableSet,
  SelectStmt: selectStmt,
  CreateRoleStmt: createRole,
  AlterRoleStmt: alterRole,
  AlterRoleSetStmt: alterRoleSet,
  DropRoleStmt: dropRole,
  GrantRoleStmt: grantRole,
  DoStmt: doStmt,
  GrantStmt: grantStmt,
  AlterDefaultPrivilegesStmt: alterDefaultPrivileges,
  CreatePolicyStmt: createPolicy,
  AlterPolicyStmt: alterPolicy,
  // no meaning offline
  InsertStmt: skip,
  UpdateStmt: skip,
  DeleteStmt: skip,
  MergeStmt: skip,
  CopyStmt: skip,
  TransactionStmt: skip,
  VariableShowStmt: skip,
  VacuumStmt: skip,
  ExplainStmt: skip,
  CheckPointStmt: skip,
  NotifyStmt: skip,
  ListenStmt: skip,
  UnlistenStmt: skip,
  LockStmt: skip,
  DiscardStmt: skip,
  PrepareStmt: skip,
  ExecuteStmt: skip,
  DeallocateStmt: skip,
  TruncateStmt: skip,
  RefreshMatViewStmt: skip,
  ReindexStmt: skip,
  ClusterStmt: skip,
  CallStmt: skip,
  ConstraintsSetStmt: skip,
  LoadStmt: skip,
  PLAssignStmt: skip,
}

const LABELS: Partial<Record<Tag, string>> = {
  GrantStmt: 'GRANT/REVOKE',
  GrantRoleStmt: 'GRANT/REVOKE role',
  CreateRoleStmt: 'CREATE ROLE',
  AlterRoleStmt: 'ALTER ROLE',
  DropRoleStmt: 'DROP ROLE',
  CreatePolicyStmt: 'CREATE POLICY',
  AlterPolicyStmt: 'ALTER POLICY',
  DoStmt: 'DO block',
  AlterDefaultPrivilegesStmt: 'ALTER DEFAULT PRIVILEGES',
}

export const interpret = (st: State, s: Statement): void => {
  const tag = Object.keys(s.node)[0] as Tag
  const c = ctxOf(st, s)
  const handler = HANDLERS[tag] as ((c: Ctx, n: unknown) => void) | undefined
  if (!handler) {
    const label = LABELS[tag] ?? tag.replace(/Stmt$/, '')
    st.warn('W-UNSUPPORTED', `${label} is not supported; statement skipped`, c.span)
    return
  }
  try {
    handler(c, (s.node as Record<string, unknown>)[tag])
  } catch (e) {
    st.error('E-INTERNAL', `could not interpret statement: ${e instanceof Error ? e.message : String(e)}`, c.span)
  }
}
