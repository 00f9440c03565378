/**
 * Where evidence bytes live, behind one small interface: the local folder by default, or an
 * S3-compatible bucket (`s3-storage.ts`, EVIDENCE_STORE=s3) for an installation with several app
 * servers. Both keep each object under its sha256 (`ab/cd/<sha256>`), complete or absent, and never
 * write an existing object again (evidence is never overwritten). The local store writes a work
 * file, flushes it to disk and links it into place. Files being received stay in a local work
 * folder (`EVIDENCE_DIR/incoming`) whichever store holds the finished ones: several servers share
 * that folder for resumable uploads (docs/decisions.md "Evidence").
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'

export interface EvidenceStorage {
  /** Moves a finished, hashed file into the store under `sha256`; an existing object is left as it is. */
  put(sha256: string, fromFile: string): Promise<void>
  has(sha256: string): Promise<boolean>
  size(sha256: string): Promise<number>
  /** Reads an object, whole or a byte range (inclusive end). */
  open(sha256: string, range?: { start: number; end: number }): Readable
  /** A folder for files being received (uploads); for the local store, on the same file system as the objects. */
  readonly workDir: string
  /** A fresh path in the work folder. */
  tempPath(): Promise<string>
}

/** A fresh path in `workDir`, the folder made if needed. */
export async function tempPathIn(workDir: string): Promise<string> {
  await fsp.mkdir(workDir, { recursive: true })
  return path.join(workDir, `${randomUUID()}.part`)
}

/** The object path of `sha256` under a store's root, the same in a folder and in a bucket. */
export function objectPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256')
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
}

export class LocalEvidenceStorage implements EvidenceStorage {
  readonly workDir: string

  constructor(private readonly dir: string) {
    this.workDir = path.join(dir, 'incoming')
  }

  private pathOf(sha256: string): string {
    return path.join(this.dir, objectPath(sha256))
  }

  async put(sha256: string, fromFile: string): Promise<void> {
    const target = this.pathOf(sha256)
    if (fs.existsSync(target)) {
      await fsp.rm(fromFile, { force: true })
      return
    }
    await fsp.mkdir(path.dirname(target), { recursive: true })
    const handle = await fsp.open(fromFile, 'r')
    await handle.sync()
    await handle.close()
    // link() fails if the target appeared meanwhile (a second upload of the same bytes): nothing is overwritten.
    try {
      await fsp.link(fromFile, target)
    } catch (err: any) {
      if (err.code !== 'EEXIST') throw err
    }
    await fsp.rm(fromFile, { force: true })
    const folder = await fsp.open(path.dirname(target), 'r')
    await folder.sync().catch(() => {})
    await folder.close()
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256))
  }

  async size(sha256: string): Promise<number> {
    return (await fsp.stat(this.pathOf(sha256))).size
  }

  open(sha256: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.pathOf(sha256), range)
  }

  tempPath(): Promise<string> {
    return tempPathIn(this.workDir)
  }
}
