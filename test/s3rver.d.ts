// The part of s3rver (an S3-compatible server in Node, a development dependency) the tests use.
declare module 's3rver' {
  interface S3rverOptions {
    address?: string
    port?: number
    silent?: boolean
    directory: string
    /** the host name virtual-hosted requests end in: <bucket>.s3.<serviceEndpoint> */
    serviceEndpoint?: string
    vhostBuckets?: boolean
    configureBuckets?: Array<{ name: string }>
  }
  export default class S3rver {
    constructor(options: S3rverOptions)
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
