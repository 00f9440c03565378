/**
 * The field app at /field (M4.3): a grid worker's phone. The open tasks of the user's grids and
 * the grids' businesses are listed from what the phone keeps (web/field/store.ts), refreshed
 * whenever there is a signal; `/field/b/<USCC>` (a QR plate's address) opens a business; a
 * task opens on its checklist, photos are taken and prepared on the phone, and "save" puts the
 * finding in the outbox, which is sent in recorded order as soon as the phone is online
 * (web/field/sync.ts). Nothing here needs the network except the refresh and the sending.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { App, Button, Card, Empty, Form, Input, InputNumber, Layout, List, Popconfirm, Radio, Segmented, Space, Spin, Tag, Typography } from 'antd'
import { ArrowLeftOutlined, CameraOutlined, CloudUploadOutlined, DeleteOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../console/LanguageSwitch'
import { ReloginDialog } from '../console/ReloginDialog'
import { formatDate } from '../../src/shared/dates.ts'
import { useSession } from '../lib/session'
import { currentPlace, PhotoRefused, preparePhoto } from './photos'
import { definitionOf, store, type Answer, type EditEntry, type ItemDefinition, type OutboxEntry, type QueuedPhoto, type Task } from './store'
import { refreshBusinesses, refreshTasks, sendEdits, sendOutbox } from './sync'
import { refreshBoundaries, refreshTiles } from './map-sync'
import type { MapFocus } from './FieldMap'
import { EditProblems } from './Corrections'
import { keepAppOnPhone } from './install'
import { BusinessList, BusinessPage } from './BusinessViews'
import { DutySwitch } from './DutySwitch'

// MapLibre loads only when the map is opened; the service worker keeps its chunk for no signal.
const FieldMap = lazy(() => import('./FieldMap'))

type Tab = 'tasks' | 'businesses' | 'map'

/** While findings wait, how often the phone tries again (besides when the browser says it is back online). */
const RETRY_MS = 30_000

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine)
  useEffect(() => {
    const on = () => setOnline(true)
    const off = () => setOnline(false)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
    }
  }, [])
  return online
}

/** The business a QR plate's address names: `/field/b/<USCC>`. */
function usccInPath(): string | null {
  const m = /^\/field\/b\/([0-9A-Za-z]{18})\/?$/.exec(window.location.pathname)
  return m ? m[1].toUpperCase() : null
}

/** Which business is open, kept in the address so that the phone's back button closes it. */
function useOpenBusiness(): [string | null, (uscc: string) => void, () => void] {
  const [uscc, setUscc] = useState<string | null>(usccInPath)
  useEffect(() => {
    const pop = () => setUscc(usccInPath())
    window.addEventListener('popstate', pop)
    return () => window.removeEventListener('popstate', pop)
  }, [])
  const open = useCallback((code: string) => {
    window.history.pushState({ mgField: true }, '', `/field/b/${code}`)
    setUscc(code)
  }, [])
  const close = useCallback(() => {
    // Opened from the list: go back in history. Opened by a scanned plate: there is nothing behind.
    if ((window.history.state as { mgField?: boolean } | null)?.mgField) window.history.back()
    else {
      window.history.replaceState(null, '', '/field')
      setUscc(null)
    }
  }, [])
  return [uscc, open, close]
}

export default function FieldApp() {
  const { t } = useTranslation('field')
  const { message } = App.useApp()
  const { me, can } = useSession()
  const online = useOnline()
  const [tasks, setTasks] = useState<Task[]>([])
  const [outbox, setOutbox] = useState<OutboxEntry[]>([])
  const [edits, setEdits] = useState<EditEntry[]>([])
  const [openId, setOpenId] = useState<number | null>(null)
  const [sending, setSending] = useState(false)
  const [tab, setTab] = useState<Tab>('tasks')
  const [mapFocus, setMapFocus] = useState<MapFocus | null>(null)
  const [businessUscc, openBusiness, closeBusiness] = useOpenBusiness()
  // Bumped after each refresh, so that the business list reads the phone's copy again.
  const [refreshed, setRefreshed] = useState(0)

  const reload = useCallback(async () => {
    setTasks(await store.tasks.orderBy('dueOn').toArray())
    setOutbox(await store.outbox.orderBy('seq').toArray())
    setEdits(await store.edits.orderBy('seq').toArray())
  }, [])

  const sync = useCallback(async (announce: boolean) => {
    setSending(true)
    try {
      const result = await sendOutbox()
      if (announce && result.sent) void message.success(t('sent', { count: result.sent }))
      if (announce && result.waiting) void message.info(t('stillWaiting', { count: result.waiting }))
      await sendEdits()
      try {
        await refreshTasks()
        await refreshBusinesses()
      } catch (e) {
        if (announce) void message.warning(t('refreshFailed', { message: (e as Error).message }))
      }
      // The map of the grids the businesses' answer named: boundaries now (small), tiles in the
      // background (the map reads them again when they are in). A failure keeps the phone's copy.
      try {
        await refreshBoundaries()
        void refreshTiles().then(() => setRefreshed((n) => n + 1), () => undefined)
      } catch {
        // no signal or no session: the map shows what the phone already holds
      }
    } finally {
      setSending(false)
      setRefreshed((n) => n + 1)
      await reload()
    }
  }, [message, reload, t])

  useEffect(() => {
    // Ask the browser to keep this site's storage under pressure: the outbox must not be evicted.
    void navigator.storage?.persist?.()
    keepAppOnPhone()
    void reload()
  }, [reload])

  // Sent and refreshed on opening with a signal, and whenever the signal returns.
  useEffect(() => {
    if (online) void sync(false)
  }, [online, sync])

  // Findings and corrections waiting alike: both go when there is a signal.
  const waiting = outbox.filter((e) => e.state === 'waiting').length + edits.filter((e) => e.state === 'waiting').length
  const hasWaiting = waiting > 0
  useEffect(() => {
    if (!online || !hasWaiting) return
    const timer = setInterval(() => void sync(false), RETRY_MS)
    return () => clearInterval(timer)
  }, [online, hasWaiting, sync])

  const queuedTasks = new Set(outbox.map((e) => e.taskId))
  const refused = outbox.filter((e) => e.state === 'refused')
  const open = tasks.find((task) => task.id === openId)

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }} data-testid="field-app">
      <Layout.Header style={{ background: '#1668dc', padding: '0 12px', display: 'flex', alignItems: 'center', gap: 8, height: 52, lineHeight: '52px' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 17, flex: 1, minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {t('title')} · {me?.displayName}
        </Typography.Text>
        <Tag color={online ? 'green' : 'default'} data-testid="field-online">{online ? t('online') : t('offline')}</Tag>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 640, width: '100%', margin: '0 auto' }}>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Tag color={waiting ? 'orange' : 'green'} style={{ fontSize: 14, padding: '2px 8px' }} data-testid="field-outbox">{t('outbox', { count: waiting })}</Tag>
            <Button icon={<CloudUploadOutlined />} loading={sending} disabled={!online} onClick={() => void sync(true)} data-testid="field-send">
              {sending ? t('sending') : t('sendNow')}
            </Button>
          </Space>
        </Card>

        {can('position.report') && <DutySwitch online={online} />}

        <EditProblems edits={edits} onChanged={() => void reload().then(() => { if (online) void sync(false) })} />

        {refused.length > 0 && (
          <Card size="small" title={t('refused.title')} style={{ marginBottom: 12, borderColor: '#ffa39e' }} data-testid="field-refused">
            {refused.map((e) => (
              <div key={e.id} style={{ marginBottom: 8 }}>
                <Typography.Text type="danger" style={{ display: 'block' }}>{e.refusal}</Typography.Text>
                <Popconfirm title={t('refused.confirm')} onConfirm={() => void store.outbox.delete(e.seq!).then(() => sync(false))}>
                  <Button size="small" danger icon={<DeleteOutlined />}>{t('refused.discard')}</Button>
                </Popconfirm>
              </div>
            ))}
          </Card>
        )}

        {open
          ? (
            <TaskView key={open.id} task={open} onBack={() => setOpenId(null)} onSaved={() => {
              setOpenId(null)
              void message.success(t('task.saved'))
              void reload().then(() => { if (online) void sync(false) })
            }} />
          )
          : businessUscc
            ? (
              <BusinessPage uscc={businessUscc} online={online} tasks={tasks.filter((task) => !queuedTasks.has(task.id))} onBack={closeBusiness}
                onOpenTask={(task) => setOpenId(task.id)} canCorrect={can('business.write') || can('market.keep')}
                onShowOnMap={(b) => {
                  setMapFocus(b.location ? { lng: b.location.lng, lat: b.location.lat } : null)
                  setTab('map')
                  closeBusiness()
                }}
                pendingCorrections={new Set(edits.filter((e) => e.state === 'waiting').map((e) => e.businessId))}
                onCorrected={() => void reload().then(() => { if (online) void sync(false) })} />
            )
            : (
              <>
                <Segmented<Tab> block value={tab} onChange={(v) => { setMapFocus(null); setTab(v) }} style={{ marginBottom: 12 }} data-testid="field-tabs"
                  options={[{ value: 'tasks', label: t('tabs.tasks') }, { value: 'businesses', label: t('tabs.businesses') }, { value: 'map', label: t('tabs.map') }]} />
                {tab === 'businesses'
                  ? <BusinessList key={refreshed} onOpen={(b) => openBusiness(b.uscc)} />
                  : tab === 'map'
                    ? (
                      <Suspense fallback={<Spin style={{ display: 'block', margin: '20vh auto' }} />}>
                        <FieldMap online={online} focus={mapFocus} refreshed={refreshed} onOpen={(uscc) => {
                          // Back from the business comes to the map where it was left, not to the focus.
                          setMapFocus(null)
                          openBusiness(uscc)
                        }} />
                      </Suspense>
                    )
                    : <TaskList tasks={tasks} queued={queuedTasks} onOpen={setOpenId} />}
              </>
            )}
      </Layout.Content>
      {/* A session that ended while the phone was out of reach: log in again over the page; the
          outbox waits, and is sent at the next try. */}
      <ReloginDialog />
    </Layout>
  )
}

function TaskList({ tasks, queued, onOpen }: { tasks: Task[]; queued: Set<number>; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation('field')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  return (
    <Card size="small" title={t('tasks')}>
      {tasks.length === 0
        ? <Empty description={t('noTasks')} />
        : (
          <List<Task> rowKey="id" dataSource={tasks} split data-testid="field-tasks"
            renderItem={(task) => (
              <List.Item onClick={() => !queued.has(task.id) && onOpen(task.id)} style={{ cursor: 'pointer' }} data-testid="field-task">
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong style={{ display: 'block' }}>{task.business?.name ?? t('wholeGrid', { grid: task.gridCode })}</Typography.Text>
                  <Space wrap size={[8, 2]}>
                    <span>{task.itemName[lang]}</span>
                    <span style={{ color: task.overdue ? 'red' : undefined }}>{task.overdue ? t('overdue') : t('due', { date: formatDate(task.dueOn, lang) })}</span>
                    {queued.has(task.id) && <Tag color="orange">{t('queued')}</Tag>}
                  </Space>
                </div>
              </List.Item>
            )} />
        )}
    </Card>
  )
}

/** One task: its checklist, photos and note, saved into the outbox. */
function TaskView({ task, onBack, onSaved }: { task: Task; onBack: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation('field')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const { message } = App.useApp()
  const [form] = Form.useForm<Record<string, Answer | undefined> & { __note?: string }>()
  const [definition, setDefinition] = useState<ItemDefinition | null | undefined>(undefined)
  const [photos, setPhotos] = useState<QueuedPhoto[]>([])
  const [saving, setSaving] = useState(false)
  useEffect(() => { void definitionOf(task).then(setDefinition) }, [task])

  if (definition === undefined) return null
  if (definition === null) return <Card><Empty description={t('task.noDefinition')} /><Button onClick={onBack}>{t('task.back')}</Button></Card>
  const minPhotos = definition.evidence.minPhotos

  const addPhotos = async (files: File[]) => {
    const place = await currentPlace()
    for (const file of files) {
      try {
        const photo = await preparePhoto(file, place)
        setPhotos((p) => [...p, photo])
      } catch (e) {
        void message.error(t(e instanceof PhotoRefused && e.reason === 'tooLarge' ? 'task.tooLarge' : 'task.notImage', { name: file.name }))
      }
    }
  }

  const save = async () => {
    const values = await form.validateFields()
    if (photos.length < minPhotos) {
      void message.error(t('task.photosNeeded', { min: minPhotos }))
      return
    }
    const answers: Record<string, Answer> = {}
    for (const q of definition.checklist) {
      const v = values[q.key]
      if (v !== undefined && v !== null && v !== '') answers[q.key] = v
    }
    setSaving(true)
    try {
      const location = await currentPlace()
      await store.outbox.add({
        id: crypto.randomUUID(), taskId: task.id, answers, photos, recordedAt: new Date().toISOString(), state: 'waiting', attempts: 0,
        ...(values.__note ? { note: values.__note } : {}), ...(location ? { location } : {}),
      })
      onSaved()
    } catch (e) {
      // IndexedDB full: nothing was written, and the form keeps what was entered.
      void message.error((e as Error).name === 'QuotaExceededError' || (e as { inner?: Error }).inner?.name === 'QuotaExceededError' ? t('task.storageFull') : (e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" data-testid="field-task-view"
      title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('task.back')} />{task.business?.name ?? t('wholeGrid', { grid: task.gridCode })}</Space>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {definition.name[lang]}{task.business ? ` · ${t('task.address')}：${task.business.address}` : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        {definition.checklist.map((q) => (
          <Form.Item key={q.key} name={q.key} label={q.text[lang]}
            rules={q.required ? [{ required: true, message: t('task.required', { question: q.text[lang] }) }] : []}>
            {q.answer === 'yesNo'
              ? <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: t('task.yes') }, { value: false, label: t('task.no') }]} />
              : q.answer === 'choice'
                ? <Radio.Group options={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }))} />
                : q.answer === 'number'
                  ? <InputNumber min={0} style={{ width: '100%' }} />
                  : <Input.TextArea rows={2} maxLength={2000} />}
          </Form.Item>
        ))}
        <Form.Item name="__note" label={t('task.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('task.photos')} extra={t('task.photoCount', { count: photos.length, min: minPhotos })}>
          <Space wrap>
            {photos.map((p, i) => (
              <PhotoThumb key={i} photo={p} onRemove={() => setPhotos((all) => all.filter((_, j) => j !== i))} label={t('task.removePhoto')} />
            ))}
            <label className="ant-btn ant-btn-default" style={{ display: 'inline-flex', alignItems: 'center', gap: 6, padding: '4px 12px', cursor: 'pointer', whiteSpace: 'nowrap' }}>
              <CameraOutlined />{t('task.addPhoto')}
              <input type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} data-testid="field-photo-input"
                onChange={(e) => {
                  // copied before the input is cleared (so the same photo can be chosen again): the FileList is live
                  void addPhotos([...(e.target.files ?? [])])
                  e.target.value = ''
                }} />
            </label>
          </Space>
        </Form.Item>
        <Button type="primary" block size="large" loading={saving} onClick={() => void save()} data-testid="field-save">{t('task.save')}</Button>
      </Form>
    </Card>
  )
}

function PhotoThumb({ photo, onRemove, label }: { photo: QueuedPhoto; onRemove: () => void; label: string }) {
  const [url, setUrl] = useState<string>()
  useEffect(() => {
    const u = URL.createObjectURL(photo.blob)
    setUrl(u)
    return () => URL.revokeObjectURL(u)
  }, [photo.blob])
  return (
    <div style={{ position: 'relative' }}>
      <img src={url} alt="" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6, display: 'block' }} data-testid="field-photo" />
      <Button size="small" shape="circle" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={label}
        style={{ position: 'absolute', top: -6, right: -6 }} />
    </div>
  )
}
