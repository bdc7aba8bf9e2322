import { existsSync } from 'node:fs';
import { BROWSERS, BUILD_DIRS, CHROMIUM_PATH, FIREFOX_PATH } from './browsers';

/** Fails early, with the fix, when the test build or a browser is missing. */
export default function setup(): void {
  const problems: string[] = [];
  for (const name of BROWSERS) {
    if (!existsSync(`${BUILD_DIRS[name]}/manifest.json`)) {
      problems.push(`No test build at ${BUILD_DIRS[name]}: run \`npm run build:test\`.`);
    }
  }
  if (BROWSERS.includes('chromium') && !existsSync(CHROMIUM_PATH)) {
    problems.push(
      `No Chromium at ${CHROMIUM_PATH}: \`apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    );
  }
  if (BROWSERS.includes('firefox') && !existsSync(FIREFOX_PATH)) {
    problems.push(
      `No Firefox at ${FIREFOX_PATH}: \`apt-get install -y firefox-esr\` or set FIREFOX_PATH.`,
    );
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
