import { FileBox } from 'file-box';
import type { Outgoing } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { splitText } from '../../src/core/split-text.js';

/** The WeChat posts of a message, in order (files built only when posted); texts cut at maxLength characters. */
export function postsOf(out: Outgoing, maxLength: number): (string | (() => FileBox))[] {
  // WeChat has no captions: the file goes first, its caption right after.
  return out.kind === 'text'
    ? splitText(out.text, maxLength)
    : [() => FileBox.fromFile(out.path), ...(out.caption ? [out.caption] : [])];
}

/** Waits ms on the given clock (or real time without one) between two posts of one message. */
export function pause(clock: Pick<Clock, 'setTimer'> | undefined, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    if (clock) clock.setTimer(resolve, ms);
    else setTimeout(resolve, ms);
  });
}
