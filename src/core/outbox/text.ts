import { defineMessages } from '../i18n/index.js';
import { showName } from '../names.js';

/** What the outbox itself says: a private message it keeps for a member it cannot reach yet. */
export const outboxText = defineMessages('outbox', {
  en: {
    openPrivateChat: (name: string, link: string | undefined) =>
      `@${showName(name)}, I cannot send you this privately yet: open a private chat with me${link ? ` (${link})` : ''} and send me any message. I am keeping it for you until then.`,
  },
  zh: {
    openPrivateChat: (name: string, link: string | undefined) =>
      `@${showName(name)}，我暂时无法私聊发给你：请先打开与我的私聊${link ? `（${link}）` : ''}并随便发一条消息，我会一直为你保留。`,
  },
});
