import { defineErrors } from '../../server/errors.ts'

export const EvidenceErrors = defineErrors({
  'evidence.typeRefused': {
    status: 415,
    zh: '不支持该文件类型：证据须为照片（JPEG/PNG/WebP/GIF/HEIC）、录音（MP3/AAC/M4A/AMR/WAV/OGG）、视频（MP4/MOV/3GP/WebM）或文档（PDF/Word/Excel/PowerPoint）',
    en: 'This file type is not accepted: evidence is a photo (JPEG/PNG/WebP/GIF/HEIC), audio (MP3/AAC/M4A/AMR/WAV/OGG), video (MP4/MOV/3GP/WebM) or a document (PDF/Word/Excel/PowerPoint)',
  },
  'evidence.typeMismatch': {
    status: 415,
    zh: '文件内容（{found}）与声明的类型（{declared}）不符',
    en: 'The file\'s content ({found}) does not match its declared type ({declared})',
  },
  'evidence.tooLarge': { status: 413, zh: '文件超过此类证据的大小上限（{limitMb} MB）', en: 'The file exceeds the limit for its kind ({limitMb} MB)' },
  'evidence.digestMismatch': {
    status: 400,
    zh: '文件在传输中受损：收到的内容与手机计算的校验值不符，请重新发送',
    en: 'The file was damaged on the way: what arrived does not match the checksum the phone computed; send it again',
  },
  'evidence.empty': { status: 400, zh: '文件是空的', en: 'The file is empty' },
  'evidence.unreadableImage': { status: 415, zh: '图片无法读取，可能已损坏', en: 'The image cannot be read; it may be damaged' },
  'evidence.unknown': {
    status: 400, zh: '证据 {sha256}… 尚未上传，请先上传文件', en: 'Evidence {sha256}… has not been uploaded; upload the file first',
  },
  'evidence.notFound': { status: 404, zh: '证据文件不存在或您无权查看', en: 'No such evidence file for you' },
  'evidence.uploadNotFound': { status: 404, zh: '上传任务不存在或已过期', en: 'No such upload, or it expired' },
  'evidence.offsetMismatch': {
    status: 409, zh: '续传位置不符，服务器已收到 {offset} 字节，请从该位置继续', en: 'Wrong offset: the server holds {offset} bytes; continue from there',
  },
  'evidence.uploadLost': {
    status: 409, zh: '服务器上找不到此次上传已收到的部分，请重新上传该文件', en: 'The part of this upload received so far is not on the server; upload the file again',
  },
  'evidence.uploadTooLong': { status: 400, zh: '上传内容超过声明的大小（{size} 字节）', en: 'More bytes than the declared size ({size} bytes)' },
  'evidence.offsetRequired': { status: 400, zh: '请在 Upload-Offset 请求头中给出续传位置', en: 'Send the offset in the Upload-Offset header' },
})
