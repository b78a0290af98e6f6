import type { Capabilities } from '../../src/core/adapter.js';

export const WECHAT_CAPABILITIES: Capabilities = {
  editMessages: false,
  removeMembers: true,
  inviteLinks: false,
  images: true,
  files: true,
  nativeCommands: false,
  // Long posts get folded and skimmed in WeChat groups.
  maxMessageLength: 2000,
  defaultLocale: 'zh',
  // WeChat has no reactions.
  reactions: false,
  // WeChat has no buttons under a bot's messages: members order by text (`+1`).
  buttons: false,
  // WeChat restricts accounts that post quickly; stay well below what the client itself allows.
  pacing: { perChatPerMinute: 10, globalPerSecond: 1, minGapMs: 1_000 },
};
