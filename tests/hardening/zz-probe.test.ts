import { statSync } from 'node:fs';
import { it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { journalFile } from '../../src/store/store.js';
it('probe', async () => {
  const t = await TestBot.create();
  const group = t.group();
  await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=1000');
  await t.bot.outbox.flush();
  console.log('after deal', statSync(journalFile(t.dir)).size);
  await group.as('alice').says('+1');
  await t.bot.outbox.flush();
  console.log('after alice', statSync(journalFile(t.dir)).size);
  for (let i = 0; i < 4; i++) {
    await group.as(`u${i}`).says('+1');
    console.log('after u', i, statSync(journalFile(t.dir)).size);
  }
  await t.close();
});
