/**
 * The contract between the HCL loader (declarations, evaluation, for_each, references) and the
 * block lowerers (one file per family: lower/table.ts, lower/role.ts, …).
 *
 * Design: an HCL block is lowered to the SQL statements that create what it declares, and those
 * statements run through the SQL interpreter (parse/sql `sqlSession`). So HCL and SQL schemas share
 * one implementation of every rule — canonical types, server normal form of expressions, implicit
 * constraint names, ACL emulation — and a schema written in either gives the same IR. What SQL
 * cannot say declaratively (an object's ACL is exactly its declared permissions) is applied after
 * the statements, from `privilege` declarations.
 *
 * Statements run phase by phase (PHASES), in source order within a phase; a statement that fails
 * because something it names does not exist yet is retried after the rest of its phase, so that
 * blocks may be written in any order. Diagnostics of a statement point at the span given with it.
 * A lowerer never evaluates syntax itself: it reads evaluated values from the BlockView.
 */
import type { PgVersion } from '../../../ir/catalog.js'
import type { Privilege } from '../../../ir/objects.js'
import type { Span } from '../../../ir/span.js'
import type { BlockAddress, Value } from '../eval/value.js'

/** One block instance (a for_each block yields one per element), ready to be read. */
export interface BlockView {
  readonly type: string
  readonly labels: ReadonlyArray<string>
  /** the canonical address of this block (its name is the last label; schema from `schema = schema.x`) */
  readonly address: BlockAddress
  readonly span: Span
  /** span of the block's first label (or type word when unlabelled) */
  readonly nameSpan: Span
  /** attribute names present, in source order */
  readonly attributeNames: ReadonlyArray<string>
  /** evaluated attribute value, undefined when absent (evaluation errors are already reported) */
  attr(name: string): Value | undefined
  /** span of an attribute (its whole `name = value`), for diagnostics */
  attrSpan(name: string): Span | undefined
  /** nested blocks of a type (for_each instances expanded), in source order */
  blocks(type: string): ReadonlyArray<BlockView>
  /** nested block types present, in source order, without duplicates */
  readonly blockTypes: ReadonlyArray<string>
}

/**
 * When a statement runs. Roles first (owners and grantees need them), then schemas and
 * extensions, types, sequences, functions, tables, what tables need from each other, views (a
 * view may use another: retries order them), then what attaches to objects, then default
 * privileges last (declared objects are declared with their ACLs; defaults only describe the
 * target database for later objects).
 */
export const PHASES = [
  'roles',
  'schemas',
  'types',
  'sequences',
  'functions',
  'tables',
  'constraints',
  'views',
  'attached',
  'defaults',
] as const
export type Phase = (typeof PHASES)[number]

/**
 * A declared privilege (a `permission` block, or a PUBLIC grant the dialect implies): the
 * object's final ACL is its owner's implicit entries plus exactly these.
 */
export interface DeclaredPrivilege {
  /**
   * identity of the object (src/ir/identity.ts), or the relation's identity for column privileges;
   * for a routine, its identity without the signature (matched by name: routine names are unique)
   */
  readonly object: string
  readonly columns?: ReadonlyArray<string>
  readonly grantee: string
  /** the grantee is not declared by a block (`ref("role.x")`, a name string): it need not exist */
  readonly granteeExternal?: boolean
  readonly privileges: ReadonlyArray<Privilege>
  readonly grantable: boolean
  /** absent: the object's owner */
  readonly grantor?: string
  readonly span: Span
}

export interface LowerContext {
  readonly pgVersion: PgVersion
  /** the role that owns objects without an explicit `owner` (the --role option, default postgres) */
  readonly role: string
  error(code: string, message: string, span: Span): void
  warn(code: string, message: string, span: Span): void
  /**
   * Report attributes and nested blocks of `b` that are not in the allowed lists (E-UNKNOWN-ATTRIBUTE /
   * E-UNKNOWN-BLOCK, naming the allowed ones, with a did-you-mean). Call it once per block.
   */
  allow(b: BlockView, attributes: ReadonlyArray<string>, blocks: ReadonlyArray<string>): void
  /** Is there a declared block at this address? */
  exists(a: BlockAddress): boolean
  /** Queue a SQL statement (one statement, no trailing semicolon needed) for `phase`. */
  sql(phase: Phase, statement: string, span: Span): void
  /** Declare a privilege (see DeclaredPrivilege). */
  privilege(p: DeclaredPrivilege): void
}

/** A lowerer for one top-level block type. */
export type BlockLowerer = (b: BlockView, ctx: LowerContext) => void
