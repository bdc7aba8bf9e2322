import { startBackground } from '@/lib/store/background';

export default defineBackground(() => {
  startBackground();
});
