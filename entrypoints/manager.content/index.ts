import { startManagerOverlay } from '@/lib/overlay/manager';
import { MANAGER_MATCHES } from '@/lib/sites/hosts';

export default defineContentScript({
  matches: MANAGER_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startManagerOverlay(ctx);
  },
});
