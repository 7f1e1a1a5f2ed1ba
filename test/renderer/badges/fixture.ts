// Shared pieces for the badge tests: the sample site's achievements, keys, a credential built from them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCredential, generateHolderKey, generateIssuerKey, signCredential, signStatusList, type CredentialInput, type HolderKey, type IssuerKeyPair } from '../../../src-renderer/core/badges';
import type { Achievement } from '../../../src-renderer/core/model';

/** 2026-12-02 16:00 UTC. */
export const NOW = Date.UTC(2026, 11, 2, 16);
export const HUB = 'https://hub.regina-mundi.example.org';
export const LIST_URL = `${HUB}/badges/status/1`;

const site = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../kiosk-config/regina-mundi/site.json'), 'utf8')) as { achievements: (Omit<Achievement, 'alignment'> & { alignment?: Achievement['alignment'] })[] };
/** The sample site's achievements, with the schema's default for alignment. */
export const ACHIEVEMENTS: Achievement[] = site.achievements.map((a) => ({ ...a, alignment: a.alignment ?? [] }));
export const achievement = (id: string): Achievement => {
  const found = ACHIEVEMENTS.find((a) => a.id === id);
  if (!found) throw new Error(`no achievement ${id} in the sample site`);
  return found;
};

export function input(issuer: IssuerKeyPair, holder: { did: string }, overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    id: 'urn:uuid:6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f',
    issuer: { did: issuer.did, name: 'Regina Mundi-site', url: HUB },
    achievement: achievement('coder'),
    achievementUrl: `${HUB}/badges/achievements/coder`,
    imageUrl: `${HUB}/badges/achievements/coder.svg`,
    locale: 'nl',
    defaultLocale: 'nl',
    subjectDid: holder.did,
    validFrom: NOW - 60_000,
    validUntil: NOW + 365 * 86_400_000,
    status: { listUrl: LIST_URL, index: 42 },
    ...overrides,
  };
}

export interface World {
  issuer: IssuerKeyPair;
  holder: HolderKey;
  jws: string;
}

export async function world(overrides: Partial<CredentialInput> = {}): Promise<World> {
  const issuer = await generateIssuerKey();
  const holder = await generateHolderKey();
  const jws = await signCredential(buildCredential(input(issuer, holder, overrides)), issuer);
  return { issuer, holder, jws };
}

export const statusList = (issuer: IssuerKeyPair, revoked: number[], url = LIST_URL): Promise<string> =>
  signStatusList({ url, issuer: { did: issuer.did, name: 'Regina Mundi-site' }, revoked, length: 1000, now: NOW - 3_600_000 }, issuer);
