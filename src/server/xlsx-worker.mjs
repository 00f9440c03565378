// Reads the first sheet of an xlsx in a worker thread (issue 11 §4): a workbook that inflates beyond
// what its zip directory declared runs out of this worker's memory cap, not the server's, and the
// server's event loop (health checks, other users) keeps running meanwhile. Plain JavaScript, so
// that it loads the same under node, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads'
import ExcelJS from 'exceljs'

function cellText(value) {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('result' in value) return cellText(value.result)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
  }
  return String(value)
}

const { file, maxRows, batchSize } = workerData
const workbook = new ExcelJS.Workbook()
try {
  await workbook.xlsx.load(file)
} catch (err) {
  parentPort.postMessage({ kind: 'bad', reason: err?.message ?? String(err) })
  process.exit(0)
}
const sheet = workbook.worksheets[0]
const batches = []
let batch = []
let rows = 0
let tooMany = false
sheet?.eachRow({ includeEmpty: false }, (r) => {
  if (tooMany) return
  const values = r.values.slice(1).map(cellText)
  if (values.every((v) => v.trim() === '')) return
  if (++rows > maxRows) {
    tooMany = true
    return
  }
  batch.push({ row: r.number, cells: values.map((v) => v.trim()) })
  if (batch.length >= batchSize) {
    batches.push(batch)
    batch = []
  }
})
if (batch.length) batches.push(batch)
parentPort.postMessage(tooMany ? { kind: 'tooManyRows' } : { kind: 'rows', batches })
