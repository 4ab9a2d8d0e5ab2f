/**
 * Lowerers for the access-control blocks (DIALECT.md "Access control"): role, user, permission,
 * policy and default_privileges. Nested `policy` blocks of tables use lowerPolicy (access-policy.ts).
 */
import type { BlockLowerer } from './context.js'
import { lowerDefaultPrivileges } from './access-defaults.js'
import { lowerPermission } from './access-permission.js'
import { lowerTopLevelPolicy } from './access-policy.js'
import { lowerRoleBlock, lowerUserBlock } from './access-role.js'

export const ACCESS_LOWERERS: Readonly<Record<string, BlockLowerer>> = {
  role: lowerRoleBlock,
  user: lowerUserBlock,
  permission: lowerPermission,
  policy: lowerTopLevelPolicy,
  default_privileges: lowerDefaultPrivileges,
}
