/**
 * QR address plates (issue 15 §4): an A4 sheet of plates for a grid's businesses, eight to a page,
 * to cut out and fix at each door. Each plate carries the business's name, address and unified
 * social credit code and a QR code of the field app's address for it (`/field/b/<USCC>`): scanned
 * with the phone's camera it opens the business in the field app, which finds it on the phone when
 * there is no signal (web/field). The USCC, not the database id, is in the code: it is printed
 * beside it, it never changes, and it means the same business after an export and re-import.
 */
import { encode } from 'uqr'
import type { Db } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { A4, courierWidth, PdfDocument, songWidth, type PdfPage } from '../../server/pdf.ts'
import { authorize, isInScope, type Actor } from '../access/policy.ts'

export interface Plate {
  uscc: string
  name: string
  address: string
  gridCode: string
  gridName: string
}

/** What a plate's QR code holds: the field app's address of the business. */
const plateUrl = (baseUrl: string, uscc: string) => `${baseUrl.replace(/\/+$/, '')}/field/b/${uscc}`

const MARGIN = 28
const COLUMNS = 2
const ROWS = 4
const PLATE_W = (A4.width - 2 * MARGIN) / COLUMNS
const PLATE_H = (A4.height - 2 * MARGIN) / ROWS
const PAD = 12
/** The QR code's side with its quiet zone of four modules, in points: about 4.5 cm, read from a metre away. */
const QR_SIDE = 128
const QUIET_MODULES = 4

/** The plate's box on the page: left, bottom, in points. Exported for the test that decodes each code. */
export function plateBox(index: number): { x: number; y: number; width: number; height: number; qr: { x: number; y: number; side: number } } {
  const slot = index % (COLUMNS * ROWS)
  const x = MARGIN + (slot % COLUMNS) * PLATE_W
  const y = A4.height - MARGIN - (Math.floor(slot / COLUMNS) + 1) * PLATE_H
  return { x, y, width: PLATE_W, height: PLATE_H, qr: { x: x + PAD, y: y + PAD + 10, side: QR_SIDE } }
}

/** The dark modules as rectangles, a run of neighbours in a row drawn as one. */
function qrRects(text: string, left: number, bottom: number, side: number): Array<[number, number, number, number]> {
  const { data, size } = encode(text, { ecc: 'M', border: 0 })
  // A whole hundredth of a point: neighbouring modules then share their edges exactly, with no
  // hairline between them where a printer would show white.
  const unit = Math.floor((side / (size + 2 * QUIET_MODULES)) * 100) / 100
  const rects: Array<[number, number, number, number]> = []
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row][col]) continue
      let end = col
      while (end + 1 < size && data[row][end + 1]) end++
      rects.push([left + (QUIET_MODULES + col) * unit, bottom + side - (QUIET_MODULES + row + 1) * unit, (end - col + 1) * unit, unit])
      col = end
    }
  }
  return rects
}

/** Splits text into at most `maxLines` lines of `width` points at `size`; what does not fit ends in "…". */
export function wrapText(text: string, size: number, width: number, maxLines: number): string[] {
  const fits = (s: string) => songWidth(s) * size <= width
  const lines: string[] = []
  let line = ''
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    if (!fits(line + ch)) {
      if (lines.length === maxLines - 1) {
        while (line && !fits(line + '…')) line = [...line].slice(0, -1).join('')
        return [...lines, line + '…']
      }
      lines.push(line)
      line = ''
    }
    line += ch
  }
  return line ? [...lines, line] : lines
}

function drawPlate(page: PdfPage, index: number, plate: Plate, baseUrl: string, lang: 'zh' | 'en') {
  const box = plateBox(index)
  page.dashedRect(box.x, box.y, box.width, box.height)
  const top = box.y + box.height - PAD
  page.text(box.x + PAD, top - 9, 9, lang === 'en' ? 'Market supervision · business plate' : '市场监管网格 · 市场主体门牌', 'song', 0.35)
  page.fillRects(qrRects(plateUrl(baseUrl, plate.uscc), box.qr.x, box.qr.y, box.qr.side))
  page.text(box.qr.x + 8, box.y + PAD, 8, lang === 'en' ? 'Scan to open in the field app' : '巡查扫码 · 打开主体', 'song', 0.35)

  const left = box.qr.x + QR_SIDE + 8
  const width = box.x + box.width - PAD - left
  let y = top - 28
  for (const line of wrapText(plate.name, 13, width, 3)) {
    page.text(left, y, 13, line)
    y -= 17
  }
  y -= 4
  for (const line of wrapText(plate.address, 8.5, width, 4)) {
    page.text(left, y, 8.5, line, 'song', 0.2)
    y -= 11.5
  }
  const codeSize = Math.min(8.5, width / courierWidth(plate.uscc))
  page.text(left, box.y + PAD + 26, 7.5, lang === 'en' ? 'Unified social credit code' : '统一社会信用代码', 'song', 0.35)
  page.text(left, box.y + PAD + 15, codeSize, plate.uscc, 'courier')
  page.text(left, box.y + PAD, 7.5, wrapText(`${lang === 'en' ? 'Grid' : '网格'} ${plate.gridCode} ${plate.gridName}`, 7.5, width, 1)[0], 'song', 0.35)
}

/**
 * The sheet of plates, in the order given. A plate costs about a millisecond (the QR code's masks),
 * so a grid of 2,000 costs seconds: the event loop is given back after each page, and the server
 * goes on answering others meanwhile.
 */
export async function platesPdf(plates: Plate[], baseUrl: string, title: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const doc = new PdfDocument(title)
  let page: PdfPage | null = null
  for (const [i, plate] of plates.entries()) {
    if (i % (COLUMNS * ROWS) === 0) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve))
      page = doc.addPage()
    }
    drawPlate(page!, i, plate, baseUrl, lang)
  }
  return doc.toBuffer()
}

/** A grid's plates, more than any grid holds: a bound on one sheet (625 pages). */
const PLATES_MAX = 5_000

/**
 * The plates of a grid's businesses in the order of their addresses (the order a walk along the
 * street meets them), or of one business (`uscc`) to replace a lost plate.
 */
export async function gridPlates(db: Db, actor: Actor, grid: string, uscc?: string): Promise<Plate[]> {
  authorize(actor, 'business.read')
  if (!isInScope(actor, grid)) throw new AppError('business.gridOutsideScope', { grid })
  const params: unknown[] = [grid]
  if (uscc) params.push(uscc)
  const { rows } = await db.query<{ uscc: string; name: string; address: string; grid_code: string; grid_name: string }>(
    `SELECT b.uscc, b.name, coalesce(nullif(b.actual_address, ''), b.registered_address) AS address, b.grid_code, g.name AS grid_name
     FROM businesses b JOIN grids g ON g.code = b.grid_code
     WHERE b.grid_code = $1 ${uscc ? 'AND b.uscc = $2' : ''}
     ORDER BY address, b.uscc LIMIT ${PLATES_MAX}`, params)
  if (rows.length === 0) throw new AppError('business.noPlates', { grid })
  return rows.map((r) => ({ uscc: r.uscc, name: r.name, address: r.address, gridCode: r.grid_code, gridName: r.grid_name }))
}
