/**
 * On duty, sharing the position (M5.1): a switch on the phone. Going on duty asks for the user's
 * consent first, in words that say what is shared, how often, who sees it and for how long; the
 * server refuses it without. While on duty and online the phone reports where it is at the
 * server's interval; a fix that cannot be sent is dropped, not queued: the command centre wants to
 * know where people are, not where they were. Off duty stops the reports at once.
 */
import { useCallback, useEffect, useState } from 'react'
import { App, Card, Space, Switch, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../lib/api/client'
import { currentPlace } from './photos'

type Duty = Awaited<ReturnType<typeof fetchDuty>>
const fetchDuty = () => unwrap(api.GET('/api/positions/duty'))

export function DutySwitch({ online }: { online: boolean }) {
  const { t } = useTranslation('field')
  const { modal, message } = App.useApp()
  const [duty, setDuty] = useState<Duty | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (online) void fetchDuty().then(setDuty, () => undefined)
  }, [online])

  const report = useCallback(async () => {
    const place = await currentPlace()
    if (!place) return
    try {
      await unwrap(api.POST('/api/positions', { body: { fixes: [{ ...place, recordedAt: new Date().toISOString() }] } }))
    } catch {
      // no signal, or taken off duty elsewhere: the next report or refresh says so
    }
  }, [])

  const onDuty = !!duty?.onDuty
  const interval = duty?.intervalSeconds
  useEffect(() => {
    if (!onDuty || !online || !interval) return
    void report()
    const timer = setInterval(() => void report(), interval * 1000)
    return () => clearInterval(timer)
  }, [onDuty, online, interval, report])

  const change = async (on: boolean) => {
    setBusy(true)
    try {
      setDuty(await unwrap(api.PUT('/api/positions/duty', { body: on ? { onDuty: true, consent: true } : { onDuty: false } })))
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const toggle = (on: boolean) => {
    if (!on || !duty) return void change(on)
    modal.confirm({
      title: t('duty.consentTitle'),
      content: t('duty.consent', { seconds: duty.intervalSeconds, days: duty.retentionDays }),
      okText: t('duty.agree'),
      cancelText: t('duty.cancel'),
      onOk: () => change(true),
    })
  }

  if (!duty) return null
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="field-duty">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <div>
          <Typography.Text strong>{t('duty.label')}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {onDuty ? t('duty.sharing', { seconds: duty.intervalSeconds }) : t('duty.off')}
          </Typography.Text>
        </div>
        <Switch checked={onDuty} loading={busy} disabled={!online} onChange={toggle} data-testid="field-duty-switch" />
      </Space>
    </Card>
  )
}
