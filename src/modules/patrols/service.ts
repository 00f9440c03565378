/**
 * The patrol item catalogue (M4.1): read by all staff, revised by the district chief. A revision is
 * a new version kept beside the old ones, so that a task keeps the version it was created with.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { refuseStale } from '../audit/changes.ts'
import { activeCategoryCodes } from '../cases/catalogue.ts'
import { definitionProblems, type DefinitionProblem } from './rules.ts'
import type { NewPatrolItem, PatrolItemDefinition, PatrolItemHistory, PatrolItemRevision, PatrolItemView } from './schemas.ts'
import './errors.ts'

export interface ItemRow {
  code: string
  version: number
  active: boolean
  definition: PatrolItemDefinition
}

const toView = (r: ItemRow): PatrolItemView => ({ code: r.code, version: r.version, active: r.active, definition: r.definition })

export async function readItems(sql: Sql, code?: string, lock = false): Promise<ItemRow[]> {
  const { rows } = await sql.query<ItemRow>(
    `SELECT i.code, i.version, i.active, v.definition
     FROM patrol_items i JOIN patrol_item_versions v ON v.item_code = i.code AND v.version = i.version
     WHERE $1::text IS NULL OR i.code = $1
     ORDER BY i.code${lock ? ' FOR UPDATE OF i' : ''}`,
    [code ?? null],
  )
  return rows
}

export async function listPatrolItems(db: Db, actor: Actor): Promise<PatrolItemView[]> {
  authorize(actor, 'patrolItem.read')
  return (await readItems(db)).map(toView)
}

export async function patrolItemHistory(db: Db, actor: Actor, code: string): Promise<PatrolItemHistory> {
  authorize(actor, 'patrolItem.read')
  const [item] = await readItems(db, code)
  if (!item) throw new AppError('patrol.itemUnknown', { code })
  const { rows } = await db.query<{ version: number; definition: PatrolItemDefinition; created_by: string | null; created_at: Date }>(
    `SELECT v.version, v.definition, u.display_name AS created_by, v.created_at
     FROM patrol_item_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.item_code = $1 ORDER BY v.version DESC`, [code],
  )
  return {
    code, active: item.active,
    versions: rows.map((r) => ({ version: r.version, definition: r.definition, createdBy: r.created_by, createdAt: r.created_at.toISOString() })),
  }
}

/** Refuses an incoherent definition with its first problem, named in the user's words. */
async function checkDefinition(sql: Sql, definition: PatrolItemDefinition): Promise<void> {
  const [first] = definitionProblems(definition, await activeCategoryCodes(sql))
  if (first) throw new AppError(first.code, problemDetails(first))
}

function problemDetails(p: DefinitionProblem): Record<string, unknown> {
  const { code: _code, ...rest } = p
  const details: Record<string, unknown> = { ...rest, field: 'definition' }
  if ('question' in p && typeof p.question === 'object') {
    details.questionZh = p.question.zh
    details.questionEn = p.question.en
    delete details.question
  }
  return details
}

export async function createPatrolItem(db: Db, actor: Actor, input: NewPatrolItem): Promise<PatrolItemView> {
  authorize(actor, 'patrolItem.manage')
  return db.transaction(async (tx) => {
    await checkDefinition(tx, input.definition)
    const { rowCount } = await tx.query('INSERT INTO patrol_items (code) VALUES ($1) ON CONFLICT (code) DO NOTHING', [input.code])
    if (rowCount === 0) throw new AppError('patrol.itemExists', { code: input.code, field: 'code' })
    await tx.query(
      'INSERT INTO patrol_item_versions (item_code, version, definition, created_by) VALUES ($1, 1, $2, $3)',
      [input.code, JSON.stringify(input.definition), actor.userId],
    )
    await recordAudit(tx, actor, {
      action: 'patrolItem.created', objectType: 'patrolItem', objectId: input.code, details: { version: 1, definition: input.definition },
    })
    return { code: input.code, version: 1, active: true, definition: input.definition }
  })
}

/**
 * A new version of the item's definition and/or its switch on or off. `version` is the one the
 * editor started from: a revision made meanwhile is refused with the item as it now stands.
 */
export async function revisePatrolItem(db: Db, actor: Actor, code: string, input: PatrolItemRevision): Promise<PatrolItemView> {
  authorize(actor, 'patrolItem.manage')
  return db.transaction(async (tx) => {
    const [item] = await readItems(tx, code, true)
    if (!item) throw new AppError('patrol.itemUnknown', { code })
    refuseStale(input.version, item.version, () => toView(item))
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    let version = item.version
    if (input.definition && JSON.stringify(input.definition) !== JSON.stringify(item.definition)) {
      await checkDefinition(tx, input.definition)
      version = item.version + 1
      await tx.query(
        'INSERT INTO patrol_item_versions (item_code, version, definition, created_by) VALUES ($1, $2, $3, $4)',
        [code, version, JSON.stringify(input.definition), actor.userId],
      )
      changes.definition = { from: item.definition, to: input.definition }
      changes.version = { from: item.version, to: version }
    }
    const active = input.active ?? item.active
    if (active !== item.active) changes.active = { from: item.active, to: active }
    if (Object.keys(changes).length === 0) return toView(item)
    await tx.query('UPDATE patrol_items SET version = $2, active = $3 WHERE code = $1', [code, version, active])
    await recordAudit(tx, actor, { action: 'patrolItem.revised', objectType: 'patrolItem', objectId: code, details: { changes } })
    return { code, version, active, definition: input.definition ?? item.definition }
  })
}
