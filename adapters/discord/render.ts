import type { ButtonRows, Outgoing } from '../../src/core/adapter.js';
import { clipText, splitText } from '../../src/core/split-text.js';

/** Discord's limit on a message's text. */
export const MAX_MESSAGE_LENGTH = 2000;

/** One Discord message to post: text, attachments by local path, the message it answers. */
export interface DiscordPost {
  content?: string;
  files?: string[];
  replyTo?: string;
  /** Buttons under the post (on the first piece of a long text: the one edits target). */
  buttons?: ButtonRows;
}

/** The posts an outgoing message becomes: long text in several pieces, the reply marker on the first. */
export function toPosts(out: Outgoing): DiscordPost[] {
  if (out.kind === 'text') {
    return splitText(out.text, MAX_MESSAGE_LENGTH).map((content, i) => ({
      content,
      ...(i === 0 && out.replyTo ? { replyTo: out.replyTo } : {}),
      ...(i === 0 && out.buttons?.length ? { buttons: out.buttons } : {}),
    }));
  }
  return [
    { files: [out.path], ...(out.caption ? { content: clipText(out.caption, MAX_MESSAGE_LENGTH) } : {}) },
  ];
}
