/** CREATE / ALTER POLICY. (issue 3: being written) */
import type { AlterPolicyStmt, CreatePolicyStmt } from '@pgsql/types'
import type { Ctx } from './util.js'

export const createPolicy = (c: Ctx, _n: CreatePolicyStmt): void => c.st.warn('W-UNSUPPORTED', 'CREATE POLICY is not supported; statement skipped', c.span)
export const alterPolicy = (c: Ctx, _n: AlterPolicyStmt): void => c.st.warn('W-UNSUPPORTED', 'ALTER POLICY is not supported; statement skipped', c.span)
