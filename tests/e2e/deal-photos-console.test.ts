import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { png } from '../helpers/images.js';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

/**
 * Deal photos through `npm start`'s console: `:image PATH /deal new …` opens a deal whose card is
 * the picture with the card under it; orders edit that card's caption; `/deal edit #1 photo=none`
 * posts the card as text again and the old card says it moved.
 */

describe('npm start: a deal card with a photo', () => {
  it('the card is the picture with its caption, edited as a caption, posted anew when the photo goes', async () => {
    const dir = await tempDataDir();
    const photo = join(dir, 'mango.png');
    await writeFile(photo, png());
    const run = await runScript(
      dir,
      [
        ':clock 2030-01-01T00:00:00Z',
        `:image ${photo} /deal new "Mangoes" price=30 min=2 ends=24h`,
        'alice> +1',
        '/deal edit #1 photo=none',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
    const out = withoutIds(run.stdout);
    expect(out).toMatch(
      /\[main\] bot image: \S+\/deal-photos\/[0-9a-f]{16}\/\d+-[0-9a-f]{6}\.png\n {2}🛒 #1 Mangoes — ¥30\.00\n/,
    );
    expect(out).toMatch(/\[main\] bot edited the caption of m\d+: 🛒 #1 Mangoes[\s\S]*1\. alice ×1/);
    expect(out).toContain('bot edited the caption of m');
    expect(out).toContain(': 🛒 #1: this card moved to a new message below (its photo changed).');
    expect(out).toContain('[main] bot: 1 photo removed from #1; the card is text again.');
    expect(out).toMatch(/\[main\] bot: 🛒 #1 Mangoes — ¥30\.00\n/);
  });
});
