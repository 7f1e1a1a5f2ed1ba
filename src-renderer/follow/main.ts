import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { FollowApp } from './app.svelte';

performance.mark('follow/scriptStart');
const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to mount the follow-up page in.');
const app = new FollowApp(location.hash, navigator.languages);
mount(App, { target, props: { app } });

// Offline after the first visit. Registered after load so it never competes with the first paint;
// only in the built app, where sw.js exists next to index.html.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
