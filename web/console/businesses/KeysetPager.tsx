/** The pager moved to web/lib/Pager.tsx (one look for every list); kept here for the pages that import it. */
export { KeysetPager, PAGE_SIZES, useKeyset, type Keyset } from '../../lib/Pager'
