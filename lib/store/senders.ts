import { MatchPattern } from 'wxt/utils/match-patterns';

/**
 * Who sent a message. Only this extension's own content scripts (on the hosts the manifest gives
 * them) and its own pages are ever answered; a web page cannot reach runtime.sendMessage at all,
 * and another extension is refused here.
 */
export type SenderKind = 'macgai' | 'manager' | 'page';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface ManifestLike {
  content_scripts?: { matches?: string[]; js?: string[] }[];
}

export interface SenderRules {
  extensionId: string;
  extensionOrigin: string;
  /** Mutable: extra hosts added in the options page join these lists. */
  macgai: MatchPattern[];
  manager: MatchPattern[];
}

function patternsFor(manifest: ManifestLike, script: string): MatchPattern[] {
  const entry = manifest.content_scripts?.find((cs) =>
    cs.js?.some((file) => file.includes(`content-scripts/${script}.js`)),
  );
  return (entry?.matches ?? []).map((m) => new MatchPattern(m));
}

export function senderRules(
  manifest: ManifestLike,
  extensionId: string,
  extensionOrigin: string,
): SenderRules {
  return {
    extensionId,
    extensionOrigin,
    macgai: patternsFor(manifest, 'macgai'),
    manager: patternsFor(manifest, 'manager'),
  };
}

/** The kind of a sender, or null when it must not be answered. */
export function classifySender(rules: SenderRules, sender: SenderInfo): SenderKind | null {
  if (sender.id !== rules.extensionId || !sender.url) return null;
  if (sender.url.startsWith(rules.extensionOrigin)) return 'page';
  if (!sender.tab) return null;
  const url = sender.url;
  // A string, not a URL: the library's `instanceof Location` check throws in a service worker.
  const matches = (p: MatchPattern) => {
    try {
      return p.includes(url);
    } catch {
      return false;
    }
  };
  if (rules.macgai.some(matches)) return 'macgai';
  if (rules.manager.some(matches)) return 'manager';
  return null;
}

/** Whether a sender of this kind may make a request declared `from`. */
export function allowed(from: string, kind: SenderKind): boolean {
  switch (from) {
    case 'any':
      return true;
    case 'content':
      return kind === 'macgai' || kind === 'manager';
    default:
      return from === kind;
  }
}
