import { FileBox } from 'file-box';
import type { Outgoing } from '../../src/core/adapter.js';
import { splitText } from '../../src/core/split-text.js';

/** The WeChat posts of a message, in order (files built only when posted); texts cut at maxLength characters. */
export function postsOf(out: Outgoing, maxLength: number): (string | (() => FileBox))[] {
  // WeChat has no captions: the file goes first, its caption right after.
  return out.kind === 'text'
    ? splitText(out.text, maxLength)
    : [() => FileBox.fromFile(out.path), ...(out.caption ? [out.caption] : [])];
}
