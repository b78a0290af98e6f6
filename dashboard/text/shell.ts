import type { Locale } from '../../src/core/i18n/index.js';

/** The dashboard's frame and login pages, in each language a community may use. */
export interface ShellText {
  htmlLang: string;
  appName: string;
  nav: { overview: string; deals: string; orders: string; members: string; settings: string; audit: string };
  switchCommunity: string;
  switchGo: string;
  logout: string;
  signedInAs: (name: string) => string;
  loginTitle: string;
  loginAsk: (name: string, group: string) => string;
  loginButton: string;
  linkUnknown: string;
  linkUsed: string;
  linkExpired: string;
  askAgain: string;
  notAdmin: (group: string) => string;
  rightsUnknown: string;
  noSession: string;
  loggedOut: string;
  notFound: string;
  notYours: string;
  badRequest: string;
  tooMany: string;
  csrf: string;
  saveFailed: string;
  communityGone: string;
  platformAway: string;
  done: string;
  refused: string;
}

const en: ShellText = {
  htmlLang: 'en',
  appName: 'tuanbot dashboard',
  nav: {
    overview: 'Overview',
    deals: 'Deals',
    orders: 'Orders',
    members: 'Members',
    settings: 'Settings',
    audit: 'Audit log',
  },
  switchCommunity: 'Group',
  switchGo: 'Switch',
  logout: 'Log out',
  signedInAs: (name) => `Signed in as ${name}`,
  loginTitle: 'Log in',
  loginAsk: (name, group) => `Log in to the dashboard of ${group} as ${name}?`,
  loginButton: 'Log in',
  linkUnknown: 'This login link is not valid. Links are made only by the bot: send /dashboard in your group.',
  linkUsed:
    'This login link was already used. Each link works once: send /dashboard in your group for a new one.',
  linkExpired:
    'This login link has expired (links work for 10 minutes). Send /dashboard in your group for a new one.',
  askAgain: 'Send /dashboard to the bot for a new link.',
  notAdmin: (group) =>
    `You are not an admin of ${group} (as the platform says now), so the dashboard is closed to you.`,
  rightsUnknown: 'The platform could not confirm your admin rights just now. Try again in a minute.',
  noSession: 'You are not logged in, or your session ended. Send /dashboard to the bot for a login link.',
  loggedOut: 'You are logged out.',
  notFound: 'Not found.',
  notYours: 'This is not part of your group, or it does not exist.',
  badRequest: 'That request could not be read; nothing was changed.',
  tooMany: 'Too many attempts. Wait a minute and try again.',
  csrf: 'This form is out of date (or did not come from the dashboard); nothing was changed. Reload the page and try again.',
  saveFailed: 'The change could not be saved; nothing was changed. Try again.',
  communityGone: 'The bot is no longer in this group.',
  platformAway: 'This group is served by another tuanbot process; open the dashboard there.',
  done: 'The bot answered:',
  refused: 'Not done:',
};

const zh: ShellText = {
  htmlLang: 'zh-CN',
  appName: '团购管理后台',
  nav: {
    overview: '概览',
    deals: '团购',
    orders: '订单',
    members: '成员',
    settings: '设置',
    audit: '操作记录',
  },
  switchCommunity: '群',
  switchGo: '切换',
  logout: '退出登录',
  signedInAs: (name) => `已登录：${name}`,
  loginTitle: '登录',
  loginAsk: (name, group) => `以「${name}」的身份登录「${group}」的管理后台？`,
  loginButton: '登录',
  linkUnknown: '此登录链接无效。登录链接只能由机器人生成：请在群里发送“管理后台”。',
  linkUsed: '此登录链接已被使用，每个链接只能用一次：请在群里发送“管理后台”获取新链接。',
  linkExpired: '此登录链接已过期（10分钟内有效）。请在群里发送“管理后台”获取新链接。',
  askAgain: '请向机器人发送“管理后台”获取新的登录链接。',
  notAdmin: (group) => `平台显示你目前不是「${group}」的管理员，无法使用管理后台。`,
  rightsUnknown: '暂时无法向平台确认你的管理员身份，请一分钟后再试。',
  noSession: '你尚未登录，或登录已失效。请向机器人发送“管理后台”获取登录链接。',
  loggedOut: '已退出登录。',
  notFound: '找不到该页面。',
  notYours: '该内容不属于你的群，或不存在。',
  badRequest: '无法识别该请求，未做任何更改。',
  tooMany: '尝试次数过多，请一分钟后再试。',
  csrf: '此表单已过期（或并非来自管理后台），未做任何更改。请刷新页面后重试。',
  saveFailed: '保存失败，未做任何更改，请重试。',
  communityGone: '机器人已不在这个群里。',
  platformAway: '这个群由另一个机器人进程服务，请在那里打开管理后台。',
  done: '机器人答复：',
  refused: '未执行：',
};

export function shellText(locale: Locale): ShellText {
  return locale === 'zh' ? zh : en;
}
