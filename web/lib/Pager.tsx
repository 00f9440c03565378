/**
 * One look for paging in every list (issue 13 §5): "共 N 条 · 第 2 / 5 页 · 上一页 · 下一页 · 50 条/页".
 * Lists read by key from the server (`useKeyset` + `KeysetPager`: the businesses, unplaced, people,
 * cases and audit lists) cannot jump to a page by number, so no list does: short lists paged in the
 * browser (`useLocalPages` + `LocalPager`) show the same bar.
 */
import { useCallback, useState } from 'react'
import { Button, Select, Space, Typography } from 'antd'
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

const PAGE_SIZES = [20, 50, 100, 200]

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
 * Paging over the server's keyset pages: each answer names the key of the next page (`nextAfter`, the
 * last id, or `nextCursor` in a sorted list), and a stack keeps the key of every page seen, so that
 * "previous" returns exactly to the page the user saw, and "next" follows the server. `first` is the
 * key of the first page; it starts again at the first page whenever `resetKey` changes (other
 * filters, another sort).
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

/** The bar itself: total (when known), page, previous, next, page size. */
function PagerBar({ page, pages, total, exact, canPrev, canNext, onPrev, onNext, size, onSize, sizes = PAGE_SIZES }: {
  page: number
  pages?: number
  total?: number
  /** false: the total is a lower bound ("more than N") */
  exact?: boolean
  canPrev: boolean
  canNext: boolean
  onPrev(): void
  onNext(): void
  size: number
  onSize?(size: number): void
  sizes?: number[]
}) {
  const { t } = useTranslation('businesses')
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'flex-end', marginTop: 8 }} data-testid="pager">
      {total !== undefined && (
        <Typography.Text data-testid="pager-total">
          {exact === false ? t('pager.totalMore', { count: total }) : t('pager.total', { count: total })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" data-testid="pager-page">
        {t('pager.page', { page })}{pages !== undefined && exact !== false ? ` / ${pages}` : ''}
      </Typography.Text>
      <Button size="small" icon={<LeftOutlined />} disabled={!canPrev} onClick={onPrev}>{t('pager.prev')}</Button>
      <Button size="small" disabled={!canNext} onClick={onNext} data-testid="pager-next">
        {t('pager.next')}<RightOutlined />
      </Button>
      {onSize && (
        <Select
          size="small"
          value={size}
          onChange={onSize}
          options={sizes.map((n) => ({ value: n, label: t('pager.pageSize', { size: n }) }))}
          style={{ width: 110 }}
          aria-label={t('pager.pageSize', { size: '' })}
        />
      )}
    </Space>
  )
}

export function KeysetPager<K>({ keyset, next, total, exact, loading }: {
  keyset: Keyset<K>
  /** the key of the next page, from the server; null on the last page */
  next: K | null | undefined
  total?: number
  exact?: boolean
  loading?: boolean
}) {
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / keyset.size)) : undefined
  return (
    <PagerBar
      page={keyset.page} pages={pages} total={total} exact={exact} size={keyset.size} onSize={keyset.setSize}
      canPrev={keyset.page > 1 && !loading} canNext={next !== null && next !== undefined && !loading}
      onPrev={keyset.prev} onNext={() => next != null && keyset.next(next)}
    />
  )
}

/** A list held whole in the browser, shown a page at a time; back to page 1 when `rows` changes length. */
export function useLocalPages<T>(rows: readonly T[], initialSize = 20) {
  const [state, setState] = useState({ page: 1, size: initialSize, of: rows.length })
  const page = state.of === rows.length ? state.page : 1
  const pages = Math.max(1, Math.ceil(rows.length / state.size))
  const shown = rows.slice((Math.min(page, pages) - 1) * state.size, Math.min(page, pages) * state.size)
  return {
    rows: shown,
    bar: rows.length <= Math.min(initialSize, state.size) ? null : (
      <PagerBar
        page={Math.min(page, pages)} pages={pages} total={rows.length} size={state.size}
        onSize={(size) => setState({ page: 1, size, of: rows.length })}
        sizes={[...new Set([initialSize, ...PAGE_SIZES])].sort((a, b) => a - b)}
        canPrev={page > 1} canNext={page < pages}
        onPrev={() => setState({ ...state, page: page - 1, of: rows.length })}
        onNext={() => setState({ ...state, page: page + 1, of: rows.length })}
      />
    ),
  }
}
