import { defineMessages } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';

/**
 * Wording of read-only API tokens (/apitoken, 接口令牌) in both languages. `no` is a token's number
 * (shown as `T3`), `label` what the admin named it (already fenced), `code` a handle as typed.
 */
export const apiTokenText = defineMessages('apiTokens', {
  en: {
    // The private message carrying a new token: this, the header line with the secret, where, how to revoke.
    secretIntro: (no: number, label: string, group: string) =>
      `API token T${no} "${label}" for ${group} (read-only). It is shown only this once: copy it now, then delete this message. Send it with every request as this header:`,
    secretWhere: (link: string) =>
      `Endpoints: ${link}/report, ${link}/deals, ${link}/orders, ${link}/members — described at ${link}/openapi.json`,
    notServed:
      'The dashboard is not served yet: the token works once whoever runs the bot turns it on (DASHBOARD_PORT).',
    secretRevoke: (no: number) => `Revoke it any time with /apitoken revoke T${no}.`,
    sentPrivately: (no: number, label: string) =>
      `API token T${no} "${label}" made: I sent it to you privately (it is shown only once).`,
    noPrivateChat:
      'An API token can only be handed over in a private chat, and this platform does not let me start one with you. Nothing was made.',
    undelivered: (name: string, no: number, link: string | undefined) =>
      `${name}: I could not send you API token T${no} privately (the platform refused: open a private chat with me first${link ? `: ${link}` : ''}), so I revoked it. Ask again with /apitoken new.`,
    badLabel: (max: number) =>
      `Name the token in 1 to ${max} characters on one line, e.g. /apitoken new sheets. Nothing was made.`,
    tooMany: (max: number) =>
      `This group already has ${max} live API tokens: revoke one first (/apitoken list shows them). Nothing was made.`,
    none: 'No API tokens. Make one for a spreadsheet or a shop system: /apitoken new sheets',
    listHeader: 'API tokens (read-only; revoke one with /apitoken revoke T1):',
    listLine: (no: number, label: string, at: string, by: string, n: number, last: string | undefined) =>
      `T${no} "${label}" — made ${at} by ${by} · ${count(n, 'call', 'calls')}${last ? `, last ${last}` : ', never used'}`,
    revokedCount: (n: number) =>
      `${count(n, 'revoked token', 'revoked tokens')} not shown (/audit lists them).`,
    badHandle: (code: string) =>
      `"${code}" is not a token: name one as /apitoken list shows it, e.g. T1. Nothing changed.`,
    unknown: (no: number, nos: string) =>
      nos
        ? `This group has no API token T${no}. Live tokens: ${nos}. Nothing changed.`
        : `This group has no API token T${no}, and no live token. Nothing changed.`,
    alreadyRevoked: (no: number, label: string) =>
      `API token T${no} "${label}" was already revoked. Nothing changed.`,
    revoked: (no: number, label: string) =>
      `API token T${no} "${label}" revoked: it no longer opens anything.`,
    // /audit lines: `2026-11-25 16:00 made API token T1 "sheets" · boss — by boss`.
    auditCreated: (no: number, label: string) => `made API token T${no} "${label}"`,
    auditRevoked: (no: number) => `revoked API token T${no}`,
    auditUndelivered: (no: number) => `revoked API token T${no}: it could not be sent privately`,
    theBot: 'the bot',
  },
  zh: {
    secretIntro: (no: number, label: string, group: string) =>
      `${group} 的接口令牌 T${no}「${label}」（只读）。令牌只显示这一次：请立即复制保存，然后删除这条消息。每次请求都带上下面这行请求头：`,
    secretWhere: (link: string) =>
      `接口地址：${link}/report、${link}/deals、${link}/orders、${link}/members，说明文档见 ${link}/openapi.json`,
    notServed: '管理后台尚未开启：请机器人的运营者开启后，令牌即可使用。',
    secretRevoke: (no: number) => `随时可以撤销：接口令牌 撤销 T${no}`,
    sentPrivately: (no: number, label: string) =>
      `已创建接口令牌 T${no}「${label}」，已私信发给你（只显示一次）。`,
    noPrivateChat: '接口令牌只能在私聊中交给你，而这个平台不允许我主动私聊你。未创建任何令牌。',
    undelivered: (name: string, no: number, link: string | undefined) =>
      `${name}：无法私信你接口令牌 T${no}（平台拒绝：请先与我私聊${link ? `：${link}` : ''}），该令牌已撤销。请重新发送“接口令牌 新建”。`,
    badLabel: (max: number) =>
      `令牌名称为 1 到 ${max} 个字，写在一行，例如：接口令牌 新建 表格。未创建任何令牌。`,
    tooMany: (max: number) =>
      `本群已有 ${max} 个有效接口令牌，请先撤销一个（发“接口令牌”查看）。未创建任何令牌。`,
    none: '还没有接口令牌。为表格或商城系统创建一个：接口令牌 新建 表格',
    listHeader: '接口令牌（只读；撤销请发：接口令牌 撤销 T1）：',
    listLine: (no: number, label: string, at: string, by: string, n: number, last: string | undefined) =>
      `T${no}「${label}」— ${at} 由 ${by} 创建 · 调用 ${n} 次${last ? `，最近 ${last}` : '，从未使用'}`,
    revokedCount: (n: number) => `另有 ${n} 个已撤销的令牌未列出（发“审计”查看）。`,
    badHandle: (code: string) =>
      `「${code}」不是令牌编号，请按“接口令牌”列出的编号填写，例如 T1。未做任何更改。`,
    unknown: (no: number, nos: string) =>
      nos
        ? `本群没有接口令牌 T${no}。有效令牌：${nos}。未做任何更改。`
        : `本群没有接口令牌 T${no}，也没有有效令牌。未做任何更改。`,
    alreadyRevoked: (no: number, label: string) => `接口令牌 T${no}「${label}」早已撤销。未做任何更改。`,
    revoked: (no: number, label: string) => `已撤销接口令牌 T${no}「${label}」，它已无法再访问任何数据。`,
    auditCreated: (no: number, label: string) => `创建接口令牌 T${no}「${label}」`,
    auditRevoked: (no: number) => `撤销接口令牌 T${no}`,
    auditUndelivered: (no: number) => `撤销接口令牌 T${no}：无法私信送达`,
    theBot: '机器人',
  },
});
