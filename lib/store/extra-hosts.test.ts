import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openDb, type ReconDb } from './db';
import { extraHosts } from './extra-hosts';
import { classifySender, type SenderRules, senderRules } from './senders';

/** The release manifest's content scripts (the test build adds the loopback hosts). */
const manifest = {
  content_scripts: [
    { matches: ['https://*.macgai7.com/*'], js: ['content-scripts/macgai.js'] },
    {
      matches: ['https://alltalkpay.co.kr/*', 'https://*.alltalkpay.co.kr/*'],
      js: ['content-scripts/manager.js'],
    },
  ],
};
const tab = { id: 7 };

type Script = { id: string; matches?: string[]; js?: string[]; allFrames?: boolean };

let db: ReconDb;
let rules: SenderRules;
let hosts: ReturnType<typeof extraHosts>;
/** Origins the user granted (optional host permissions), as match patterns. */
let granted: Set<string>;
/** What the browser has registered. */
let registered: Map<string, Script>;

const sender = (url: string) => classifySender(rules, { id: 'ext-id', url, tab });
const stored = async () => (await db.settings.get('extraHosts'))?.value;

beforeEach(() => {
  fakeBrowser.reset();
  db = openDb(`hosts-${Math.random()}`);
  rules = senderRules(manifest, 'ext-id', 'chrome-extension://ext-id/');
  hosts = extraHosts(db, rules);
  granted = new Set();
  registered = new Map();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) =>
    (p.origins ?? []).every((o) => granted.has(o)),
  );
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (p) => {
    for (const o of p.origins ?? []) granted.delete(o);
    return true;
  });
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(
    async (filter) =>
      [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)) as never,
  );
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async (list) => {
    for (const s of list) {
      if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      registered.set(s.id, s);
    }
  });
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
    for (const id of filter?.ids ?? []) registered.delete(id);
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
  vi.restoreAllMocks();
});

describe('extra hosts: add', () => {
  it('refuses an origin the user has not granted, and changes nothing', async () => {
    await expect(hosts.add('https://pay.academy.example', 'manager')).rejects.toMatchObject({
      code: 'not_granted',
    });
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({
      origins: ['https://pay.academy.example/*'],
    });
    expect(registered.size).toBe(0);
    expect(await stored()).toBeUndefined();
    expect(sender('https://pay.academy.example/bill/billList.do')).toBeNull();
  });

  it('registers the manager script for a manager site, stores it, and accepts its tabs', async () => {
    granted.add('https://pay.academy.example/*');
    await expect(hosts.add('https://Pay.Academy.example', 'manager')).resolves.toEqual({
      registered: true,
    });
    expect([...registered.values()]).toEqual([
      {
        id: 'extra-manager-https___pay_academy_example',
        matches: ['https://pay.academy.example/*'],
        js: ['content-scripts/manager.js'],
        allFrames: true,
        runAt: 'document_idle',
      },
    ]);
    expect(await stored()).toEqual([{ origin: 'https://pay.academy.example', site: 'manager' }]);
    expect(sender('https://pay.academy.example/bill/billList.do')).toBe('manager');
    expect(sender('https://other.example/')).toBeNull();
  });

  it('registers the MacGai script for a MacGai site, matching any port of the host', async () => {
    granted.add('http://10.0.0.5/*');
    await hosts.add('http://10.0.0.5:8080', 'macgai');
    expect([...registered.values()]).toEqual([
      expect.objectContaining({
        id: 'extra-macgai-http___10_0_0_5_8080',
        matches: ['http://10.0.0.5/*'],
        js: ['content-scripts/macgai.js'],
      }),
    ]);
    expect(sender('http://10.0.0.5:8080/Student/StudentMng.aspx')).toBe('macgai');
  });

  it('adding the same origin again keeps one entry and one script', async () => {
    granted.add('https://pay.academy.example/*');
    await hosts.add('https://pay.academy.example', 'manager');
    await hosts.add('https://pay.academy.example', 'manager');
    expect(await stored()).toEqual([{ origin: 'https://pay.academy.example', site: 'manager' }]);
    expect(registered.size).toBe(1);
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledOnce();
  });

  it('keeps the hosts added before', async () => {
    granted.add('https://pay.academy.example/*');
    granted.add('https://edu.academy.example/*');
    await hosts.add('https://pay.academy.example', 'manager');
    await hosts.add('https://edu.academy.example', 'macgai');
    expect(await stored()).toEqual([
      { origin: 'https://pay.academy.example', site: 'manager' },
      { origin: 'https://edu.academy.example', site: 'macgai' },
    ]);
    expect(sender('https://edu.academy.example/x')).toBe('macgai');
    expect(sender('https://pay.academy.example/x')).toBe('manager');
  });
});

describe('extra hosts: restore (every background wake)', () => {
  beforeEach(async () => {
    await db.settings.put({
      key: 'extraHosts',
      value: [
        { origin: 'https://pay.academy.example', site: 'manager' },
        { origin: 'https://edu.academy.example', site: 'macgai' },
      ],
    });
  });

  it('accepts the stored hosts and re-registers the scripts the browser dropped', async () => {
    granted.add('https://pay.academy.example/*');
    granted.add('https://edu.academy.example/*');
    registered.set('extra-macgai-https___edu_academy_example', {
      id: 'extra-macgai-https___edu_academy_example',
    });
    await hosts.restore();
    expect([...registered.keys()].sort()).toEqual([
      'extra-macgai-https___edu_academy_example',
      'extra-manager-https___pay_academy_example',
    ]);
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledOnce();
    expect(sender('https://pay.academy.example/bill')).toBe('manager');
    expect(sender('https://edu.academy.example/x')).toBe('macgai');
  });

  it('registers nothing for a host whose permission the user took back', async () => {
    granted.add('https://edu.academy.example/*');
    await hosts.restore();
    expect([...registered.keys()]).toEqual(['extra-macgai-https___edu_academy_example']);
  });

  it('does nothing when no host was ever added', async () => {
    await db.settings.delete('extraHosts');
    await hosts.restore();
    expect(fakeBrowser.permissions.contains).not.toHaveBeenCalled();
    expect(registered.size).toBe(0);
    expect(rules.manager).toHaveLength(2);
  });
});

describe('extra hosts: remove', () => {
  it('unregisters the script, drops the permission, the entry and the sender rule', async () => {
    granted.add('https://pay.academy.example/*');
    granted.add('https://edu.academy.example/*');
    await hosts.add('https://pay.academy.example', 'manager');
    await hosts.add('https://edu.academy.example', 'macgai');
    await expect(hosts.remove('https://pay.academy.example')).resolves.toEqual({ removed: true });
    expect([...registered.keys()]).toEqual(['extra-macgai-https___edu_academy_example']);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({
      origins: ['https://pay.academy.example/*'],
    });
    expect(granted.has('https://pay.academy.example/*')).toBe(false);
    expect(await stored()).toEqual([{ origin: 'https://edu.academy.example', site: 'macgai' }]);
    expect(sender('https://pay.academy.example/bill/billList.do')).toBeNull();
    expect(sender('https://edu.academy.example/x')).toBe('macgai');
  });

  it('says so when the origin was not there', async () => {
    await expect(hosts.remove('https://nowhere.example')).resolves.toEqual({ removed: false });
    expect(fakeBrowser.scripting.unregisterContentScripts).not.toHaveBeenCalled();
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
  });

  it('still drops the entry and the rule when the browser refuses to unregister or remove', async () => {
    granted.add('https://pay.academy.example/*');
    await hosts.add('https://pay.academy.example', 'manager');
    vi.mocked(fakeBrowser.scripting.unregisterContentScripts).mockRejectedValueOnce(
      new Error('Nonexistent script ID'),
    );
    vi.mocked(fakeBrowser.permissions.remove).mockRejectedValueOnce(
      new Error('You cannot remove required permissions.'),
    );
    await expect(hosts.remove('https://pay.academy.example')).resolves.toEqual({ removed: true });
    expect(await stored()).toEqual([]);
    expect(sender('https://pay.academy.example/')).toBeNull();
  });

  it('never drops the built-in hosts, even for an added origin they already cover', async () => {
    granted.add('https://pay.alltalkpay.co.kr/*');
    granted.add('https://alltalkpay.co.kr/*');
    await hosts.add('https://pay.alltalkpay.co.kr', 'manager');
    await hosts.add('https://alltalkpay.co.kr', 'manager');
    await hosts.remove('https://pay.alltalkpay.co.kr');
    await hosts.remove('https://alltalkpay.co.kr');
    expect(sender('https://alltalkpay.co.kr/bill/billList.do')).toBe('manager');
    expect(sender('https://pay.alltalkpay.co.kr/bill/billList.do')).toBe('manager');
    expect(rules.manager.length).toBe(2);
  });

  it('keeps the rule of another added origin on the same host', async () => {
    granted.add('http://10.0.0.5/*');
    await hosts.add('http://10.0.0.5:8080', 'macgai');
    await hosts.add('http://10.0.0.5:9090', 'manager');
    await hosts.remove('http://10.0.0.5:8080');
    expect(await stored()).toEqual([{ origin: 'http://10.0.0.5:9090', site: 'manager' }]);
    expect(sender('http://10.0.0.5:9090/bill')).toBe('manager');
    expect([...registered.keys()]).toEqual(['extra-manager-http___10_0_0_5_9090']);
    // The permission is per host: the other origin still needs it.
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
    expect(granted.has('http://10.0.0.5/*')).toBe(true);
    await hosts.remove('http://10.0.0.5:9090');
    expect(granted.has('http://10.0.0.5/*')).toBe(false);
    expect(sender('http://10.0.0.5:9090/bill')).toBeNull();
  });

  it('forgets hosts restored on this wake too', async () => {
    await db.settings.put({
      key: 'extraHosts',
      value: [{ origin: 'https://pay.academy.example', site: 'manager' }],
    });
    await hosts.restore();
    expect(sender('https://pay.academy.example/')).toBe('manager');
    await hosts.remove('https://pay.academy.example');
    expect(sender('https://pay.academy.example/')).toBeNull();
  });

  it('re-adding an address as the other site swaps its script and sender rule', async () => {
    granted.add('https://pay.academy.example/*');
    await hosts.add('https://pay.academy.example', 'manager');
    await hosts.add('https://pay.academy.example', 'macgai');
    expect(await stored()).toEqual([{ origin: 'https://pay.academy.example', site: 'macgai' }]);
    expect(registered.size).toBe(1);
    expect(sender('https://pay.academy.example/x')).toBe('macgai');
    expect(granted.has('https://pay.academy.example/*')).toBe(true);
  });

  it('removes an address whatever its letter case', async () => {
    granted.add('https://pay.academy.example/*');
    await hosts.add('https://PAY.academy.example', 'manager');
    expect((await hosts.remove('https://Pay.Academy.example')).removed).toBe(true);
    expect(await stored()).toEqual([]);
  });
});
