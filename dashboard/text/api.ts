import type { Locale } from '../../src/core/i18n/index.js';

/**
 * The JSON API's error messages (`message` beside the machine-readable `error` code), in the
 * language of the token's community; before a token is known (401), both languages.
 */
export interface ApiText {
  unauthorized: string;
  badQuery: (detail: string) => string;
  pageTooBig: (asked: number, max: number) => string;
  unknownDeal: (no: number) => string;
  unknownPoint: (no: number) => string;
  badPeriod: (text: string) => string;
  futureMonth: (text: string) => string;
  badRange: (text: string, why: string) => string;
  rangeWhy: {
    malformed: string;
    impossible_date: (date: string) => string;
    start_after_end: string;
    start_in_future: string;
    too_long: (days: number, maxDays: number) => string;
  };
  tooMany: (seconds: number) => string;
  /** The bot is no longer in the token's group (410). */
  communityGone: string;
  failed: string;
}

const en: ApiText = {
  unauthorized:
    'A valid API token is needed: send the header Authorization: Bearer tb_… (an admin makes one with /apitoken new in the group chat). A revoked token no longer works.',
  badQuery: (detail) => `Bad query (${detail}); nothing was read.`,
  pageTooBig: (asked, max) => `pageSize ${asked} is too big: at most ${max} rows a page.`,
  unknownDeal: (no) => `This community has no deal #${no}.`,
  unknownPoint: (no) => `This community has no pickup point ${no}.`,
  badPeriod: (text) =>
    `"${text}" is not a period: use 7d, 30d, 90d, a month (2026-11) or a range of days (2026-11-01..2026-11-15).`,
  futureMonth: (text) => `${text} has not started yet.`,
  badRange: (text, why) => `The range "${text}" cannot be read: ${why}.`,
  rangeWhy: {
    malformed: 'write it as YYYY-MM-DD..YYYY-MM-DD',
    impossible_date: (date) => `${date} is not a date`,
    start_after_end: 'it starts after it ends',
    start_in_future: 'it starts in the future',
    too_long: (days, maxDays) => `it covers ${days} days, at most ${maxDays} are allowed`,
  },
  tooMany: (seconds) => `Too many calls with this token: try again in ${seconds} s.`,
  communityGone:
    'The bot is no longer in this group, so its API tokens read nothing until the bot is added back.',
  failed: 'The request failed; nothing was changed. Try again.',
};

const zh: ApiText = {
  unauthorized:
    '需要有效的接口令牌：请在请求头中发送 Authorization: Bearer tb_…（管理员在群里发送“接口令牌 新建 名字”创建）。已撤销的令牌不再有效。',
  badQuery: (detail) => `查询参数有误（${detail}），未读取任何数据。`,
  pageTooBig: (asked, max) => `每页 ${asked} 行太多：每页最多 ${max} 行。`,
  unknownDeal: (no) => `本群没有团购 #${no}。`,
  unknownPoint: (no) => `本群没有 ${no} 号自提点。`,
  badPeriod: (text) =>
    `「${text}」不是有效的时间段：请用 7d、30d、90d、月份（2026-11）或日期范围（2026-11-01..2026-11-15）。`,
  futureMonth: (text) => `${text} 还没有开始。`,
  badRange: (text, why) => `无法识别日期范围「${text}」：${why}。`,
  rangeWhy: {
    malformed: '请写成 年-月-日..年-月-日',
    impossible_date: (date) => `${date} 不是有效日期`,
    start_after_end: '开始日期晚于结束日期',
    start_in_future: '开始日期在未来',
    too_long: (days, maxDays) => `共 ${days} 天，最多 ${maxDays} 天`,
  },
  tooMany: (seconds) => `此令牌调用过于频繁，请 ${seconds} 秒后再试。`,
  communityGone: '机器人已不在这个群里，在重新拉机器人进群之前，本群的接口令牌读取不到任何数据。',
  failed: '请求失败，未做任何更改，请重试。',
};

/** The API's messages in `locale`. */
export function apiText(locale: Locale): ApiText {
  return locale === 'zh' ? zh : en;
}

/** A message in both languages, for answers given before the community is known. */
export function bothLanguages(pick: (t: ApiText) => string): string {
  return `${pick(en)} / ${pick(zh)}`;
}
