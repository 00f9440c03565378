import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { VerifyResult } from './schemas.ts'

describe('the verify answer as the API sends it (schemas.ts VerifyResult)', () => {
  it('keeps every kind of checkpoint problem whole through the response serialiser', async () => {
    const result: VerifyResult = {
      ok: false, checked: 9, keyed: 9, unkeyedLegacy: 0, breaks: [{ fromId: 3, toId: 4, reason: 'badMac' }],
      chains: [{ chain: 0, checked: 9, headId: 9, headHash: 'h' }],
      checkpoints: {
        count: 3,
        problems: [
          { reason: 'checkpointBadSignature', eventId: 5, writtenAt: 'T1' },
          { reason: 'checkpointHashMismatch', eventId: 6, writtenAt: 'T2', chain: 2 },
          { reason: 'checkpointUnreadable', line: 3 },
        ],
        missingTails: [{ chain: 1, lastPresentId: null, missingUpToId: 8, checkpointWrittenAt: 'T3' }],
      },
    }
    const app = Fastify()
    app.get('/verify', { schema: { response: { 200: VerifyResult } } }, async () => result)
    const res = await app.inject('/verify')
    expect(res.json()).toEqual(result)
    await app.close()
  })
})
