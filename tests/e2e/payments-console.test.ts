import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

describe('npm start: money after a deal, in the console', () => {
  it('a deal forms, two members claim, one is confirmed and one rejected, the deal is cancelled, refunds are owed and recorded', async () => {
    const dir = await tempDataDir();
    const script = [
      '/deal new "Mangoes" price=45 min=2 ends=48h',
      'alice> +1',
      'bob> +2',
      ':clock +1m',
      'alice> 已付 #1',
      ':clock +1m',
      'bob> I paid #1',
      ':clock +1m',
      '/confirm #1 @alice',
      ':clock +1m',
      '/reject #1 @bob no transfer received',
      ':clock +1m',
      '/deal cancel #1',
      '/orders #1 refunds',
      ':clock +1m',
      '/refund #1 @alice',
      'alice> /myorders',
      'bob> /myorders',
      '/audit',
      '',
    ].join('\n');
    const result = await runScript(dir, script);
    const out = withoutIds(result.stdout);
    expect(result.code).toBe(0);
    // The members' claims, noted in the group's batched notice (the console has no reactions).
    expect(out).toContain('[main] bot: #1 Mangoes:\n  ✓ alice: paid ¥45.00, to be confirmed');
    expect(out).toContain('[main] bot: #1 Mangoes:\n  ✓ bob: paid ¥90.00, to be confirmed');
    // The leader's confirmation and rejection, each member told privately.
    expect(out).toContain('[main] bot: ✓ #1: payment confirmed for alice ¥45.00 (¥45.00 in all).');
    expect(out).toContain('[dm alice] bot: ✓ Your payment of ¥45.00 for #1 Mangoes is confirmed. Thank you!');
    expect(out).toContain(
      '[dm bob] bot: ✗ Your payment for #1 Mangoes was not confirmed: no transfer received. Please check, pay, and send 已付 #1 again.',
    );
    // Cancelled: nobody owes; the one who paid is owed a refund, in the group and privately.
    expect(out).toContain(
      '[main] bot: 🚫 #1 Mangoes was cancelled by the organiser. @bob: no one needs to pay. Refunds due: @alice ¥45.00. Admins: /orders #1 refunds lists them; record each with /refund #1 @member.',
    );
    expect(out).toContain(
      '[dm alice] bot: #1 Mangoes did not go ahead (cancelled): the organiser owes you a refund of ¥45.00, and will tell you here once it is made.',
    );
    expect(out).toContain(
      '[main] bot: #1 refunds due (1), ¥45.00 in all:\n  1. alice ×1 — paid ¥45.00 · refund due ¥45.00',
    );
    // The refund recorded, the member told; each member's order says where its money stands.
    expect(out).toContain('[main] bot: Recorded: ¥45.00 refunded to alice in #1.');
    expect(out).toContain('[dm alice] bot: ↩ The organiser refunded ¥45.00 to you for #1 Mangoes.');
    expect(out).toContain('Your orders:\n  #1 Mangoes ×1 — ¥45.00 · cancelled · refunded ¥45.00');
    expect(out).toContain('Your orders:\n  #1 Mangoes ×2 — ¥90.00 · cancelled · nothing to pay');
    expect(out).not.toMatch(/owing ¥/);
    // Every step is in the audit log, newest first.
    expect(out).toMatch(
      /Audit log \(newest first\):\n {2}\S+ \S+ #1 refunded ¥45\.00 · alice — by owner\n {2}\S+ \S+ #1 claim rejected \(no transfer received\) · bob — by owner\n {2}\S+ \S+ #1 payment confirmed ¥45\.00 · alice — by owner\n {2}\S+ \S+ #1 claimed payment of ¥90\.00 · bob — by bob\n {2}\S+ \S+ #1 claimed payment of ¥45\.00 · alice — by alice/,
    );
  });
});
