/**
 * Paging over the server's keyset pages: each answer names the key of the next page (`nextAfter`, the
 * last id, or `nextCursor` in a sorted list), and a stack keeps the key of every page seen, so that
 * "previous" returns exactly to the page the user saw, and "next" follows the server. Pages cannot
 * be jumped to by number (a keyset page has no offset); the total comes from the count route.
 */
import { useCallback, useState } from 'react'
import { Button, Select, Space, Typography } from 'antd'
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

export const PAGE_SIZES = [20, 50, 100, 200]

/** The paging state over keys of type K (ids, or cursors); `after` is the key of the page shown. */
export interface Keyset<K> {
  after: K
  page: number
  size: number
  next(key: K): void
  prev(): void
  setSize(size: number): void
}

/**
 * The paging state, `first` being the key of the first page; it starts again at the first page
 * whenever `resetKey` changes (other filters, another sort).
 */
export function useKeyset<K>(resetKey: string, first: K, initialSize = 50): Keyset<K> {
  const [state, setState] = useState<{ key: string; stack: K[] }>({ key: resetKey, stack: [first] })
  const [size, setSizeState] = useState(initialSize)
  // Other filters: the first page again, in the same render (no request for a stale page).
  const stack = state.key === resetKey ? state.stack : [first]
  const next = useCallback((key: K) => setState((s) => ({ key: resetKey, stack: [...(s.key === resetKey ? s.stack : [first]), key] })), [resetKey, first])
  const prev = useCallback(() => setState((s) => ({ key: resetKey, stack: s.key === resetKey && s.stack.length > 1 ? s.stack.slice(0, -1) : [first] })), [resetKey, first])
  const setSize = useCallback((n: number) => {
    setSizeState(n)
    setState({ key: resetKey, stack: [first] })
  }, [resetKey, first])
  return { after: stack[stack.length - 1], page: stack.length, size, next, prev, setSize }
}

export function KeysetPager<K>({ keyset, next, total, exact, loading }: {
  keyset: Keyset<K>
  /** the key of the next page, from the server; null on the last page */
  next: K | null | undefined
  total?: number
  exact?: boolean
  loading?: boolean
}) {
  const { t } = useTranslation('businesses')
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / keyset.size)) : undefined
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }} data-testid="pager">
      {total !== undefined && (
        <Typography.Text data-testid="pager-total">
          {exact === false ? t('pager.totalMore', { count: total }) : t('pager.total', { count: total })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" data-testid="pager-page">
        {t('pager.page', { page: keyset.page })}{pages !== undefined && exact !== false ? ` / ${pages}` : ''}
      </Typography.Text>
      <Button size="small" icon={<LeftOutlined />} disabled={keyset.page <= 1 || loading} onClick={keyset.prev}>{t('pager.prev')}</Button>
      <Button size="small" disabled={next === null || next === undefined || loading} onClick={() => next != null && keyset.next(next)} data-testid="pager-next">
        {t('pager.next')}<RightOutlined />
      </Button>
      <Select
        size="small"
        value={keyset.size}
        onChange={keyset.setSize}
        options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.pageSize', { size: n }) }))}
        style={{ width: 110 }}
        aria-label={t('pager.pageSize', { size: '' })}
      />
    </Space>
  )
}
