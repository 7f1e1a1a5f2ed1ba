// The static page shown when the renderer keeps failing. It is generated here, not built with the
// renderer, so it still shows when the renderer build itself is what is broken. No script: main
// retries the kiosk on its own timer, and the page only tells people what is going on.
import { RECOVERY_RETRY_MS } from './recovery';

export type RecoveryPageName = 'recovery.html' | 'recovery.css';

const retrySeconds = Math.round(RECOVERY_RETRY_MS / 1000);

const HTML = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Wegwijzer — even geduld</title>
    <link rel="stylesheet" href="recovery.css" />
  </head>
  <body>
    <main>
      <h1>De wegwijzer start opnieuw op</h1>
      <p>Er ging iets mis. We proberen het over ${retrySeconds} seconden automatisch opnieuw.</p>
      <h1 lang="en">The kiosk is restarting</h1>
      <p lang="en">Something went wrong. We will try again automatically in ${retrySeconds} seconds.</p>
    </main>
  </body>
</html>
`;

const CSS = `html, body { margin: 0; height: 100%; background: #1f2a37; color: #ffffff; }
body { display: flex; align-items: center; justify-content: center; font-family: system-ui, sans-serif; cursor: none; user-select: none; }
main { max-width: 40rem; padding: 2rem; text-align: center; }
h1 { font-size: 2.4rem; margin: 2rem 0 0.5rem; }
p { font-size: 1.4rem; line-height: 1.5; margin: 0; }
`;

export const RECOVERY_PAGES: Record<RecoveryPageName, { body: string; contentType: string }> = {
  'recovery.html': { body: HTML, contentType: 'text/html; charset=utf-8' },
  'recovery.css': { body: CSS, contentType: 'text/css; charset=utf-8' },
};
