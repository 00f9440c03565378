import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ROLES, type Role } from '../access/policy.ts'
import {
  allowedActions, CASE_STATES, FINAL_STATES, loopDiagram, nextState, OPEN_STATES, refusalOf, stands, TRANSITIONS,
  transitionOf, type ActorFacts, type CaseFacts,
} from './loop.ts'

const codes = ['05', '0501', '0502', '050101', '050102', '050201']
const grids = codes.filter((c) => c.length === 6)

const caseFacts: fc.Arbitrary<CaseFacts> = fc.record({
  state: fc.constantFrom(...CASE_STATES),
  gridCode: fc.option(fc.constantFrom(...grids), { nil: null }),
  holderCode: fc.constantFrom(...codes),
  departmentCode: fc.option(fc.constantFrom('health', 'police'), { nil: null }),
  reportedBy: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
}).map((c) => ({ ...c, holderCode: c.gridCode && !c.gridCode.startsWith(c.holderCode) ? c.gridCode : c.holderCode }))

const actorFacts: fc.Arbitrary<ActorFacts> = fc.record({
  userId: fc.integer({ min: 1, max: 4 }),
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 3 }) as fc.Arbitrary<Role[]>,
  scope: fc.constantFrom('', ...codes),
  departmentCode: fc.option(fc.constantFrom('health', 'police'), { nil: null }),
})

describe('the declared loop', () => {
  it('declares each step once, from real states, for real roles', () => {
    const actions = TRANSITIONS.map((t) => t.action)
    expect(new Set(actions).size).toBe(actions.length)
    for (const t of TRANSITIONS) {
      expect(t.from.length).toBeGreaterThan(0)
      for (const s of t.from) expect(CASE_STATES).toContain(s)
      for (const r of t.roles) expect(ROLES).toContain(r)
      expect(t.roles.some((r) => ['system_admin', 'security_admin', 'audit_admin', 'market_operator'].includes(r))).toBe(false)
    }
  })

  it('leads from every open state to closure (no case can be stuck by the declaration)', () => {
    const reach = new Set<string>(['closed'])
    let grew = true
    while (grew) {
      grew = false
      for (const t of TRANSITIONS) {
        for (const from of t.from) {
          if (!reach.has(from) && reach.has(nextState(t, from))) {
            reach.add(from)
            grew = true
          }
        }
      }
    }
    for (const s of OPEN_STATES) expect(reach.has(s), s).toBe(true)
  })

  it('offers only steps declared for the state, and none to the administrators or the market operator', () => {
    fc.assert(fc.property(actorFacts, caseFacts, (actor, c) => {
      for (const a of allowedActions(actor, c)) {
        const t = transitionOf(a)
        expect(t.from).toContain(c.state)
        expect(actor.roles.some((r) => t.roles.includes(r))).toBe(true)
      }
      const outsiders: Role[] = ['system_admin', 'security_admin', 'audit_admin', 'market_operator']
      if (actor.roles.every((r) => outsiders.includes(r))) expect(allowedActions(actor, c)).toEqual([])
    }))
  })

  it('never lets the reporter of a result review it', () => {
    fc.assert(fc.property(actorFacts, caseFacts, (actor, c) => {
      const facts = { ...c, state: 'reviewing' as const, reportedBy: actor.userId }
      const actions = allowedActions(actor, facts)
      expect(actions).not.toContain('close')
      expect(actions).not.toContain('sendBack')
    }))
  })

  it('lets only the level above review, or the command centre covering the case', () => {
    fc.assert(fc.property(actorFacts, caseFacts, (actor, c) => {
      const facts = { ...c, state: 'reviewing' as const }
      if (allowedActions(actor, facts).includes('close')) {
        expect(facts.holderCode.startsWith(actor.scope)).toBe(true)
        expect(actor.scope.length < facts.holderCode.length || actor.roles.includes('command_operator')).toBe(true)
      }
    }))
  })

  it('lets a liaison act only on cases referred to their own department', () => {
    fc.assert(fc.property(actorFacts, caseFacts, (actor, c) => {
      const liaison = { ...actor, roles: ['department_liaison'] as Role[] }
      for (const a of allowedActions(liaison, c)) {
        if (a === 'record') continue
        expect(c.departmentCode).not.toBeNull()
        expect(c.departmentCode).toBe(liaison.departmentCode)
      }
    }))
  })

  it('allows nothing on a final state but reopening from above', () => {
    fc.assert(fc.property(actorFacts, caseFacts, (actor, c) => {
      for (const s of FINAL_STATES) {
        for (const a of allowedActions(actor, { ...c, state: s })) expect(a).toBe('reopen')
      }
    }))
  })

  it('refuses a grid worker above their grid and a case not yet placed', () => {
    const worker: ActorFacts = { userId: 1, roles: ['grid_worker'], scope: '050101', departmentCode: null }
    const atStation: CaseFacts = { state: 'handling', gridCode: '050101', holderCode: '0501', departmentCode: null, reportedBy: null }
    expect(refusalOf(worker, atStation, transitionOf('report'))).toBe('wrongPlace')
    expect(stands(worker, atStation, 'chain')).toBe(true)
    const unplaced: CaseFacts = { state: 'new', gridCode: null, holderCode: '05', departmentCode: null, reportedBy: null }
    const operator: ActorFacts = { userId: 2, roles: ['command_operator'], scope: '05', departmentCode: null }
    expect(refusalOf(operator, unplaced, transitionOf('accept'))).toBe('notPlaced')
    expect(allowedActions(operator, unplaced)).toContain('dispatch')
  })

  it('draws every declared step in the diagram', () => {
    const diagram = loopDiagram('en')
    for (const t of TRANSITIONS) {
      if (t.action === 'record') continue
      for (const from of t.from) expect(diagram).toContain(`${from} --> ${nextState(t, from)}: ${t.label.en}`)
    }
  })
})

describe('docs/cases.md', () => {
  it('carries the diagrams of the loop as declared (npm run gen:docs)', async () => {
    const fs = await import('node:fs')
    const { CASES_DOC, generatedCasesDoc } = await import('../../cli/gen-docs.ts')
    const doc = fs.readFileSync(CASES_DOC, 'utf8')
    expect(generatedCasesDoc(doc)).toBe(doc)
  })
})
