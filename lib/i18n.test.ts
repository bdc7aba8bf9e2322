import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { t } from './i18n';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('t', () => {
  it('returns the message, passing substitutions as strings', () => {
    const getMessage = vi
      .spyOn(fakeBrowser.i18n, 'getMessage')
      .mockImplementation((key, subs) => `${key}=${[subs ?? []].flat().join('/')}`);
    expect(t('badgeTooltipLine', '해솔', 3)).toBe('badgeTooltipLine=해솔/3');
    expect(getMessage).toHaveBeenCalledWith('badgeTooltipLine', ['해솔', '3']);
    expect(t('extName')).toBe('extName=');
    expect(getMessage).toHaveBeenLastCalledWith('extName', []);
  });

  it('falls back to the key when there is no such message', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    expect(t('extName')).toBe('extName');
  });
});
