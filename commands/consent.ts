import { z } from 'zod';
import type { Button, ButtonRows } from '../src/core/adapter.js';
import { defineCommand } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import type { ButtonHandler } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { coreText } from '../src/core/messages.js';
import { showName } from '../src/core/names.js';
import { type ConsentOutcome, consentsOf, setConsent, withdrawAll } from '../src/services/consent.js';
import { communitiesOf, memberId } from '../src/services/members.js';
import { offersCapSetting } from '../src/services/offers.js';
import { templateReviews } from '../src/services/reviews.js';
import { getSetting } from '../src/services/settings.js';
import type { Community, Purpose } from '../src/store/schema.js';
import { consentText } from './consent-text.js';
import { refreshCard } from './deal-replies.js';
import { privacyText } from './privacy-text.js';

/**
 * `/privacy` (隐私): the purposes a member allows, each off until they turn it on (the consent
 * ledger, src/services/consent.ts). `/privacy` lists them with what each uses and does, and
 * buttons to change them where the platform has buttons; `/privacy on history`, `隐私 关闭 排行榜`
 * change one; `/privacy off all` withdraws every one at once, but turning on is one purpose at a
 * time (each a choice of its own). `/privacy data` is the "what is stored" text.
 *
 * A member's choices are theirs: asked in a group, the list and every change's answer go to them
 * privately (kept for them until they open a private chat where the platform refuses it). In a
 * group the change is about that group. In private, consent is specific: with several groups,
 * turning on names the group (`/privacy on history 一群`, or the per-group buttons), else nothing is
 * written; turning off without a group applies to every group (refusing stays easy).
 */

/** What members type for each purpose and for on, off, all and the data text (compared after NFKC and lowercase). */
const PURPOSE_WORDS: Readonly<Record<string, Purpose>> = {
  history: 'history',
  recommendations: 'history',
  recommendation: 'history',
  推荐: 'history',
  购买记录推荐: 'history',
  offers: 'offers',
  offer: 'offers',
  私信优惠: 'offers',
  优惠: 'offers',
  leaderboard: 'leaderboard',
  排行榜: 'leaderboard',
  reviews: 'reviews',
  review: 'reviews',
  公开评价: 'reviews',
  评价: 'reviews',
};
const ON_WORDS = new Set(['on', '开启', '打开', '开']);
const OFF_WORDS = new Set(['off', '关闭', '关']);
const ALL_WORDS = new Set(['all', '全部']);
const DATA_WORDS = new Set(['data', '数据']);

/** Telegram takes at most 64 bytes of a button's action. */
const MAX_ACTION_BYTES = 64;
const ACTION = /^pv:([01]):(history|offers|leaderboard|reviews):(.+)$/;

/** Between sentences and between listed words: a space and a comma in English, nothing and 、 in Chinese. */
function spacing(locale: Locale): { gap: string; separator: string } {
  return locale === 'zh' ? { gap: '', separator: '、' } : { gap: ' ', separator: ', ' };
}

function normal(word: string | undefined): string {
  return (word ?? '').normalize('NFKC').trim().toLowerCase();
}

/**
 * A purpose in the member's language: its name, the word to type, what it uses and does in
 * `community` (the offers' cap is the group's real offers.daily_cap, as /subscribe says), and what
 * a change does now.
 */
function purposeWording(locale: Locale, purpose: Purpose, community: Community) {
  const t = consentText(locale);
  const offersDoes = t.offersDoes(getSetting(community, offersCapSetting));
  const by = {
    history: [t.historyName, t.historyWord, t.historyUses, t.historyDoes, t.historyOnNow, t.historyOffNow],
    offers: [t.offersName, t.offersWord, t.offersUses, offersDoes, t.offersOnNow, t.offersOffNow],
    leaderboard: [
      t.leaderboardName,
      t.leaderboardWord,
      t.leaderboardUses,
      t.leaderboardDoes,
      t.leaderboardOnNow,
      t.leaderboardOffNow,
    ],
    reviews: [t.reviewsName, t.reviewsWord, t.reviewsUses, t.reviewsDoes, t.reviewsOnNow, t.reviewsOffNow],
  } as const;
  const [name, word, uses, does, onNow, offNow] = by[purpose];
  return { name, word, uses, does, onNow, offNow };
}

/** The groups a change or a list is about: this group, or in private every group the sender is in. */
function groupsOf(ctx: Context): Community[] {
  if (ctx.chat.kind === 'group') return ctx.community ? [ctx.community] : [];
  return communitiesOf(ctx.tables, ctx.chat.platform, ctx.sender.id);
}

/** `On: history · Off: offers, leaderboard, reviews` for the sender in one group. */
function stateLine(ctx: Context, community: Community): string {
  const t = consentText(ctx.locale);
  const { gap, separator } = spacing(ctx.locale);
  const states = consentsOf(ctx.tables, community.id, ctx.sender.id);
  const words = (on: boolean) =>
    states
      .filter((s) => s.on === on)
      .map((s) => purposeWording(ctx.locale, s.purpose, community).word)
      .join(separator) || '—';
  return `${t.onLabel}${gap}${words(true)} · ${t.offLabel}${gap}${words(false)}`;
}

/** The list of one group: each purpose, on or off, what it uses and does. */
function choicesOf(ctx: Context, community: Community): string {
  const t = consentText(ctx.locale);
  const lines = [t.header(community.title)];
  for (const { purpose, on } of consentsOf(ctx.tables, community.id, ctx.sender.id)) {
    const w = purposeWording(ctx.locale, purpose, community);
    const label = w.word === w.name ? w.name : t.named(w.name, w.word);
    lines.push(on ? t.itemOn(label) : t.itemOff(label), `   ${w.uses}${spacing(ctx.locale).gap}${w.does}`);
  }
  return lines.join('\n');
}

/** The action of a button that turns `purpose` on or off for the tapper in `community`. */
function buttonAction(community: Community, purpose: Purpose, on: boolean): string {
  return `pv:${on ? 1 : 0}:${purpose}:${community.id}`;
}

/**
 * One button per purpose and group, each doing the opposite of its state now in that group (the
 * action names the group, so a tap is specific to it). One group: a row per purpose. Several (a
 * private chat): a row per group, each label naming its group, so Discord's 5 rows hold 5 groups.
 * None where an action would not fit.
 */
function choiceButtons(ctx: Context, communities: Community[]): ButtonRows {
  const t = consentText(ctx.locale);
  const several = communities.length > 1;
  const perGroup = communities.map((community) =>
    consentsOf(ctx.tables, community.id, ctx.sender.id).map(({ purpose, on }): Button => {
      const word = purposeWording(ctx.locale, purpose, community).word;
      const group = showName(community.title);
      const label = several
        ? on
          ? t.buttonOffIn(word, group)
          : t.buttonOnIn(word, group)
        : on
          ? t.buttonOff(word)
          : t.buttonOn(word);
      return { label, action: buttonAction(community, purpose, !on) };
    }),
  );
  const rows: Button[][] = several ? perGroup : perGroup.flat().map((b) => [b]);
  return rows.flat().every((b) => Buffer.byteLength(b.action) <= MAX_ACTION_BYTES) ? rows : [];
}

/** Says something about the sender's own choices: privately when asked in a group. */
function tellPrivately(ctx: Context, text: string, buttons?: ButtonRows): void {
  const out = { kind: 'text' as const, text, ...(buttons && buttons.length > 0 ? { buttons } : {}) };
  if (ctx.chat.kind === 'group') ctx.dm(out, { onUnreachable: 'hold' });
  else ctx.send(out);
}

/** Deals whose card is still live: taking orders (formed or not) or about to. */
const LIVE_CARD = new Set(['scheduled', 'open', 'succeeded']);

/**
 * Cards showing the product stars the member's reviews count in (live deals of the same
 * templates): shown again from the state, so a withdrawal leaves their stars out at once.
 */
function refreshRatedCards(ctx: Context, community: Community): void {
  const templates = new Set<string>();
  for (const review of ctx.tables.reviews.values()) {
    if (review.communityId !== community.id || review.userId !== ctx.sender.id) continue;
    const templateId = review.templateId ?? ctx.tables.deals.get(review.dealId)?.templateId;
    if (templateId !== undefined) templates.add(templateId);
  }
  if (templates.size === 0) return;
  for (const deal of ctx.tables.deals.by('community', community.id))
    if (
      LIVE_CARD.has(deal.status) &&
      deal.templateId !== undefined &&
      templates.has(deal.templateId) &&
      templateReviews(ctx.tables, community.id, deal.templateId).length > 0
    )
      refreshCard(ctx, community, deal);
}

/** The answer to one purpose's change in one group: what it is now, what that does, how to undo. */
function changeLines(
  ctx: Context,
  community: Community,
  purpose: Purpose,
  outcome: ConsentOutcome,
): string[] {
  const t = consentText(ctx.locale);
  const w = purposeWording(ctx.locale, purpose, community);
  if (outcome.kind === 'unchanged')
    return [outcome.on ? t.alreadyOn(w.name, community.title) : t.alreadyOff(w.name, community.title)];
  const on = outcome.kind === 'granted';
  return [
    `${on ? t.nowOn(w.name, community.title) : t.nowOff(w.name, community.title)}${spacing(ctx.locale).gap}${on ? w.onNow : w.offNow}`,
    on ? t.undoOn(w.word) : t.undoOff(w.word),
  ];
}

/** Turns one purpose on or off (or every one off) in the groups the sender means, and says so privately. */
function change(ctx: Context, communities: Community[], purpose: Purpose | 'all', on: boolean): void {
  const t = consentText(ctx.locale);
  const now = ctx.clock.now();
  const done = ctx.mutate((tx) =>
    communities.map((community) => ({
      community,
      outcome:
        purpose === 'all'
          ? { kind: 'all' as const, withdrawn: withdrawAll(tx, community.id, ctx.sender.id, now, 'command') }
          : setConsent(tx, community.id, ctx.sender.id, purpose, on, now, 'command'),
    })),
  );
  const blocks = done.map(({ community, outcome }) => {
    const lines =
      outcome.kind === 'all'
        ? [outcome.withdrawn.length > 0 ? t.allOff(community.title) : t.allAlreadyOff(community.title)]
        : changeLines(ctx, community, purpose as Purpose, outcome);
    if (outcome.kind === 'all' ? outcome.withdrawn.includes('reviews') : purpose === 'reviews')
      refreshRatedCards(ctx, community);
    return [...lines, stateLine(ctx, community)].join('\n');
  });
  tellPrivately(ctx, blocks.join('\n\n'));
}

export const privacyCommand = defineCommand({
  name: 'privacy',
  keywords: ['隐私'],
  role: 'member',
  // The choices are the sender's own; the "what is stored" text is anybody's to read.
  personal: (args) => !DATA_WORDS.has(normal(args.action)),
  scope: 'any',
  args: z.object({ action: z.string().max(40).optional(), purpose: z.string().max(200).optional() }),
  positional: ['action', 'purpose'],
  rest: 'purpose',
  help: {
    en: {
      summary: 'your choices of the optional uses of your data',
      usage: '/privacy [on|off history|offers|leaderboard|reviews|all] | /privacy data',
      examples: [
        '/privacy',
        '/privacy on history',
        '/privacy off leaderboard',
        '/privacy off all',
        '/privacy data',
      ],
    },
    zh: {
      summary: '查看和更改你的数据的可选用途',
      usage: '隐私 [开启|关闭 推荐|私信优惠|排行榜|公开评价|全部] | 隐私 数据',
      examples: ['隐私', '隐私 开启 推荐', '隐私 关闭 排行榜', '隐私 关闭 全部', '隐私 数据'],
    },
  },
  run(ctx, args) {
    const t = consentText(ctx.locale);
    // `/privacy on history 一群`: the action, the purpose, then (optionally) a group's name.
    const words = [args.action ?? '', ...(args.purpose ?? '').trim().split(/\s+/)].filter(Boolean);
    // `/privacy history off` reads as `/privacy off history`.
    const isOnOff = (w: string | undefined) => ON_WORDS.has(normal(w)) || OFF_WORDS.has(normal(w));
    if (!isOnOff(words[0]) && isOnOff(words[1])) [words[0], words[1]] = [words[1]!, words[0]!];
    const first = normal(words[0]);
    const second = normal(words[1]);
    const groupName = words.slice(2).join(' ');
    if (DATA_WORDS.has(first) && words.length === 1)
      return ctx.reply(
        privacyText(ctx.locale).privacy(
          ctx.backupKeepDays,
          ctx.community ? getSetting(ctx.community, offersCapSetting) : undefined,
        ),
      );
    const communities = groupsOf(ctx);
    const { separator } = spacing(ctx.locale);
    const names = communities.map((c) => showName(c.title)).join(separator);
    if (!first) {
      if (communities.length === 0) return ctx.reply(t.noGroup);
      const buttons = ctx.adapter.capabilities.buttons ? choiceButtons(ctx, communities) : undefined;
      const lists = communities.map((c) => [choicesOf(ctx, c), stateLine(ctx, c)].join('\n'));
      const several =
        communities.length > 1 ? [t.footerSeveral(t.historyWord, showName(communities[0]!.title))] : [];
      return tellPrivately(ctx, [...lists, [t.footer, ...several].join('\n')].join('\n\n'), buttons);
    }
    if (!isOnOff(first)) return ctx.reply(t.badAction([args.action, args.purpose].filter(Boolean).join(' ')));
    const on = ON_WORDS.has(first);
    if (!second) return ctx.reply(on ? t.noPurposeOn : t.noPurposeOff);
    if (ALL_WORDS.has(second) && on) return ctx.reply(t.onAllRefused);
    const purpose = ALL_WORDS.has(second) ? 'all' : PURPOSE_WORDS[second];
    if (!purpose) return ctx.reply(t.badPurpose(words[1]!));
    if (communities.length === 0) return ctx.reply(t.noGroup);
    let targets = communities;
    if (groupName) {
      targets = communities.filter((c) => normal(c.title) === normal(groupName));
      if (targets.length === 0 && ctx.chat.kind === 'group')
        return ctx.reply(t.otherGroupHere(showName(communities[0]!.title), groupName));
      if (targets.length === 0) return ctx.reply(t.noSuchGroup(groupName, names));
      if (targets.length > 1) return ctx.reply(t.sameName(groupName));
    } else if (on && communities.length > 1) {
      // A grant is specific: in private with several groups, which one must be said.
      const word = purposeWording(ctx.locale, purpose as Purpose, communities[0]!).word;
      return ctx.reply(t.chooseGroup(word, showName(communities[0]!.title), names));
    }
    change(ctx, targets, purpose, on);
  },
});

/**
 * A tap on a /privacy button (`pv:1:history:<community>`): turns that purpose on or off for the
 * member who tapped (whoever it is: a button acts on the tapper's own choices), answered to them only.
 */
export const consentButtonHandler: ButtonHandler = (ctx, action) => {
  const match = ACTION.exec(action);
  if (!match) return false;
  const on = match[1] === '1';
  const purpose = match[2] as Purpose;
  const community = ctx.tables.communities.get(match[3]!);
  if (
    !community ||
    community.platform !== ctx.chat.platform ||
    !ctx.tables.members.get(memberId(community.id, ctx.sender.id))
  ) {
    ctx.answer(coreText(ctx.locale).buttonGone);
    return true;
  }
  const outcome = ctx.mutate((tx) =>
    setConsent(tx, community.id, ctx.sender.id, purpose, on, ctx.clock.now(), 'button'),
  );
  if (purpose === 'reviews' && outcome.kind !== 'unchanged') refreshRatedCards(ctx, community);
  ctx.answer(changeLines(ctx, community, purpose, outcome).join(spacing(ctx.locale).gap));
  return true;
};
