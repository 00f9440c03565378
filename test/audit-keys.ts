/**
 * Every test file signs its audit events with keys of its own, in a temporary folder (a server
 * keeps them in AUDIT_KEY_DIR, outside the database). Commands a test runs as separate processes
 * get theirs from their own settings, as on a real host.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { installAuditKeys } from '../src/modules/audit/keys.ts'

installAuditKeys(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-audit-keys-')), true)
