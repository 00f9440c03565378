/**
 * The public portal (M9.1) at /portal: file a complaint, follow it, rate it. No account, no console
 * code: a citizen's phone loads only this.
 */
import { useState } from 'react'
import { Button, Card, Layout, Result, Space, Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../console/LanguageSwitch'
import ComplaintForm from './ComplaintForm'
import TrackView, { type PublicCase } from './TrackView'

export default function PortalApp() {
  const { t } = useTranslation('portal')
  const [tab, setTab] = useState('file')
  const [filed, setFiled] = useState<PublicCase | null>(null)
  const [copied, setCopied] = useState(false)
  const [formKey, setFormKey] = useState(0)

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header style={{ background: '#1668dc', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('title')}</Typography.Title>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 720, width: '100%', margin: '0 auto' }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('subtitle')}</Typography.Paragraph>
        <Card>
          <Tabs
            activeKey={tab} onChange={setTab}
            items={[
              {
                key: 'file', label: t('tabs.file'),
                children: filed ? (
                  <div data-testid="complaint-done">
                  <Result
                    status="success" title={t('done.title')}
                    subTitle={<Space direction="vertical"><span>{t('done.trackingNo')}</span><Typography.Title level={3} copyable={{ onCopy: () => setCopied(true) }} data-testid="tracking-no" style={{ margin: 0, whiteSpace: 'nowrap', fontSize: 22 }}>{filed.trackingNo}</Typography.Title>{copied && <span>{t('done.copied')}</span>}</Space>}
                    extra={[
                      <Button key="follow" type="primary" onClick={() => setTab('track')}>{t('done.follow')}</Button>,
                      <Button key="again" onClick={() => { setFiled(null); setFormKey((k) => k + 1) }}>{t('done.another')}</Button>,
                    ]}
                  />
                  </div>
                ) : <ComplaintForm key={formKey} onFiled={setFiled} />,
              },
              { key: 'track', label: t('tabs.track'), children: <TrackView key={filed?.trackingNo ?? 'none'} initial={filed?.trackingNo} /> },
            ]}
          />
        </Card>
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16 }}><a href="/">{t('console')}</a></Typography.Paragraph>
      </Layout.Content>
    </Layout>
  )
}
