/**
 * Reads a PDF as a person would see it: pdf.js (Mozilla's reader, the one in Firefox) lays out each
 * page and paints it on a canvas, so a test can decode what is printed and read its text.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCanvas } from '@napi-rs/canvas'
import jsQRModule from 'jsqr'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'

// jsqr is CommonJS typed as an ES default export: at run time the default import is the function.
type JsQr = typeof jsQRModule extends { default: infer D } ? D : typeof jsQRModule
const jsQR = ((jsQRModule as { default?: JsQr }).default ?? jsQRModule) as JsQr
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/pdfjs-dist/')

export interface RenderedPage {
  width: number
  height: number
  /** pixels per point */
  scale: number
  text: string[]
  /** the RGBA pixels of a box given in PDF points from the bottom-left corner */
  crop(box: Box): { data: Uint8ClampedArray; width: number; height: number }
  /** the text of the QR code painted in the box, or null when none can be read */
  qrIn(box: Box): string | null
}

type Box = { x: number; y: number; width: number; height: number }

export async function openPdf(bytes: Buffer): Promise<{ pages: number; render(pageNumber: number, scale?: number): Promise<RenderedPage> }> {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes), cMapUrl: root + 'cmaps/', cMapPacked: true, standardFontDataUrl: root + 'standard_fonts/', verbosity: 0,
  }).promise
  return {
    pages: doc.numPages,
    async render(pageNumber, scale = 2) {
      const page = await doc.getPage(pageNumber)
      const viewport = page.getViewport({ scale })
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
      const context = canvas.getContext('2d')
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise
      const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).filter(Boolean)
      const pageHeight = viewport.height / scale
      const crop = (box: Box) => {
        const img = context.getImageData(Math.round(box.x * scale), Math.round((pageHeight - box.y - box.height) * scale),
          Math.round(box.width * scale), Math.round(box.height * scale))
        return { data: img.data, width: img.width, height: img.height }
      }
      return {
        width: canvas.width, height: canvas.height, scale, text, crop,
        qrIn(box) {
          const img = crop(box)
          return jsQR(img.data, img.width, img.height)?.data ?? null
        },
      }
    },
  }
}
