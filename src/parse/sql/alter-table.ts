/** ALTER TABLE / INDEX / SEQUENCE / VIEW / MATERIALIZED VIEW / TYPE (composite) sub-commands. */
import type { AlterTableCmd, AlterTableStmt, Node } from '@pgsql/types'
import { relationKey, sqlPath } from '../../ir/names.js'
import type { Column, Constraint, Table, Trigger } from '../../ir/objects.js'
import { partitionBoundText } from '../../normalize/expr.js'
import { parseExpression } from './parser.js'
import { buildColumn } from './column.js'
import { buildConstraint, referencedColumns } from './constraint.js'
import { setRelationOwner } from './rename.js'
import { dropRelation } from './drop.js'
import { queryUsesColumn } from './rewrite-refs.js'
import { storedExpr } from './server-env.js'
import { identityOf, seqParams } from './sequence.js'
import { reowned } from './acl-owner.js'
import { clean, triggerKey, without } from './state.js'
import { argText, at, defElems, listItems, optionsRecord, roleName, strings, typeText, type Ctx } from './util.js'
import { chooseName } from '../../normalize/names.js'

const TRIGGER_STATES: Readonly<Record<string, Trigger['enabled']>> = {
  AT_EnableTrig: 'origin',
  AT_EnableTrigAll: 'origin',
  AT_EnableTrigUser: 'origin',
  AT_DisableTrig: 'disabled',
  AT_DisableTrigAll: 'disabled',
  AT_DisableTrigUser: 'disabled',
  AT_EnableAlwaysTrig: 'always',
  AT_EnableReplicaTrig: 'replica',
}

const columnIndex = (c: Ctx, t: Table, name: string | undefined, missingOk = false): number => {
  const i = t.columns.findIndex((x) => x.name === name)
  if (i < 0 && !missingOk) c.st.error('E-UNDEFINED-COLUMN', `column "${name ?? ''}" of relation "${t.name}" does not exist`, c.span)
  return i
}

const withColumn = (t: Table, i: number, col: Column): Table => ({
  ...t,
  columns: t.columns.map((x, j) => (j === i ? col : x)),
})

/** Whether a stored expression (check, index key or predicate) references the column: by its ColumnRefs, not its text. */
const exprUses = (expr: string | undefined, col: string): boolean => {
  if (expr === undefined) return false
  try {
    return referencedColumns(parseExpression(expr)).has(col)
  } catch {
    return false
  }
}

const constraintUses = (x: Constraint, col: string): boolean => {
  switch (x.kind) {
    case 'PrimaryKey':
    case 'Unique':
      return x.columns.includes(col) || (x.include ?? []).includes(col)
    case 'ForeignKey':
      return x.columns.includes(col)
    case 'Check':
      return exprUses(x.expression, col)
    case 'Exclusion':
      return x.elements.some((e) => exprUses(e.expression, col)) || (x.include ?? []).includes(col) || exprUses(x.where, col)
  }
}

const dropColumn = (c: Ctx, key: string, t: Table, cmd: AlterTableCmd): Table | undefined => {
  const name = cmd.name ?? ''
  const i = columnIndex(c, t, name, cmd.missing_ok)
  if (i < 0) return undefined
  const cascade = cmd.behavior === 'DROP_CASCADE'
  // views reading the column: RESTRICT refuses, CASCADE drops them (and the views over them)
  const views = [...(c.st.viewDependents.get(key) ?? [])].filter((v) => {
    const view = c.st.relations.get(v)
    return (view?.kind === 'View' || view?.kind === 'MaterializedView') && queryUsesColumn(view.query, t, name)
  })
  if (views.length && !cascade) {
    c.st.error('E-DEPENDENT-OBJECTS', `cannot drop column ${name} of table ${t.name} because other objects depend on it`, c.span)
    return undefined
  }
  for (const v of views) dropRelation(c, v, true)
  // foreign keys of other tables referencing this column
  for (const k of c.st.referencing(key)) {
    const o = c.st.relations.get(k)
    if (o?.kind !== 'Table') continue
    const hit = (x: Constraint) =>
      x.kind === 'ForeignKey' && x.references.schema === t.schema && x.references.name === t.name && x.referencedColumns.includes(name)
    if (!o.constraints.some(hit)) continue
    if (!cascade) {
      c.st.error('E-DEPENDENT-OBJECTS', `cannot drop column ${name} of table ${t.name} because other objects depend on it`, c.span)
      return undefined
    }
    c.st.setRelation(k, { ...o, constraints: o.constraints.filter((x) => !hit(x)) })
  }
  for (const k of [...(c.st.indexesOf.get(key) ?? [])]) {
    const idx = c.st.relations.get(k)
    if (idx?.kind === 'Index' && (idx.keys.some((x) => exprUses(x.expression, name)) || idx.include.includes(name) || exprUses(idx.where, name)))
      c.st.setRelation(k, undefined)
  }
  for (const k of [...(c.st.ownedSequences.get(key) ?? [])]) {
    const s = c.st.relations.get(k)
    if (s?.kind === 'Sequence' && s.ownedBy?.column === name) c.st.setRelation(k, undefined)
  }
  return { ...t, columns: t.columns.filter((_, j) => j !== i), constraints: t.constraints.filter((x) => !constraintUses(x, name)) }
}

const tableCmd = (c: Ctx, key: string, t: Table, cmd: AlterTableCmd): Table | undefined => {
  const def: Node | undefined = cmd.def
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      if (!def || !('ColumnDef' in def)) return undefined
      if (t.columns.some((x) => x.name === def.ColumnDef.colname)) {
        if (!cmd.missing_ok) c.st.error('E-DUPLICATE-COLUMN', `column "${def.ColumnDef.colname ?? ''}" of relation "${t.name}" already exists`, c.span)
        return undefined
      }
      const used = new Set<string>()
      const built = buildColumn(c, t.schema, t.name, def.ColumnDef, used, t.columns)
      if (!built) return undefined
      let next: Table = { ...t, columns: [...t.columns, built.column] }
      for (const con of built.constraints) {
        const x = buildConstraint(c, { ...next, used }, con, built.column.name, false)
        if (x) next = { ...next, constraints: [...next.constraints, x] }
      }
      if (built.sequence) c.st.setRelation(relationKey(built.sequence.schema, built.sequence.name), built.sequence)
      return next
    }
    case 'AT_DropColumn':
      return dropColumn(c, key, t, cmd)
    case 'AT_AlterColumnType': {
      const i = columnIndex(c, t, cmd.name)
      if (i < 0 || !def || !('ColumnDef' in def) || !def.ColumnDef.typeName) return undefined
      const col = t.columns[i]!
      const collation = def.ColumnDef.collClause ? sqlPath(strings(def.ColumnDef.collClause.collname)) : undefined
      return withColumn(t, i, clean({ ...col, type: typeText(c, def.ColumnDef.typeName), collation: collation ?? col.collation }))
    }
    case 'AT_ColumnDefault': {
      const i = columnIndex(c, t, cmd.name)
      if (i < 0) return undefined
      const col = t.columns[i]!
      return withColumn(t, i, def ? { ...col, default: storedExpr(c.st, t.columns, def, col.type) } : without(col, 'default'))
    }
    case 'AT_DropExpression': {
      const i = columnIndex(c, t, cmd.name)
      return i < 0 ? undefined : withColumn(t, i, without(t.columns[i]!, 'generated'))
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull': {
      const i = columnIndex(c, t, cmd.name)
      return i < 0 ? undefined : withColumn(t, i, { ...t.columns[i]!, notNull: cmd.subtype === 'AT_SetNotNull' })
    }
    case 'AT_AddIdentity': {
      const i = columnIndex(c, t, cmd.name)
      if (i < 0 || !def || !('Constraint' in def)) return undefined
      const col = t.columns[i]!
      const { params, extras } = seqParams(c, undefined, def.Constraint.options, col.type)
      const seq =
        extras.sequenceName?.[extras.sequenceName.length - 1] ??
        chooseName(t.name, col.name, 'seq', (n) => c.st.relationNameTaken(t.schema, n))
      const generation = def.Constraint.generated_when === 'a' ? 'always' : 'by default'
      return withColumn(t, i, { ...col, notNull: true, identity: identityOf(generation, seq, params) })
    }
    case 'AT_SetIdentity': {
      const i = columnIndex(c, t, cmd.name)
      const col = t.columns[i]
      if (!col?.identity) {
        if (col) c.st.error('E-OBJECT-NOT-IN-PREREQUISITE-STATE', `column "${col.name}" of relation "${t.name}" is not an identity column`, c.span)
        return undefined
      }
      const id = col.identity
      const opts = listItems(def)
      const gen = defElems(opts).find((d) => d.defname === 'generated')
      const { params } = seqParams(
        c,
        { dataType: col.type, start: id.start, increment: id.increment, minValue: id.minValue, maxValue: id.maxValue, cache: id.cache, cycle: id.cycle },
        opts.filter((o) => !('DefElem' in o && o.DefElem.defname === 'generated')),
      )
      // the grammar stores ATTRIBUTE_IDENTITY_ALWAYS / _BY_DEFAULT as the character code ('a' = 97, 'd' = 100)
      const g = argText(gen?.arg)
      const generation = gen ? (g === String('a'.charCodeAt(0)) || g === 'a' ? 'always' : 'by default') : id.generation
      return withColumn(t, i, { ...col, identity: identityOf(generation, id.sequence, params) })
    }
    case 'AT_DropIdentity': {
      const i = columnIndex(c, t, cmd.name)
      const col = t.columns[i]
      if (!col?.identity) {
        if (col && !cmd.missing_ok) c.st.error('E-OBJECT-NOT-IN-PREREQUISITE-STATE', `column "${col.name}" of relation "${t.name}" is not an identity column`, c.span)
        return undefined
      }
      return withColumn(t, i, without(col, 'identity'))
    }
    case 'AT_AddConstraint': {
      if (!def || !('Constraint' in def)) return undefined
      const con = def.Constraint
      if (con.conname && t.constraints.some((x) => x.name === con.conname)) {
        c.st.error('E-DUPLICATE-OBJECT', `constraint "${con.conname}" for relation "${t.name}" already exists`, c.span)
        return undefined
      }
      const x = buildConstraint(c, { ...t, used: new Set() }, con, undefined, false)
      if (!x) return undefined
      let next: Table = { ...t, constraints: [...t.constraints, x] }
      if (x.kind === 'PrimaryKey')
        next = { ...next, columns: next.columns.map((col) => (x.columns.includes(col.name) ? { ...col, notNull: true } : col)) }
      return next
    }
    case 'AT_DropConstraint': {
      if (!t.constraints.some((x) => x.name === cmd.name)) {
        if (!cmd.missing_ok) c.st.error('E-UNDEFINED-OBJECT', `constraint "${cmd.name ?? ''}" of relation "${t.name}" does not exist`, c.span)
        return undefined
      }
      return { ...t, constraints: t.constraints.filter((x) => x.name !== cmd.name) }
    }
    case 'AT_ValidateConstraint':
      return {
        ...t,
        constraints: t.constraints.map((x) => (x.name === cmd.name && (x.kind === 'Check' || x.kind === 'ForeignKey') ? { ...x, notValid: false } : x)),
      }
    case 'AT_AlterConstraint': {
      if (!def || !('Constraint' in def)) return undefined
      const con = def.Constraint
      return {
        ...t,
        constraints: t.constraints.map((x) =>
          x.name === con.conname ? { ...x, deferrable: !!con.deferrable, initiallyDeferred: !!con.initdeferred } : x,
        ),
      }
    }
    case 'AT_EnableRowSecurity':
      return { ...t, rowSecurity: true }
    case 'AT_DisableRowSecurity':
      return without(t, 'rowSecurity')
    case 'AT_ForceRowSecurity':
      return { ...t, forceRowSecurity: true }
    case 'AT_NoForceRowSecurity':
      return without(t, 'forceRowSecurity')
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
      return { ...t, persistence: cmd.subtype === 'AT_SetLogged' ? 'permanent' : 'unlogged' }
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions': {
      const opts = { ...(t.options ?? {}) }
      if (cmd.subtype === 'AT_SetRelOptions') Object.assign(opts, optionsRecord(listItems(def)) ?? {})
      else for (const d of defElems(listItems(def))) delete opts[d.defname ?? '']
      return Object.keys(opts).length ? { ...t, options: opts } : without(t, 'options')
    }
    case 'AT_AttachPartition': {
      if (!def || !('PartitionCmd' in def) || !def.PartitionCmd.name) return undefined
      const pk = c.st.relationKeyOf(def.PartitionCmd.name)
      const p = pk ? c.st.relations.get(pk) : undefined
      if (!pk || p?.kind !== 'Table') {
        c.st.error('E-UNDEFINED-TABLE', `relation "${def.PartitionCmd.name.relname ?? ''}" does not exist`, c.span)
        return undefined
      }
      c.st.setRelation(pk, { ...p, partitionOf: { parent: { schema: t.schema, name: t.name }, bound: partitionBoundText(def.PartitionCmd.bound) } })
      return undefined
    }
    case 'AT_DetachPartition': {
      if (!def || !('PartitionCmd' in def) || !def.PartitionCmd.name) return undefined
      const pk = c.st.relationKeyOf(def.PartitionCmd.name)
      const p = pk ? c.st.relations.get(pk) : undefined
      if (pk && p?.kind === 'Table') c.st.setRelation(pk, without(p, 'partitionOf'))
      return undefined
    }
    default: {
      const enabled = TRIGGER_STATES[cmd.subtype ?? '']
      if (enabled !== undefined) {
        for (const k of [...(c.st.triggersOf.get(key) ?? [])]) {
          const trig = c.st.triggers.get(k)
          if (!trig) continue
          if (cmd.name === undefined || trig.name === cmd.name) c.st.setTrigger(k, { ...trig, enabled })
        }
        if (cmd.name !== undefined && !c.st.triggers.has(triggerKey(t.schema, t.name, cmd.name)) && !cmd.subtype?.includes('All') && !cmd.subtype?.includes('User'))
          c.st.error('E-UNDEFINED-OBJECT', `trigger "${cmd.name}" for table "${t.name}" does not exist`, c.span)
        return undefined
      }
      c.st.warn('W-UNSUPPORTED', `ALTER TABLE ${(cmd.subtype ?? '').replace(/^AT_/, '')} is not supported`, c.span)
      return undefined
    }
  }
}

const viewOptions = (c: Ctx, key: string, cmd: AlterTableCmd): void => {
  const v = c.st.relations.get(key)
  if (v?.kind !== 'View') return
  let next = v
  for (const d of defElems(listItems(cmd.def))) {
    const set = cmd.subtype === 'AT_SetRelOptions'
    const val = argText(d.arg) ?? 'true'
    if (d.defname === 'check_option')
      next = set ? { ...next, checkOption: val === 'local' ? 'local' : 'cascaded' } : without(next, 'checkOption')
    else if (d.defname === 'security_barrier')
      next = set ? { ...next, securityBarrier: val === 'true' || val === 'on' } : without(next, 'securityBarrier')
    else if (d.defname === 'security_invoker')
      next = set ? { ...next, securityInvoker: val === 'true' || val === 'on' } : without(next, 'securityInvoker')
  }
  c.st.setRelation(key, next)
}

const compositeCmd = (c: Ctx, n: AlterTableStmt): void => {
  const rv = n.relation
  const key = rv ? c.st.resolve(rv.schemaname, rv.relname ?? '', (k) => c.st.types.get(k)?.kind === 'CompositeType') : undefined
  let t = key ? c.st.types.get(key) : undefined
  if (!key || t?.kind !== 'CompositeType') return c.st.error('E-UNDEFINED-OBJECT', `type "${rv?.relname ?? ''}" does not exist`, c.span)
  for (const node of n.cmds ?? []) {
    if (!('AlterTableCmd' in node) || t?.kind !== 'CompositeType') continue
    const cmd = node.AlterTableCmd
    const def = cmd.def
    if (cmd.subtype === 'AT_AddColumn' && def && 'ColumnDef' in def && def.ColumnDef.typeName)
      t = { ...t, attributes: [...t.attributes, { name: def.ColumnDef.colname ?? '', type: typeText(c, def.ColumnDef.typeName) }] }
    else if (cmd.subtype === 'AT_DropColumn') t = { ...t, attributes: t.attributes.filter((a) => a.name !== cmd.name) }
    else if (cmd.subtype === 'AT_AlterColumnType' && def && 'ColumnDef' in def && def.ColumnDef.typeName) {
      const type = typeText(c, def.ColumnDef.typeName)
      t = { ...t, attributes: t.attributes.map((a) => (a.name === cmd.name ? { ...a, type } : a)) }
    } else if (cmd.subtype === 'AT_ChangeOwner') t = reowned(t, roleName(c.st, cmd.newowner), c.st.pgVersion)
    else c.st.warn('W-UNSUPPORTED', `ALTER TYPE ${(cmd.subtype ?? '').replace(/^AT_/, '')} is not supported`, c.span)
  }
  c.st.setType(key, t)
}

export const alterTable = (c: Ctx, n: AlterTableStmt): void => {
  if (n.objtype === 'OBJECT_TYPE') return compositeCmd(c, n)
  const rv = n.relation
  if (!rv) return
  const key = c.st.relationKeyOf(rv)
  const rel = key ? c.st.relations.get(key) : undefined
  if (!key || !rel) {
    if (!n.missing_ok) c.st.error('E-UNDEFINED-TABLE', `relation "${rv.relname ?? ''}" does not exist`, at(c, rv.location))
    return
  }
  for (const node of n.cmds ?? []) {
    if (!('AlterTableCmd' in node)) continue
    const cmd = node.AlterTableCmd
    const current = c.st.relations.get(key)
    if (!current) return
    if (cmd.subtype === 'AT_ChangeOwner') {
      setRelationOwner(c, key, roleName(c.st, cmd.newowner))
      continue
    }
    if (current.kind === 'Table') {
      const next = tableCmd(c, key, current, cmd)
      if (next) c.st.setRelation(key, next)
    } else if (current.kind === 'View' && (cmd.subtype === 'AT_SetRelOptions' || cmd.subtype === 'AT_ResetRelOptions')) {
      viewOptions(c, key, cmd)
    } else if (current.kind === 'Index' && (cmd.subtype === 'AT_SetRelOptions' || cmd.subtype === 'AT_ResetRelOptions')) {
      const opts = { ...(current.options ?? {}) }
      if (cmd.subtype === 'AT_SetRelOptions') Object.assign(opts, optionsRecord(listItems(cmd.def)) ?? {})
      else for (const d of defElems(listItems(cmd.def))) delete opts[d.defname ?? '']
      c.st.setRelation(key, Object.keys(opts).length ? { ...current, options: opts } : without(current, 'options'))
    } else if (current.kind === 'Sequence' && (cmd.subtype === 'AT_SetLogged' || cmd.subtype === 'AT_SetUnLogged')) {
      c.st.setRelation(key, { ...current, persistence: cmd.subtype === 'AT_SetLogged' ? 'permanent' : 'unlogged' })
    } else c.st.warn('W-UNSUPPORTED', `ALTER ${current.kind} ${(cmd.subtype ?? '').replace(/^AT_/, '')} is not supported`, c.span)
  }
}

