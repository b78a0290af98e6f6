import { basename } from 'node:path';
import type { ButtonRows, Outgoing } from '../../src/core/adapter.js';
import { clipText, splitText } from '../../src/core/split-text.js';

/** Discord's limit on a message's text. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Discord's limit on an embed's description: a picture's caption. */
export const MAX_CAPTION_LENGTH = 4096;

/**
 * A picture's caption as Discord shows one: an embed whose description is the caption and whose
 * image is the attached file `name` (`attachment://name`). An edit sends it again and keeps the
 * attachment (an edit without `attachments` leaves the message's files as they are).
 */
export function captionEmbed(caption: string, name: string): { description: string; image: { url: string } } {
  return { description: clipText(caption, MAX_CAPTION_LENGTH), image: { url: `attachment://${name}` } };
}

/** One Discord message to post: text, attachments by local path, the message it answers. */
export interface DiscordPost {
  content?: string;
  files?: string[];
  /** A picture's caption (captionEmbed): the attached picture shown inside it. */
  embeds?: ReturnType<typeof captionEmbed>[];
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
  // A picture's caption is an embed around it (up to 4,096 characters: a deal card with its photo).
  return [
    {
      files: [out.path],
      ...(out.caption ? { embeds: [captionEmbed(out.caption, basename(out.path))] } : {}),
      ...(out.kind === 'image' && out.buttons?.length ? { buttons: out.buttons } : {}),
    },
  ];
}
