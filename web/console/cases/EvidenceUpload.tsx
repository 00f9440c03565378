/**
 * Evidence for a step: photos, audio, video and documents. A small file goes up in one request; a
 * large one (a video from a phone on a poor connection) in chunks of a resumable upload, which
 * after a broken request asks the server where it stands and goes on from there. The server reads
 * each file's type from its bytes and refuses what it does not take; the refusal is shown by the file.
 */
import { useState } from 'react'
import { Button, Typography, Upload, type UploadFile } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api/client'
import { send, sendFile } from '../../lib/api/send'
import type { Evidence } from './queries'

/** Above this a file goes up in chunks. */
const RESUMABLE_FROM = 8 * 1024 * 1024
const CHUNK = 4 * 1024 * 1024
/** Broken chunk requests tolerated in a row before the upload is given up (the user may try again). */
const RETRIES = 5

interface UploadState { id: string; size: number; offset: number; done: boolean; evidence: Evidence | null }

async function uploadResumable(file: File, onProgress: (percent: number) => void): Promise<Evidence> {
  let state = await send<UploadState>('/api/evidence/uploads', {
    method: 'POST', body: JSON.stringify({ size: file.size, mediaType: file.type || 'application/octet-stream', name: file.name }),
    headers: { 'Content-Type': 'application/json' },
  })
  let failures = 0
  while (!state.done) {
    try {
      state = await send<UploadState>(`/api/evidence/uploads/${state.id}`, {
        method: 'PATCH', body: file.slice(state.offset, state.offset + CHUNK),
        headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(state.offset) },
      })
      failures = 0
    } catch (e) {
      // A refusal (wrong type, too large) is final; a broken connection is not: ask where it stands.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.code !== 'evidence.offsetMismatch') throw e
      if (++failures > RETRIES) throw e
      await new Promise((r) => setTimeout(r, 500 * failures))
      state = await send<UploadState>(`/api/evidence/uploads/${state.id}`, { method: 'GET' })
    }
    onProgress(Math.floor((state.offset / state.size) * 100))
  }
  return state.evidence!
}

function uploadEvidence(file: File, onProgress: (percent: number) => void): Promise<Evidence> {
  return file.size > RESUMABLE_FROM ? uploadResumable(file, onProgress) : sendFile<Evidence>('/api/evidence', file, file.name)
}

export function EvidenceUpload({ onChange }: { onChange: (sha256s: string[]) => void }) {
  const { t } = useTranslation('cases')
  const [files, setFiles] = useState<UploadFile<Evidence>[]>([])

  function update(next: UploadFile<Evidence>[]) {
    setFiles(next)
    onChange(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.sha256))
  }

  return (
    <div data-testid="evidence-upload">
      <Upload<Evidence>
        multiple
        fileList={files}
        listType="picture"
        onChange={({ fileList }) => update(fileList)}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          uploadEvidence(file as File, (percent) => onProgress?.({ percent }))
            .then((evidence) => onSuccess?.(evidence))
            .catch((e: Error) => onError?.(Object.assign(e, { message: t('upload.failed', { name: (file as File).name, message: e.message }) })))
        }}
        itemRender={(node, file) => (file.status === 'error'
          ? <div data-testid="evidence-error">{node}<Typography.Text type="danger">{file.error?.message}</Typography.Text></div>
          : node)}
      >
        <Button icon={<UploadOutlined />}>{t('upload.add')}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('upload.hint')}</Typography.Text>
    </div>
  )
}
