/**
 * The audit administrator's page in a real browser: the auditor lands on it after login, sees the
 * events, runs verification (intact) and downloads a signed head receipt that verifies.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPublicKey, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SLOW, startConsole } from './console.ts'

const c = await startConsole()
c.app.config.audit.checkpointDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-cp-'))

describe('audit page', () => {
  it('the auditor lands on the audit page, sees events, verifies the chain and downloads a receipt', async () => {
    const { context, page } = await c.open('auditor')
    await page.waitForURL(/\/audit$/)
    const table = page.getByTestId('audit-events')
    await table.locator('tbody tr.ant-table-row').first().waitFor()
    expect(await table.innerText()).toContain('auth.login')

    await page.getByTestId('audit-verify').click()
    const result = page.getByTestId('audit-verify-result')
    await result.waitFor()
    expect(await result.innerText()).toMatch(/审计链完整/)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-receipt').click()])
    const file = await download.path()
    const receipt = JSON.parse(fs.readFileSync(file!, 'utf8'))
    const { signature, publicKey, ...fields } = receipt
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' })
    const text = JSON.stringify(Object.fromEntries(Object.entries({ ...fields, type: 'receipt' }).sort()))
    expect(verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'))).toBe(true)
    await context.close()
  }, SLOW)

  it("shows and takes the date range on Shanghai's clock in a browser elsewhere", async () => {
    const { context, page } = await c.open('auditor', { timezoneId: 'America/New_York' })
    await page.waitForURL(/\/audit$/)
    // One Shanghai day: 5 December, 00:00 to 23:59:59 there.
    await page.goto(`${c.url}/audit?from=2026-12-04T16:00:00Z&to=2026-12-05T15:59:59Z`)
    const inputs = page.locator('.ant-picker-range input')
    await inputs.first().waitFor()
    expect(await inputs.nth(0).inputValue()).toBe('2026-12-05 00:00:00')
    expect(await inputs.nth(1).inputValue()).toBe('2026-12-05 23:59:59')
    // Searching again writes the range back (with milliseconds) as the same instants: the picked
    // wall clock is read as Shanghai time, not New York's.
    await page.getByTestId('audit-search').click()
    await page.waitForURL((u) => u.searchParams.get('from')?.endsWith('.000Z') ?? false)
    const url = new URL(page.url())
    expect(url.searchParams.get('from')).toBe('2026-12-04T16:00:00.000Z')
    expect(url.searchParams.get('to')).toBe('2026-12-05T15:59:59.000Z')
    await context.close()
  }, SLOW)
})
