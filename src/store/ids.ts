import type { ChatRef } from '../core/events.js';

/** The id of a group chat's community: `telegram:-100123`. */
export function communityId(chat: ChatRef): string {
  return `${chat.platform}:${chat.chatId}`;
}

/** The id of a member record: `telegram:-100123/42` (community id, then the platform's user id). */
export function memberId(community: string, userId: string): string {
  return `${community}/${userId}`;
}
