/**
 * Access-matrix cases of the ledger capabilities (see access-control.test.ts for the shape).
 */
import type { Targets } from './access-targets.ts'

export const moduleCases: Array<{
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  route: string
  url: (t: Targets) => string
  body?: (t: Targets) => unknown
  upload?: (t: Targets) => { filename: string; content: string | Buffer }
  permission: any
  scoped: boolean
  insiderScope?: string
  insiderStatus?: number[]
}> = []
