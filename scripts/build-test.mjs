// `npm run build:test`: the release builds for Chromium and Firefox, plus the loopback replica
// hosts (see wxt.config.ts), written to .output/test/{chrome-mv3,firefox-mv3}.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, RECONCILE_TEST_HOSTS: '1' };
for (const args of [['build'], ['build', '-b', 'firefox', '--mv3']]) {
  const result = spawnSync('npx', ['wxt', ...args], { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
