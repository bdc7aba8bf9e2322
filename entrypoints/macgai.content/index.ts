import { startMacgaiOverlay } from '@/lib/overlay/macgai';
import { MACGAI_MATCHES } from '@/lib/sites/hosts';

export default defineContentScript({
  matches: MACGAI_MATCHES,
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    if (import.meta.env.WXT_BENCH_IDLE === '1') return; // the bench's floor build (wxt.config.ts)
    startMacgaiOverlay(ctx);
  },
});
