import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import type { SessionActor } from '../modules/auth/service.ts'
import { signedIn } from './auth-hook.ts'
import { AppError } from './errors.ts'

describe('signedIn', () => {
  it('answers the session actor the hook found', () => {
    const actor = { userId: 7, username: 'chen' } as unknown as SessionActor
    expect(signedIn({ actor } as FastifyRequest)).toBe(actor)
  })

  it('refuses a request without one as the hook does: auth.required', () => {
    let thrown: unknown
    try {
      signedIn({ actor: null } as FastifyRequest)
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('auth.required')
  })
})
