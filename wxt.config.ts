import { defineConfig } from 'wxt';
import {
  MACGAI_MATCHES,
  MACGAI_TEST_MATCHES,
  MANAGER_MATCHES,
  MANAGER_TEST_MATCHES,
} from './lib/sites/hosts';

/**
 * `RECONCILE_TEST_HOSTS=1` (set by `npm run build:test`) builds into .output/test/ and adds the
 * loopback replica hosts to the content scripts and host permissions. Nothing else differs.
 */
const testHosts = process.env.RECONCILE_TEST_HOSTS === '1';
/**
 * `WXT_BENCH_IDLE=1` (with the test hosts; built by `npm run bench` only, into .output/bench-idle/):
 * the MacGai content script's main() returns at once — the floor a content script costs on this
 * stack before any of our code runs. `import.meta.env.WXT_BENCH_IDLE` is undefined in every other
 * build, so the check is removed from them.
 */
const benchIdle = process.env.WXT_BENCH_IDLE === '1';

export const GECKO_ID = 'macgai-reconcile@academy-tools.kr';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: benchIdle ? '.output/bench-idle' : testHosts ? '.output/test' : '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'ko',
    // IndexedDB holds every record: unlimitedStorage keeps the browser from evicting it.
    // scripting: content scripts for an academy's extra hosts, added in the options page.
    permissions: ['unlimitedStorage', 'scripting'],
    host_permissions: [...MACGAI_MATCHES, ...MANAGER_MATCHES],
    // Asked for at runtime, one origin at a time, only when the user adds a site in the options.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        // 140 (ESR): the first with data_collection_permissions; also MV3 optional host permissions.
        gecko: {
          id: GECKO_ID,
          strict_min_version: '140.0',
          // Nothing leaves the browser: records stay in the extension's own IndexedDB.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  zip: {
    // The Firefox sources zip is for reviewers to rebuild the package: no test artefacts.
    excludeSources: ['artifacts/**', 'coverage/**', 'docs/screenshots/**', '.output/**'],
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!testHosts) return;
      manifest.host_permissions = [
        ...(manifest.host_permissions ?? []),
        ...MACGAI_TEST_MATCHES,
        ...MANAGER_TEST_MATCHES,
      ];
      for (const script of manifest.content_scripts ?? []) {
        const matches = script.matches ?? [];
        if (matches.some((m) => MACGAI_MATCHES.includes(m))) matches.push(...MACGAI_TEST_MATCHES);
        if (matches.some((m) => MANAGER_MATCHES.includes(m))) matches.push(...MANAGER_TEST_MATCHES);
      }
    },
  },
});
