// What the Node server checks before a request reaches the app, as pure functions: the Host header
// against an allow-list (DNS rebinding: a page on evil.example whose name now points at 127.0.0.1
// must not read what the hub serves) and the request target's shape (`//`, `//[` and friends are 400,
// never a 500 from a URL parser further down).

export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]', '']);

/** A host name or address as it appears in a Host header (IPv6 in brackets), lower case, no port. */
export function normaliseHostName(host: string): string {
  const trimmed = host.trim().toLowerCase().replace(/\.$/, '');
  return trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
}

export interface AllowedHostInputs {
  /** The address the server listens on (`--host`). */
  listenHost: string;
  /** Names given with `--allow-host` (or WEGWIJZER_ALLOWED_HOSTS). */
  extra?: readonly string[];
  /** This machine's name and addresses, used when listening on every interface. */
  machineNames?: readonly string[];
}

/**
 * The names a client may use to reach the hub: loopback always, the address it listens on, and any
 * names given. Listening on every interface (0.0.0.0) adds the machine's own names and addresses,
 * since those are what kiosks on the network type.
 */
export function allowedHostsFor(inputs: AllowedHostInputs): string[] {
  const names = new Set(LOOPBACK_HOSTS);
  const listen = normaliseHostName(inputs.listenHost);
  if (WILDCARD_ADDRESSES.has(listen)) for (const name of inputs.machineNames ?? []) names.add(normaliseHostName(name));
  else names.add(listen);
  for (const name of inputs.extra ?? []) if (name.trim() !== '') names.add(normaliseHostName(name));
  return [...names];
}

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

export type Refusal = { status: 400 | 421; message: string };

/** Why a request must be refused before it reaches the app, or null when it may go on. */
export function refuseRequest(target: string | undefined, hostHeader: string | undefined, allowedHosts: readonly string[]): Refusal | null {
  if (!isWellFormedTarget(target)) return { status: 400, message: 'Malformed request target.' };
  if (hostHeader === undefined || hostHeader === '') return { status: 400, message: 'The request has no Host header.' };
  const match = HOST_HEADER.exec(hostHeader.trim());
  if (!match) return { status: 400, message: 'Malformed Host header.' };
  if (!allowedHosts.includes(normaliseHostName(match[1]!))) {
    return { status: 421, message: 'This hub does not answer to that host name. Add it with --allow-host if kiosks use it.' };
  }
  return null;
}

/**
 * An origin-form target: one leading slash then a path and query of visible ASCII. Refused: the
 * absolute and authority forms, `*`, a path starting with `//` (a URL parser reads a host there),
 * backslashes, and anything a URL parser would not take back unchanged in host.
 */
export function isWellFormedTarget(target: string | undefined): boolean {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return false;
  if (!/^[\x21-\x7e]+$/.test(target) || target.includes('\\')) return false;
  try {
    return new URL(target, 'http://hub.invalid').host === 'hub.invalid';
  } catch {
    return false;
  }
}
