import { describe, expect, it } from 'vitest';
import { allowed, classifySender, senderRules } from './senders';

const manifest = {
  content_scripts: [
    {
      matches: ['https://*.macgai7.com/*', 'http://127.0.0.1/*'],
      js: ['content-scripts/macgai.js'],
    },
    {
      matches: ['https://alltalkpay.co.kr/*', 'http://localhost/*'],
      js: ['content-scripts/manager.js'],
    },
  ],
};
const rules = senderRules(manifest, 'ext-id', 'chrome-extension://ext-id/');
const tab = { id: 3 };

describe('classifySender', () => {
  it('knows our content scripts by the hosts the manifest gives them', () => {
    expect(
      classifySender(rules, { id: 'ext-id', url: 'https://edu.macgai7.com/x.aspx', tab }),
    ).toBe('macgai');
    expect(classifySender(rules, { id: 'ext-id', url: 'http://127.0.0.1:5301/a', tab })).toBe(
      'macgai',
    );
    expect(classifySender(rules, { id: 'ext-id', url: 'http://localhost:5302/bill', tab })).toBe(
      'manager',
    );
    expect(classifySender(rules, { id: 'ext-id', url: 'https://alltalkpay.co.kr/', tab })).toBe(
      'manager',
    );
  });

  it('knows our own pages', () => {
    expect(
      classifySender(rules, { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' }),
    ).toBe('page');
  });

  it('refuses other extensions, other hosts, tab-less content and junk URLs', () => {
    expect(classifySender(rules, { id: 'other', url: 'https://edu.macgai7.com/', tab })).toBeNull();
    expect(classifySender(rules, { id: 'ext-id', url: 'https://evil.example/', tab })).toBeNull();
    expect(classifySender(rules, { id: 'ext-id', url: 'https://edu.macgai7.com/' })).toBeNull();
    expect(classifySender(rules, { id: 'ext-id', url: 'not a url', tab })).toBeNull();
    expect(classifySender(rules, { id: 'ext-id' })).toBeNull();
  });
});

describe('allowed', () => {
  it('lets each request come only from where it belongs', () => {
    expect(allowed('any', 'page')).toBe(true);
    expect(allowed('content', 'manager')).toBe(true);
    expect(allowed('content', 'page')).toBe(false);
    expect(allowed('macgai', 'manager')).toBe(false);
    expect(allowed('page', 'page')).toBe(true);
  });
});
