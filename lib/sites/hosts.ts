/**
 * Where the extension runs. Release builds know only the production hosts; the test build
 * (`npm run build:test`) adds the loopback replica hosts in wxt.config.ts and nothing else.
 */
export const MACGAI_MATCHES = ['https://*.macgai7.com/*'];
export const MANAGER_MATCHES = ['https://alltalkpay.co.kr/*', 'https://*.alltalkpay.co.kr/*'];

/** Replica hosts, added only by the test build (any port: match patterns ignore it). */
export const MACGAI_TEST_MATCHES = ['http://127.0.0.1/*'];
export const MANAGER_TEST_MATCHES = ['http://localhost/*'];

/** The manager site's home, used when no business-specific URL is stored. */
export const MANAGER_HOME = 'https://alltalkpay.co.kr/';
