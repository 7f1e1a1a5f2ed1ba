// The page's one FollowApp, handed to components through Svelte context rather than a module
// singleton, so a component can be rendered with any state (tests, previews).
import { getContext, setContext } from 'svelte';
import type { FollowApp } from './app.svelte';

const KEY = Symbol('follow-app');

export function provideApp(app: FollowApp): void {
  setContext(KEY, app);
}

export function useApp(): FollowApp {
  const app = getContext<FollowApp | undefined>(KEY);
  if (!app) throw new Error('useApp() is called outside the follow-up App.');
  return app;
}
