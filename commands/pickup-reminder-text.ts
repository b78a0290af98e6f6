import { count, defineMessages } from '../src/core/i18n/index.js';
import { distinctNames } from '../src/core/names.js';

/** `@alice @bob`: members mentioned, look-alike names told apart. */
const mentions = (list: string[]) =>
  [...distinctNames(list.map((name, i) => ({ id: String(i), name }))).values()].map((n) => `@${n}`).join(' ');

/** A line's pickup code and what it is for (`×2 大份`). */
export interface CodeOf {
  code: string;
  label: string;
}

/** When goods can be picked up: the end of the window reminded of, and the point's times as written. */
export interface PickupWhen {
  by?: string;
  times?: string;
}

/** `K7M3QX` for one line, `K7M3QX (×2 大份), P9R2TD (×1 小份)` for several. */
const codeList = (codes: CodeOf[], open: string, close: string, gap: string) =>
  codes.length === 1 ? codes[0]!.code : codes.map((c) => `${c.code}${open}${c.label}${close}`).join(gap);

/** ` Pick it up by 2026-11-28 12:00 (周六 10:00-12:00).`, or the times alone, or nothing. */
const whenEn = (when: PickupWhen, it: string) =>
  when.by
    ? ` Pick ${it} up by ${when.by}${when.times ? ` (${when.times})` : ''}.`
    : when.times
      ? ` Pickup times: ${when.times}.`
      : '';
const whenZh = (when: PickupWhen) =>
  when.by
    ? `请在 ${when.by} 前取货${when.times ? `（${when.times}）` : ''}。`
    : when.times
      ? `取货时间：${when.times}。`
      : '';

/**
 * Wording of the "not picked up yet" reminders (src/services/pickup-reminders.ts): the member's
 * private reminder with their pickup codes, the group message mentioning members the bot cannot
 * reach privately (never with codes: anyone in the group could read them), and the keeper's list
 * of what is still waiting at the point. A Chinese group reads the Chinese keywords (`我的订单`).
 */
export const pickupReminderText = defineMessages('pickup-reminders', {
  en: {
    remindDm: (
      group: string,
      no: number,
      title: string,
      held: string,
      point: string | undefined,
      when: PickupWhen,
      codes: CodeOf[],
    ) =>
      `⏰ ${group}: your order in #${no} ${title} (${held}) ${point ? `is waiting at ${point}` : 'is waiting for you'}, not picked up yet.${whenEn(when, 'it')}${
        codes.length > 0
          ? ` Your pickup ${codes.length === 1 ? 'code' : 'codes'}: ${codeList(codes, ' (', ')', ', ')}.`
          : ''
      }`,
    remindGroup: (who: string[], no: number, title: string, point: string | undefined, when: PickupWhen) =>
      `${mentions(who)}: your orders in #${no} ${title} ${point ? `are waiting at ${point}` : 'are waiting for you'}, not picked up yet.${whenEn(when, 'them')} /myorders shows your pickup code.`,
    keeperHeader: (
      point: string,
      no: number,
      title: string,
      units: number,
      members: number,
      until?: string,
    ) =>
      `📦 ${point}: still to pick up from #${no} ${title}${until ? ` before ${until}` : ''}: ${count(units, 'unit', 'units')} for ${count(members, 'member', 'members')}.`,
    keeperLine: (name: string, held: string, codes: CodeOf[]) =>
      `• ${name}: ${held}${codes.length > 0 ? ` · ${codes.length === 1 ? 'code' : 'codes'} ${codeList(codes, ' (', ')', ', ')}` : ''}`,
    keeperGroup: (point: string, no: number, title: string, list: string, until?: string) =>
      `not picked up yet at ${point} from #${no} ${title}${until ? ` (before ${until})` : ''}: ${list}.`,
    keeperGroupLine: (name: string, held: string) => `${name} ${held}`,
  },
  zh: {
    remindDm: (
      group: string,
      no: number,
      title: string,
      held: string,
      point: string | undefined,
      when: PickupWhen,
      codes: CodeOf[],
    ) =>
      `⏰ ${group}：你在 #${no} ${title} 的订单（${held}）${point ? `已到 ${point}` : '已到货'}，还未取货。${whenZh(when)}${
        codes.length > 0 ? `取货码：${codeList(codes, '（', '）', '、')}。` : ''
      }`,
    remindGroup: (who: string[], no: number, title: string, point: string | undefined, when: PickupWhen) =>
      `${mentions(who)}：你们在 #${no} ${title} 的订单${point ? `已到 ${point}` : '已到货'}，还未取货。${whenZh(when)}发送 我的订单 查看取货码。`,
    keeperHeader: (
      point: string,
      no: number,
      title: string,
      units: number,
      members: number,
      until?: string,
    ) =>
      `📦 ${point}：#${no} ${title} 还有 ${members} 人共 ${units} 件未取货${until ? `（取货截止 ${until}）` : ''}。`,
    keeperLine: (name: string, held: string, codes: CodeOf[]) =>
      `• ${name}：${held}${codes.length > 0 ? ` · 取货码 ${codeList(codes, '（', '）', '、')}` : ''}`,
    keeperGroup: (point: string, no: number, title: string, list: string, until?: string) =>
      `${point} 还有 #${no} ${title} 的订单未取${until ? `（取货截止 ${until}）` : ''}：${list}。`,
    keeperGroupLine: (name: string, held: string) => `${name} ${held}`,
  },
});
