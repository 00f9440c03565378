/**
 * The printable page of a case's record (issue 12 item 9): one self-contained HTML document, no
 * script, no external file, A4 print styles, in Chinese or English. Pure: the record in, the page
 * out. Every value goes through `html`, which escapes whatever it is given; characters that make
 * text lie on paper (controls, bidi overrides, broken UTF-16) are printed as their code point,
 * visibly, rather than dropped: a record shows what is stored.
 */
import type { Lang } from '../../server/errors.ts'
import { ROLE_LABELS } from '../access/policy.ts'
import { STATE_LABELS, transitionOf, stepLabel, CASE_ACTIONS, type CaseAction, type CaseState } from './loop.ts'
import { NOTE_LABELS, SOURCE_LABELS } from './rules.ts'
import type { CaseRecord, RecordArea, RecordAuditEvent, RecordEvidence, RecordStep } from './record.ts'
import { formatDateTime } from '../../shared/dates.ts'

// ---------------------------------------------------------------- escaping

/** Markup already escaped; only `html` makes it. */
class Html {
  constructor(readonly text: string) {}
}

/** Whether a code point would make printed text lie: the same set the input guard refuses (src/server/input-guard.ts). */
function isDeceptive(cp: number): boolean {
  if (cp < 0x20) return cp !== 0x09 && cp !== 0x0a && cp !== 0x0d
  return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0xd800 && cp <= 0xdfff)
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Text as HTML: markup characters as entities, and a control character, a bidi override or a lone
 * surrogate as a visible ⟨U+XXXX⟩ (iterating by code point, a lone surrogate comes alone).
 */
export function escapeHtml(text: string): string {
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (isDeceptive(cp)) out += `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`
    else out += ENTITIES[ch] ?? ch
  }
  return out
}

type Part = Html | string | number | null | undefined | false | Part[]

const render = (v: Part): string =>
  v instanceof Html ? v.text : Array.isArray(v) ? v.map(render).join('') : v === null || v === undefined || v === false ? '' : escapeHtml(String(v))

/** A template whose every value is escaped unless it is itself `html`. */
function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]
  values.forEach((v, i) => (out += render(v) + strings[i + 1]))
  return new Html(out)
}

// ---------------------------------------------------------------- words

const TEXT = {
  zh: {
    title: '事件办理全过程记录', printHint: '用浏览器的“打印”（Ctrl+P / ⌘P）打印本页，或在打印对话框中选择“另存为 PDF”。',
    times: '时间均为北京时间（UTC+8）。',
    overview: '事件概况', trackingNo: '受理编号', caseTitle: '标题', category: '类别', emergency: '紧急', source: '来源', state: '当前状态',
    grid: '所属网格', noGrid: '尚未落入网格（待指挥中心派遣）', holder: '当前承办', department: '移送部门', place: '地点',
    business: '所涉市场主体', uscc: '统一社会信用代码', description: '事件描述', contact: '投诉人', contactMasked: '已脱敏；完整联系方式须另行查看并留痕',
    contactName: '姓名', contactPhone: '电话', contactEmail: '邮箱', none: '无', filedAt: '登记时间', dueAt: '当前期限', overdue: '超期',
    overdueLevel: (at: string, level: number) => `${at} 起超期（第 ${level} 级）`, closedAt: '办结时间', mergedInto: '已合并到', rating: '公众评价',
    version: '版本', steps: '办理过程', stepCount: (n: number) => `共 ${n} 步，按发生先后排列。`, at: '时间', who: '办理人', system: '系统（期限监控）',
    publicUser: '公众（门户）或外部平台', roleNow: '办理人的岗位与辖区为打印时其账户所示。', stateChange: '状态', note: '记录内容', changes: '变更', deadline: '本步期限',
    location: '办理位置', evidence: '证据', file: '文件名', type: '类型', size: '大小', captured: '拍摄时间 / 地点', sha256: 'SHA-256',
    notStored: '（证据库中无此文件记录）', bytes: '字节', otherEvidence: '其他附于本事件的证据', otherEvidenceNote: '以下证据附于本事件，但不属于任何一步。',
    audit: '审计记录', auditNote: '本事件的全部审计事件（按链上顺序）。每条事件的哈希由其内容与前一条事件的哈希计算得出；审计管理员可校验整条审计链（审计日志 › 校验审计链，或 market-grid verify-audit），并按编号核对本页所列事件。IP 地址不在本页打印，但包含在哈希中。',
    eventId: '编号', user: '用户', action: '操作', result: '结果', details: '详情', hash: '哈希', prevHash: '前一哈希', key: '密钥',
    results: { ok: '成功', denied: '拒绝', failed: '失败' } as Record<string, string>,
    generated: '生成信息', generatedBy: '生成人', generatedAt: '生成时间', exportEvent: '本次生成的审计事件',
    proves: '本页所列证据文件的 SHA-256 可用任何工具复核（如 sha256sum 文件名）：哈希相同即文件未被改动。审计事件编号与哈希可在审计链中逐条核对；本次生成本身也已记入审计链（上列事件）。',
    wgs84: 'WGS84', step: '第', stepSuffix: '步', colon: '：', sep: '；', open: '（', close: '）',
  },
  en: {
    title: 'Case record', printHint: 'Print this page with your browser (Ctrl+P / ⌘P), or choose "Save as PDF" in the print dialogue.',
    times: 'All times are Beijing time (UTC+8).',
    overview: 'The case', trackingNo: 'Tracking no.', caseTitle: 'Title', category: 'Category', emergency: 'Emergency', source: 'Source', state: 'Current state',
    grid: 'Grid', noGrid: 'Not in a grid yet (awaiting dispatch by the command centre)', holder: 'Held by', department: 'Referred to', place: 'Place',
    business: 'Business concerned', uscc: 'Unified social credit code', description: 'Description', contact: 'Complainant', contactMasked: 'masked; the full details are a separate, audited request',
    contactName: 'Name', contactPhone: 'Phone', contactEmail: 'E-mail', none: 'none', filedAt: 'Filed', dueAt: 'Current deadline', overdue: 'Overdue',
    overdueLevel: (at: string, level: number) => `since ${at} (level ${level})`, closedAt: 'Closed', mergedInto: 'Merged into', rating: 'Rating by the public',
    version: 'Version', steps: 'Steps', stepCount: (n: number) => `${n} steps, in the order they were taken.`, at: 'Time', who: 'Taken by', system: 'System (deadline watch)',
    publicUser: 'The public (portal) or another platform', roleNow: 'The roles and areas of the people are those their accounts show at printing.', stateChange: 'State', note: 'Note', changes: 'Changes', deadline: 'Deadline of the step',
    location: 'Where taken', evidence: 'Evidence', file: 'File name', type: 'Type', size: 'Size', captured: 'Captured (time / place)', sha256: 'SHA-256',
    notStored: '(no such file in the evidence store)', bytes: 'bytes', otherEvidence: 'Other evidence attached to the case', otherEvidenceNote: 'These files are attached to the case but not to any step.',
    audit: 'Audit events', auditNote: 'Every audit event of the case, in chain order. Each event\'s hash is computed from its content and the hash of the event before it; the audit administrator can verify the whole chain (Audit log › Verify, or market-grid verify-audit) and check each event listed here by its number. IP addresses are not printed here but are covered by the hash.',
    eventId: 'No.', user: 'User', action: 'Action', result: 'Result', details: 'Details', hash: 'Hash', prevHash: 'Previous hash', key: 'Key',
    results: { ok: 'OK', denied: 'Denied', failed: 'Failed' } as Record<string, string>,
    generated: 'About this record', generatedBy: 'Generated by', generatedAt: 'Generated at', exportEvent: 'Audit event of this export',
    proves: 'The SHA-256 of each evidence file listed can be checked with any tool (e.g. sha256sum FILE): the same hash means the file is unchanged. Audit events can be checked one by one against the chain by number and hash; generating this record is itself an event of the chain (above).',
    wgs84: 'WGS84', step: 'Step', stepSuffix: '', colon: ': ', sep: '; ', open: ' (', close: ')',
  },
}
const AUDIT_ACTIONS: Record<string, { zh: string; en: string }> = {
  'case.created': { zh: '登记事件', en: 'Case filed' },
  'case.contactRevealed': { zh: '查看投诉人联系方式', en: 'Complainant\'s contact viewed' },
  'case.rated': { zh: '公众评价', en: 'Rated by the complainant' },
  'case.recordExported': { zh: '导出办理记录', en: 'Record exported' },
  'case.deadlineMissed': stepLabel('deadlineMissed'),
  'case.overdueEscalated': stepLabel('overdueEscalated'),
}

const CHANGE_FIELDS: Record<string, { zh: string; en: string }> = {
  state: { zh: '状态', en: 'state' },
  gridCode: { zh: '网格', en: 'grid' },
  holderCode: { zh: '承办区域', en: 'held by' },
  departmentCode: { zh: '移送部门', en: 'department' },
  dueAt: { zh: '期限', en: 'deadline' },
  mergedInto: { zh: '合并到', en: 'merged into' },
  mergedFrom: { zh: '合并自', en: 'merged from' },
  overdueLevel: { zh: '超期级别', en: 'overdue level' },
  rating: { zh: '评价', en: 'rating' },
}

// ---------------------------------------------------------------- the page

/** The record as one printable HTML document in `lang`. */
export function renderCaseRecord(r: CaseRecord, lang: Lang): string {
  const k: 'zh' | 'en' = lang === 'en' ? 'en' : 'zh'
  const w = TEXT[k]
  const label = (l: { zh: string; en: string }) => l[k]
  const named = (name: string | null | undefined, code: string) => (name ? `${name}${w.open}${code}${w.close}` : code)
  const areaText = (a: RecordArea) => named(a.name, a.code)
  const codeName = (code: string) => named(r.areaNames[code], code)
  // The console's one format (src/shared/dates.ts): Beijing time, one format per language.
  const when = (t: string | null) => formatDateTime(t, k)
  const coords = (p: { lng: number; lat: number } | null) => (p ? `${p.lng.toFixed(6)}, ${p.lat.toFixed(6)} (${w.wgs84})` : '')
  const stateText = (s: CaseState | null) => (s ? label(STATE_LABELS[s]) : '—')
  // Only the tracking number goes into CSS (the page header): it is generated, but filtered anyway.
  const cssTrackingNo = r.trackingNo.replace(/[^A-Z0-9-]/g, '')

  const row = (th: Part, td: Part, cls = '') => html`<tr><th>${th}</th><td${cls ? new Html(` class="${cls}"`) : ''}>${td}</td></tr>`

  const overview = html`
<section class="part" id="overview">
  <h2>${w.overview}</h2>
  <table class="kv">
    ${row(w.trackingNo, html`<strong>${r.trackingNo}</strong>`)}
    ${row(w.caseTitle, r.title, 'text')}
    ${row(w.category, html`${label(r.category)}${r.emergency ? html` <span class="flag">${w.emergency}</span>` : ''}`)}
    ${row(w.source, label(SOURCE_LABELS[r.source]))}
    ${row(w.state, html`<strong>${stateText(r.state)}</strong>`)}
    ${row(w.grid, r.grid ? r.areaChain.map(areaText).join(' › ') : w.noGrid)}
    ${r.holder.code !== r.grid?.code ? row(w.holder, r.grid ? areaText(r.holder) : r.areaChain.map(areaText).join(' › ')) : ''}
    ${r.department ? row(w.department, named(label(r.department), r.department.code)) : ''}
    ${row(w.place, html`${r.address ?? ''}${r.address && r.location ? html`<br>` : ''}${coords(r.location)}`)}
    ${r.business ? row(w.business, html`${r.business.name}<br>${w.uscc}${w.colon}<span class="mono">${r.business.uscc}</span>`) : ''}
    ${row(w.description, r.description, 'text')}
    ${row(w.contact, r.contact
      ? html`${[[w.contactName, r.contact.name], [w.contactPhone, r.contact.phone], [w.contactEmail, r.contact.email]].map(([l, v]) => `${l}${w.colon}${v ?? '—'}`).join(w.sep)}<br><span class="note">${w.open.trim()}${w.contactMasked}${w.close}</span>`
      : w.none)}
    ${row(w.filedAt, when(r.createdAt))}
    ${r.dueAt ? row(w.dueAt, when(r.dueAt)) : ''}
    ${r.overdueAt ? row(w.overdue, w.overdueLevel(when(r.overdueAt), r.overdueLevel)) : ''}
    ${r.closedAt ? row(w.closedAt, when(r.closedAt)) : ''}
    ${r.mergedInto ? row(w.mergedInto, r.mergedInto.trackingNo ?? `#${r.mergedInto.id}`) : ''}
    ${r.rating !== null ? row(w.rating, `${'★'.repeat(r.rating)}${'☆'.repeat(5 - r.rating)}${w.open}${r.rating}/5${w.close}`) : ''}
    ${row(w.version, r.version)}
  </table>
</section>`

  const evidenceTable = (items: RecordEvidence[]) => html`
    <table class="evidence">
      <thead><tr><th>${w.file}</th><th>${w.type}</th><th>${w.size}</th><th>${w.captured}</th></tr></thead>
      <tbody>${items.map((e) => html`
        <tr><td>${e.name ?? '—'}</td><td>${e.stored ? e.mediaType : ''}</td><td>${e.stored ? sizeText(e.size, w.bytes) : ''}</td>
          <td>${[when(e.capturedAt), coords(e.location)].filter(Boolean).join(' / ')}</td></tr>
        <tr class="hashrow"><td colspan="4">${w.sha256}${w.colon}<span class="hash">${e.sha256}</span>${e.stored ? '' : ` ${w.notStored}`}</td></tr>`)}
      </tbody>
    </table>`

  const who = (s: RecordStep) => {
    if (!s.actor) return s.action === 'rate' || s.action === 'create' ? w.publicUser : w.system
    const roles = s.actor.roles.map((role) => (ROLE_LABELS[role] ? label(ROLE_LABELS[role]) : role)).join('、')
    const scope = s.actor.scope === null ? '' : s.actor.scope === '' ? '' : codeName(s.actor.scope)
    return html`${s.actor.name ?? '—'}${s.actor.username ? html` <span class="mono">(${s.actor.username})</span>` : ''}${roles || scope ? html`<br><span class="note">${[roles, scope].filter(Boolean).join(' · ')}</span>` : ''}`
  }

  const noteLabel = (action: string) => {
    const note = (CASE_ACTIONS as readonly string[]).includes(action) ? transitionOf(action as CaseAction).requires.note : undefined
    const l = note ? NOTE_LABELS[note][k] : w.note
    return l.charAt(0).toUpperCase() + l.slice(1)
  }

  const changeValue = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return '—'
    if (field === 'state' && typeof v === 'string' && v in STATE_LABELS) return label(STATE_LABELS[v as CaseState])
    if ((field === 'gridCode' || field === 'holderCode') && typeof v === 'string') return codeName(v)
    if (field === 'departmentCode' && typeof v === 'string') return named(r.departmentNames[v] && label(r.departmentNames[v]), v)
    if ((field === 'mergedInto' || field === 'mergedFrom') && typeof v === 'number') return r.caseNumbers[v] ?? `#${v}`
    if (field === 'dueAt' && typeof v === 'string') return when(v)
    return typeof v === 'string' ? v : JSON.stringify(v)
  }
  const changesOf = (s: RecordStep) => Object.entries(s.changes ?? {})
    .filter(([field]) => field !== 'state')
      .map(([field, c]) => `${CHANGE_FIELDS[field] ? label(CHANGE_FIELDS[field]) : field}${w.colon}${changeValue(field, c.from)} → ${changeValue(field, c.to)}`)

  const stepBlock = (s: RecordStep, i: number) => {
    const changes = changesOf(s)
    return html`
  <div class="step">
    <h3>${k === 'zh' ? `${w.step} ${i + 1} ${w.stepSuffix}` : `${w.step} ${i + 1}`} · ${label(stepLabel(s.action))} <span class="code">${s.action}</span></h3>
    <table class="kv">
      ${row(w.at, when(s.at))}
      ${row(w.who, who(s))}
      ${row(w.stateChange, s.fromState === s.toState ? stateText(s.toState) : `${stateText(s.fromState)} → ${stateText(s.toState)}`)}
      ${s.note ? row(noteLabel(s.action), s.note, 'text') : ''}
      ${changes.length ? row(w.changes, html`${changes.map((c, j) => html`${j ? html`<br>` : ''}${c}`)}`) : ''}
      ${s.dueAt ? row(w.deadline, when(s.dueAt)) : ''}
      ${s.location ? row(w.location, coords(s.location)) : ''}
    </table>
    ${s.evidence.length ? html`<div class="evidence-title">${w.evidence}${w.open}${s.evidence.length}${w.close}</div>${evidenceTable(s.evidence)}` : ''}
  </div>`
  }

  const steps = html`
<section class="part" id="steps">
  <h2>${w.steps}</h2>
  <p class="note">${w.stepCount(r.steps.length)} ${w.times} ${w.roleNow}</p>
  ${r.steps.map(stepBlock)}
  ${r.otherEvidence.length ? html`<h3>${w.otherEvidence}</h3><p class="note">${w.otherEvidenceNote}</p>${evidenceTable(r.otherEvidence)}` : ''}
</section>`

  const auditAction = (a: string) => {
    const known = AUDIT_ACTIONS[a] ?? (a.startsWith('case.') && (CASE_ACTIONS as readonly string[]).includes(a.slice(5)) ? stepLabel(a.slice(5)) : null)
    return html`${known ? label(known) : ''}<br><span class="code">${a}</span>`
  }
  const auditRow = (e: RecordAuditEvent) => html`
      <tr><td class="mono">${e.id}</td><td class="time">${when(e.at)}</td><td>${e.username ?? (e.userId === null ? w.system : `#${e.userId}`)}</td>
        <td>${auditAction(e.action)}</td><td>${w.results[e.result] ?? e.result}</td></tr>
      <tr class="hashrow"><td colspan="5">${e.details === null || e.details === undefined ? '' : html`<div class="details">${w.details}${w.colon}${JSON.stringify(e.details)}</div>`}
        ${w.hash}${w.colon}<span class="hash">${e.hash}</span><br>${w.prevHash}${w.colon}<span class="hash">${e.prevHash}</span>${e.keyId ? html`<br>${w.key}${w.colon}<span class="mono">${e.keyId}</span>` : ''}</td></tr>`

  const audit = html`
<section class="part" id="audit">
  <h2>${w.audit}</h2>
  <p class="note">${w.auditNote}</p>
  <table class="audit">
    <thead><tr><th>${w.eventId}</th><th>${w.at}</th><th>${w.user}</th><th>${w.action}</th><th>${w.result}</th></tr></thead>
    <tbody>${r.audit.map(auditRow)}</tbody>
  </table>
</section>`

  const footer = html`
<footer class="generated" id="generated">
  <h2>${w.generated}</h2>
  <table class="kv">
    ${row(w.generatedBy, html`${r.generated.displayName} <span class="mono">(${r.generated.username})</span>`)}
    ${row(w.generatedAt, when(r.generated.at))}
    ${row(w.exportEvent, html`<span class="mono">#${r.generated.eventId}</span><br><span class="hash">${r.generated.hash}</span>`)}
  </table>
  <p class="note">${w.proves}</p>
</footer>`

  return `<!DOCTYPE html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${w.title} ${r.trackingNo}`)}</title>
<style>${STYLE.replace('TRACKING_NO', cssTrackingNo)}</style>
</head>
<body>
<header>
  <p class="screen-only hint">${escapeHtml(w.printHint)}</p>
  <h1>${escapeHtml(w.title)}</h1>
  <p class="subtitle"><strong>${escapeHtml(r.trackingNo)}</strong> · ${escapeHtml(r.title)}</p>
</header>
${overview.text}
${steps.text}
${audit.text}
${footer.text}
</body>
</html>
`
}

function sizeText(bytes: number, unit: string): string {
  const units = ['KB', 'MB', 'GB']
  let v = bytes
  let u = ''
  for (const next of units) {
    if (v < 1024) break
    v /= 1024
    u = next
  }
  const exact = `${bytes.toLocaleString('en-US')} ${unit}`
  return u ? `${v.toFixed(1)} ${u} (${exact})` : exact
}

// A4, black on white, each part on its own page, no step or table row split across pages; the
// hashes in a monospace face that breaks anywhere, so that 64 hex digits never overflow.
const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @top-right { content: "TRACKING_NO"; font-size: 8pt; color: #555; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 4mm; color: #000; background: #fff; font-size: 10pt; line-height: 1.5;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; border-bottom: 1.5pt solid #000; padding-bottom: 1mm; margin: 6mm 0 3mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.subtitle { font-size: 11pt; margin: 0 0 4mm; }
.hint { background: #fffbe6; border: 1px solid #ffe58f; padding: 2mm 3mm; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
th, td { border: 0.5pt solid #888; padding: 1mm 1.6mm; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.kv th { width: 30mm; background: #f2f2f2; font-weight: normal; white-space: nowrap; }
table.evidence th, table.audit th { background: #f2f2f2; font-weight: normal; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
div.details { overflow-wrap: anywhere; }
td.time { white-space: nowrap; }
tr.hashrow td { border-top: none; font-size: 7.5pt; }
tr.hashrow { break-before: avoid; }
.mono, .code, .hash { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; }
.code { font-size: 8pt; color: #555; font-weight: normal; }
.hash { font-size: 7.5pt; word-break: break-all; }
.note { color: #444; font-size: 8.5pt; }
.flag { border: 1pt solid #000; padding: 0 1mm; font-weight: bold; }
.step, .generated { break-inside: avoid; margin-bottom: 3mm; }
.evidence-title { font-size: 9pt; margin-top: 1mm; }
@media print {
  body { max-width: none; padding: 0; }
  .screen-only { display: none; }
  .part + .part { break-before: page; }
}
`
