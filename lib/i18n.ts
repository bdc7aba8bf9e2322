import { browser } from 'wxt/browser';

/** A message from _locales (ko by default, en). Falls back to the key so a gap is visible. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  return text || key;
}
