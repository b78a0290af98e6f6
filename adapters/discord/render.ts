import type { ButtonRows, Outgoing } from '../../src/core/adapter.js';

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

/** Splits text into pieces Discord takes, at a line break where there is one in the second half. */
export function splitText(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  pieces.push(rest);
  return pieces;
}

/** Text cut to one message, for edits (an edit cannot become two messages). */
export function clipText(text: string, max = MAX_MESSAGE_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The posts an outgoing message becomes: long text in several pieces, the reply marker on the first. */
export function toPosts(out: Outgoing): DiscordPost[] {
  if (out.kind === 'text') {
    return splitText(out.text).map((content, i) => ({
      content,
      ...(i === 0 && out.replyTo ? { replyTo: out.replyTo } : {}),
      ...(i === 0 && out.buttons?.length ? { buttons: out.buttons } : {}),
    }));
  }
  return [{ files: [out.path], ...(out.caption ? { content: clipText(out.caption) } : {}) }];
}
