// Sharing a path: the phone's own share sheet where there is one, else the clipboard, else the link
// shown for copying by hand. Nothing goes through a server.
export type ShareOutcome = 'shared' | 'copied' | 'manual' | 'cancelled';

export async function shareLink(url: string, title: string): Promise<ShareOutcome> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url });
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // Any other failure (not allowed here, nothing to share with): fall back to copying.
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return 'copied';
  } catch {
    return 'manual';
  }
}
