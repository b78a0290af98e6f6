import type { GroupChat, TestBot } from './chat.js';

/**
 * Two points: 东门 (kept by kim, Saturdays 10–12) and 西门; a third, 南门, the deal does not go to.
 * Deal #1 Mangoes ¥45 with options L and S: alice 5 L, bob 3 L, carol 2 L + 1 S at 东门 (carol
 * paid), dan 1 S at 西门. `settings`: a `/settings` line sent first (`pickup.shortage=manual`).
 */
export async function dealAtTwoPoints(t: TestBot, settings = ''): Promise<GroupChat> {
  const group = t.group();
  await group.as('kim').says('hi');
  await group.as('owner').says('/pickup add "东门" times="周六 10:00-12:00" keeper=@kim');
  await group.as('owner').says('/pickup add "西门"');
  await group.as('owner').says('/pickup add "南门"');
  if (settings) await group.as('owner').says(`/settings ${settings}`);
  await group
    .as('owner')
    .says('/deal new "Mangoes" price=45 min=2 ends=48h options="L,S" points="东门,西门"');
  await group.as('alice').says('+5 L 东门');
  await group.as('bob').says('+3 L 东门');
  await group.as('carol').says('+2 L 东门');
  await group.as('carol').says('+1 S 东门');
  await group.as('dan').says('+1 S 西门');
  await group.as('owner').says('/paid #1 @carol');
  return group;
}

/** What the bot did, with each member's pickup codes shown as <user option> and QR pictures as `image: QR <user option>`. */
export function masked(t: TestBot, out: string[]): string[] {
  const codes = [...t.store.tables.orders.values()].flatMap((o) =>
    o.pickupCode ? [[o.pickupCode, `<${o.userId} ${o.option}>`] as const] : [],
  );
  return out.map((text) => {
    let shown = text.replace(/image: \S+-([2-9A-Z]{6})\.png/, 'image: QR $1');
    for (const [code, label] of codes) shown = shown.replaceAll(code, label);
    return shown;
  });
}
