import { Empty } from 'antd'

// TODO(issue 4): this page is being built.
export default function Page() {
  return <Empty />
}
