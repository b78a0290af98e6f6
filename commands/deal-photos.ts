import { roleAllows } from '../src/core/command.js';
import type { Context, GroupContext } from '../src/core/context.js';
import type { ImageRef } from '../src/core/events.js';
import { removeImage, takeImages } from '../src/core/images.js';
import {
  askDealPhotos,
  dealAwaitingPhotos,
  endDealPhotoWait,
  photosTaken,
} from '../src/services/deal-photo-waits.js';
import { editDeal } from '../src/services/deals.js';
import { dealPhotoBase } from '../src/store/deal-files.js';
import { dataPath, resolveDataPath } from '../src/store/payment-files.js';
import { type Deal, isOpen } from '../src/store/schema.js';
import { dealPhotoText } from './deal-photo-text.js';
import { refreshCard } from './deal-replies.js';
import { dealText } from './deal-text.js';
import type { PictureWait } from './picture-waits.js';
import { receivePicture } from './pictures.js';

/**
 * Product photos of a deal: a picture sent with `/deal new` (captioned), or the admin's next
 * pictures within PHOTO_WINDOW_MS of `/deal edit #3 photo` (or one captioned with it); `photo=none`
 * removes them. Kept owner-only under DATA_DIR/deal-photos/; the first is the card's, which the
 * platform then shows as a picture with the card as its caption (src/core/outbox/courier.ts). A card
 * whose photo changes is posted anew: a message cannot turn from text into a picture, or change
 * its picture, on any platform we serve; the old card says it moved (LiveContent.moved).
 */

/** The most photos a deal keeps. */
export const MAX_DEAL_PHOTOS = 5;
/** How long after `/deal edit #3 photo` the admin's pictures are taken as the deal's photos. */
export const PHOTO_WINDOW_MS = 10 * 60_000;
/**
 * How long after `/deal new` with a picture the admin's next pictures are added to it too: the rest
 * of an album, which the platform delivers as separate messages sent the same second. Short, so a
 * picture meant for something else a little later (a payment code) is not taken.
 */
export const ALBUM_WINDOW_MS = 30_000;

/** When the message was sent (ms), where the platform says; else now (the windows count from it). */
function sentAt(ctx: Context): number {
  const at = ctx.event.type === 'message' && ctx.event.at ? Date.parse(ctx.event.at) : Number.NaN;
  return Number.isNaN(at) ? ctx.clock.now().getTime() : at;
}

const ADD = new Set(['photo', 'photos', 'add', '图片', '照片', '添加']);
const NONE = new Set(['none', 'no', 'off', 'remove', '无', '没有', '删除', '不要']);

/** A photo word: 'add' (`photo`, `图片`: send them next), 'none' (`none`, `无`: remove them), or undefined. */
export function photoWord(s: string): 'add' | 'none' | undefined {
  const word = s.trim().toLowerCase();
  if (ADD.has(word)) return 'add';
  if (NONE.has(word)) return 'none';
  return undefined;
}

/**
 * Keeps up to `room` of these pictures as photos of a community's deal; the paths as the deal keeps
 * them. Any refused (answered why, and what stays as it was): the ones kept before it are deleted
 * and undefined is returned, nothing changed.
 */
async function keepPhotos(
  ctx: GroupContext,
  images: readonly ImageRef[],
  room: number,
  unchanged: string,
): Promise<string[] | undefined> {
  const kept: string[] = [];
  for (const image of images.slice(0, room)) {
    const base = dealPhotoBase(ctx.dataDir, ctx.community.id, ctx.clock.now());
    const saved = await receivePicture(ctx, image, base, { unchanged });
    if (!saved) {
      for (const path of kept) await removeImage(path);
      return undefined;
    }
    kept.push(saved.path);
  }
  if (images.length > room && room > 0) ctx.reply(dealPhotoText(ctx.locale).tooMany(MAX_DEAL_PHOTOS, room));
  return kept.map((path) => dataPath(ctx.dataDir, path));
}

/**
 * The photos a `/deal new` message carries (a captioned picture), kept before the deal is opened
 * by `open` (not called when one was refused: answered, the deal is not opened). The admin's next
 * pictures within ALBUM_WINDOW_MS (the rest of an album) are added to the deal it opened.
 */
export function openWithPhotos(
  ctx: GroupContext,
  open: (photos: string[]) => Deal | undefined,
): Promise<void> {
  // Held until the deal exists: the album's other pictures, handled meanwhile, wait for it.
  return serially(ctx, async () => {
    const images = takeImages(ctx.event);
    const photos = await keepPhotos(ctx, images, MAX_DEAL_PHOTOS, dealPhotoText(ctx.locale).dealNotOpened);
    const deal = photos && open(photos);
    if (!deal || !photos || photos.length === 0) return;
    askFor(ctx, deal, ALBUM_WINDOW_MS, photos.length);
  });
}

/**
 * The admin's pictures within `windowMs` from now are the deal's photos (`taken` of them came with
 * the command): kept with the deal (Deal.photoWait), so a restart keeps the wait.
 */
function askFor(ctx: GroupContext, deal: Deal, windowMs: number, taken = 0): void {
  const at = sentAt(ctx);
  ctx.mutate((tx) => askDealPhotos(tx, deal, ctx.sender.id, new Date(at), new Date(at + windowMs), taken));
}

/**
 * Per admin of a community, per bot (by its command registry): the end of their photo work in
 * progress. In memory: it only orders the pictures of an album, which arrive at once in one process.
 */
const busyByBot = new WeakMap<Context['registry'], Map<string, Promise<unknown>>>();

/** Whose photo work it is: the admin, in the community. */
function adminKey(ctx: GroupContext): string {
  return `${ctx.community.id}|${ctx.sender.id}`;
}

/**
 * Runs `work` after the admin's photo work already under way: an album's pictures arrive as
 * separate messages handled at once, and each must see the photos the one before kept.
 */
function serially<T>(ctx: GroupContext, work: () => Promise<T>): Promise<T> {
  let busy = busyByBot.get(ctx.registry);
  if (!busy) {
    busy = new Map();
    busyByBot.set(ctx.registry, busy);
  }
  const key = adminKey(ctx);
  const before = busy.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const done = run.catch(() => {});
  busy.set(key, done);
  void done.then(() => {
    if (busy.get(key) === done) busy.delete(key);
  });
  return run;
}

/**
 * `/deal edit #3 photo` (with pictures attached: they are the photos; without: the next ones within
 * PHOTO_WINDOW_MS) or `photo=none` (the photos go, the card is text again). True when pictures came
 * with it and were taken (kept, or answered why not).
 */
export async function editPhotos(ctx: GroupContext, deal: Deal, mode: 'add' | 'none'): Promise<boolean> {
  const t = dealPhotoText(ctx.locale);
  // A deal that takes no changes any more is said so before any picture is asked for or fetched.
  if (!takesChanges(deal)) {
    ctx.reply(dealText(ctx.locale).notOpen(deal.no));
    return false;
  }
  if (mode === 'none') {
    const had = deal.photos ?? [];
    if (had.length === 0) ctx.reply(t.none(deal.no));
    else if (await setPhotos(ctx, deal, undefined)) ctx.reply(t.removed(deal.no, had.length));
    return false;
  }
  const images = takeImages(ctx.event);
  return serially(ctx, async () => {
    askFor(ctx, deal, PHOTO_WINDOW_MS);
    if (images.length === 0) {
      ctx.reply(t.sendPhotos(deal.no, PHOTO_WINDOW_MS / 60_000, MAX_DEAL_PHOTOS));
      return false;
    }
    await addPhotos(ctx, deal, images);
    return true;
  });
}

/**
 * The admin's photo work under way, finished (the first picture of an album opening the deal):
 * the wait it leaves is seen by the pictures after it. Nothing to wait for: at once.
 */
export async function dealPhotoWorkDone(ctx: GroupContext): Promise<void> {
  const busy = busyByBot.get(ctx.registry)?.get(adminKey(ctx));
  if (busy) await busy;
}

/**
 * The admin's `/deal edit #3 photo` within PHOTO_WINDOW_MS (or `/deal new` with pictures within
 * ALBUM_WINDOW_MS): their pictures are that deal's photos (picture-waits.ts).
 */
export function dealPhotoWait(ctx: GroupContext): PictureWait | undefined {
  if (!roleAllows(ctx.role, 'admin')) return undefined;
  // Sent within the window (handled later maybe: the pictures before it were being fetched).
  const waiting = dealAwaitingPhotos(ctx.tables, ctx.community.id, ctx.sender.id, sentAt(ctx));
  if (!waiting?.photoWait) return undefined;
  return {
    kind: 'deal',
    at: Date.parse(waiting.photoWait.at),
    // One after the other: each picture of an album sees the photos the one before kept.
    keep: (images) =>
      serially(ctx, async () => {
        const deal = ctx.tables.deals.get(waiting.id);
        if (deal?.photoWait?.by === ctx.sender.id) await addPhotos(ctx, deal, images);
      }),
  };
}

/** Admins told how to give a deal its photos (sendCommandFirst), when: once per window, per bot. */
const hintedByBot = new WeakMap<Context['registry'], Map<string, number>>();

/**
 * An admin's picture sent alone that no request waits for, within PHOTO_WINDOW_MS of their opening
 * a deal without photos (on WeChat a picture cannot be captioned `/deal new`): says to send `/deal edit #3 photo`
 * first, once per window. False (nothing said) otherwise: an admin's other pictures are theirs.
 */
export function hintDealPhoto(ctx: GroupContext): boolean {
  if (!roleAllows(ctx.role, 'admin') || ctx.chat.kind !== 'group') return false;
  const now = ctx.clock.now().getTime();
  const recent = ctx.tables.deals
    .by('community', ctx.community.id)
    .filter(
      (d) =>
        d.createdBy === ctx.sender.id &&
        takesChanges(d) &&
        !d.photos?.length &&
        Date.parse(d.createdAt) > now - PHOTO_WINDOW_MS,
    )
    .at(-1);
  if (!recent) return false;
  let hinted = hintedByBot.get(ctx.registry);
  if (!hinted) {
    hinted = new Map();
    hintedByBot.set(ctx.registry, hinted);
  }
  const key = adminKey(ctx);
  if ((hinted.get(key) ?? Number.NEGATIVE_INFINITY) > now - PHOTO_WINDOW_MS) return false;
  hinted.set(key, now);
  ctx.reply(dealPhotoText(ctx.locale).sendCommandFirst(recent.no));
  return true;
}

/**
 * Takes pictures as the deal's photos, for the admin waiting to send them (Deal.photoWait): the
 * first after the command replaces them, the next are added.
 */
async function addPhotos(ctx: GroupContext, deal: Deal, images: readonly ImageRef[]) {
  const t = dealPhotoText(ctx.locale);
  const current = ctx.tables.deals.get(deal.id) ?? deal;
  // Closed meanwhile: said before any picture is fetched.
  if (!takesChanges(current)) {
    ctx.mutate((tx) => endDealPhotoWait(tx, deal.id));
    return ctx.reply(dealText(ctx.locale).notOpen(deal.no));
  }
  const had = () => {
    const now = ctx.tables.deals.get(deal.id);
    return (now?.photoWait?.taken ?? 0) === 0 ? [] : (now?.photos ?? []);
  };
  const room = MAX_DEAL_PHOTOS - had().length;
  if (room <= 0) {
    ctx.mutate((tx) => endDealPhotoWait(tx, deal.id));
    return ctx.reply(t.full(deal.no, MAX_DEAL_PHOTOS));
  }
  const kept = await keepPhotos(ctx, images, room, t.photosUnchanged);
  if (!kept) return;
  // The deal's photos as they are now (not as they were before the download).
  const photos = [...had(), ...kept].slice(0, MAX_DEAL_PHOTOS);
  const done = await setPhotos(ctx, ctx.tables.deals.get(deal.id) ?? current, photos, kept.length);
  if (!done) {
    for (const path of kept) {
      const file = resolveDataPath(ctx.dataDir, path);
      if (file) await removeImage(file);
    }
    return;
  }
  // An admin's own step: a 👌 on the picture where the platform has reactions, else a short answer.
  if (!ctx.react('👌')) ctx.reply(t.kept(deal.no, photos.length, MAX_DEAL_PHOTOS));
}

/**
 * Sets the deal's photos (undefined: none) and shows the card with them; `taken` of them were the
 * waiting admin's pictures (counted on the wait in the same change). The files no longer named are
 * deleted once the change is on disk. False (answered) when the deal no longer takes changes.
 */
async function setPhotos(
  ctx: GroupContext,
  deal: Deal,
  photos: string[] | undefined,
  taken = 0,
): Promise<boolean> {
  const old = deal.photos ?? [];
  const edited = ctx.mutate((tx) => {
    const outcome = editDeal(tx, deal, { photos }, ctx.clock.now());
    if (outcome.kind !== 'edited' || taken === 0) return outcome;
    return { ...outcome, deal: photosTaken(tx, deal.id, taken) ?? outcome.deal };
  });
  if (edited.kind !== 'edited') {
    ctx.reply(dealText(ctx.locale).notOpen(deal.no));
    return false;
  }
  refreshCard(ctx, ctx.community, edited.deal);
  // A copy of the deal (`/deal copy`) or a template may show the same file: it stays while one does.
  const gone = old.filter((path) => !photos?.includes(path) && !photoInUse(ctx, path));
  if (gone.length > 0) {
    // Only once the deal names its new photos on disk: a crash before never loses the card's picture.
    await ctx.durable();
    for (const path of gone) {
      const file = resolveDataPath(ctx.dataDir, path);
      if (file) await removeImage(file);
    }
  }
  return true;
}

/** Whether the deal's photos may still change (editDeal: open, or scheduled to open). */
function takesChanges(deal: Deal): boolean {
  return isOpen(deal) || deal.status === 'scheduled';
}

/** Whether a deal or template of the community still shows this photo (copies share the files). */
function photoInUse(ctx: GroupContext, path: string): boolean {
  const id = ctx.community.id;
  return (
    ctx.tables.deals.by('community', id).some((d) => d.photos?.includes(path)) ||
    ctx.tables.templates.by('community', id).some((t) => t.photos.includes(path))
  );
}
