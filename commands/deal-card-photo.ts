import { existsSync } from 'node:fs';
import type { Capabilities } from '../src/core/adapter.js';
import type { Locale } from '../src/core/i18n/index.js';
import { dataPath, resolveDataPath } from '../src/store/payment-files.js';
import type { Deal } from '../src/store/schema.js';
import { dealPhotoText } from './deal-photo-text.js';

/**
 * A deal card's photo (deal-photos.ts): where the platform shows pictures and the deal has a photo
 * on disk, the card is that picture's caption, so it is rendered for the caption's length (Telegram
 * 1,024: the roster keeps its latest lines, the rest stays in /orders).
 */
export function cardPhoto(
  dataDir: string | undefined,
  deal: Deal,
  capabilities: Capabilities | undefined,
  maxLength: number,
): { image?: string; maxLength: number } {
  const first = deal.photos?.[0];
  const path =
    first === undefined || !dataDir || !capabilities?.images ? undefined : resolveDataPath(dataDir, first);
  if (!path || !existsSync(path)) return { maxLength };
  return { image: path, maxLength: Math.min(maxLength, capabilities?.maxCaptionLength ?? maxLength) };
}

/**
 * What a card's content gains with its photo: the picture, what the old card says once it moved,
 * and what the posted card shows (Deal.rosterPhoto), so a restart edits it as what it is.
 */
export function photoContent(locale: Locale, deal: Deal, image: string | undefined, dataDir: string) {
  const shown = deal.rosterPhoto === undefined ? undefined : resolveDataPath(dataDir, deal.rosterPhoto);
  return {
    ...(image ? { image } : {}),
    moved: dealPhotoText(locale).moved(deal.no),
    ...(deal.rosterMessageId ? { shown: shown ? { image: shown } : {} } : {}),
  };
}

/** The photo a card just posted shows, as Deal.rosterPhoto keeps it (none: a text card). */
export function postedPhoto(dataDir: string | undefined, image: string | undefined): string | undefined {
  return image && dataDir ? dataPath(dataDir, image) : undefined;
}
