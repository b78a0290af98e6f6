import { z } from 'zod';
import { type CommandHelp, defineCommand, helpText } from '../src/core/command.js';
import type { Context, GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { takeImages } from '../src/core/images.js';
import { dealCode } from '../src/services/deals.js';
import { shareDeals } from '../src/services/network.js';
import { linesAtOtherPrices, repriceOrders, roster } from '../src/services/orders.js';
import { editShare } from '../src/services/shared-deal-actions.js';
import { grantFreedUnits } from '../src/services/waitlist.js';
import { dealFields, toInput } from './deal-args.js';
import { dealPhotoText } from './deal-photo-text.js';
import { editPhotos, photoWord } from './deal-photos.js';
import { pointInUse } from './deal-points.js';
import { dealOrReply, refreshCard } from './deal-replies.js';
import { dealStartText, startEditRefusal } from './deal-start-text.js';
import { dealText } from './deal-text.js';
import { orderText } from './order-text.js';
import { owedBack, tellOwedBack } from './refund-notices.js';
import { tellSharedEdit } from './shared-deals.js';
import { tellGrantsHere } from './waitlist-notices.js';

const editArgs = z
  .object({
    deal: dealCode,
    title: z.string().min(1).max(100),
    ...dealFields,
    reprice: z.enum(['all', 'new']),
    // `photo`: the next pictures are the deal's photos; `photo=none` removes them (deal-photos.ts).
    // Checked in run, not here: a stray word bound to this positional slot (`category=a b`) is
    // answered by what it is, not as an "Invalid photo".
    photo: z.string(),
  })
  .partial()
  .required({ deal: true });
type EditArgs = Omit<z.infer<typeof editArgs>, 'photo'> & { photo?: 'add' | 'none' | undefined };

export const dealEdit = defineCommand({
  name: 'deal edit',
  keywords: ['改团', '团购 修改'],
  role: 'admin',
  scope: 'group',
  args: editArgs,
  positional: ['deal', 'photo'],
  help: zhExamples(
    helpText(
      'change a deal; a new price on a deal with orders asks whether they take it (reprice=all|new)',
      '修改团购；已有订单时改价会先询问已有订单是否按新价（改价=全部|新单）',
      '/deal edit #3 key=value… [reprice=all|new] [photo|photo=none]',
      [
        '/deal edit #3 stock=50 ends=2026-12-02T20:00',
        '/deal edit #3 price=45 reprice=new',
        '/deal edit #3 points=东门,西门',
        '/deal edit #3 photo',
        '改团 #3 图片=无',
      ],
      '改团 #3 键=值… [改价=全部|新单] [图片|图片=无]',
    ),
    [
      '改团 #3 库存=50 截止="12月2日 20:00"',
      '改团 #3 价格=45 改价=新单',
      '改团 #3 提货点=东门,西门',
      '改团 #3 分类=水果,生鲜',
      '改团 #3 开始=今晚8点',
      '改团 #3 图片',
      '改团 #3 图片=无',
    ],
  ),
  async run(ctx, raw) {
    const photo = raw.photo === undefined ? undefined : photoWord(raw.photo);
    if (raw.photo !== undefined && !photo)
      return ctx.reply(dealPhotoText(ctx.locale).notPhotoWord(raw.photo));
    const args: EditArgs = { ...raw, photo };
    // Pictures sent with a photo edit are its own from the start: a refusal keeps them from any
    // other picture wait (an earlier `/deal edit #1 photo`), and says they were not kept.
    const attached = args.photo === 'add' && takeImages(ctx.event).length > 0;
    const done = { pictures: false };
    await edit(ctx, args, done);
    if (attached && !done.pictures) ctx.reply(dealPhotoText(ctx.locale).picturesNotKept);
  },
});

/** The edit; `done.pictures` once the pictures sent with it were kept, or answered why not (editPhotos). */
async function edit(ctx: GroupContext, args: EditArgs, done: { pictures: boolean }): Promise<void> {
  const t = dealText(ctx.locale);
  const o = orderText(ctx.locale);
  const { deal: no, reprice, photo, ...fields } = args;
  if (photo !== undefined && Object.keys(fields).length === 0) {
    const deal = dealOrReply(ctx, no);
    if (deal) done.pictures = await editPhotos(ctx, deal, photo);
    return;
  }
  if (Object.keys(fields).length === 0) return ctx.reply(t.noChanges);
  const deal = dealOrReply(ctx, no);
  const input = deal && toInput(ctx, fields, deal);
  if (!deal || !input) return;
  // Lines ordered for a pickup point keep the deal delivering there.
  const inUse = input.points && pointInUse(ctx, deal, input.points);
  if (inUse) return ctx.reply(inUse);
  const now = ctx.clock.now();
  const optionPrices = input.optionPrices ?? deal.optionPrices;
  const options = input.options ?? deal.options;
  // Only an explicit price= (toInput also derives one from the options' prices).
  if (fields.price !== undefined && options.length > 0 && options.every((o) => optionPrices[o] !== undefined))
    return ctx.reply(o.optionsPriced(no));
  const priced = input.priceCents !== undefined || input.optionPrices !== undefined;
  const share = deal.shareId ? shareDeals(ctx.tables, deal) : [deal];
  if (priced && reprice === undefined) {
    // What the lines would cost at the new prices: asked about, never changed silently.
    // A shared deal: every group's lines (each deal keeps its own pickup points).
    const { points: _, ...terms } = input;
    const affected = share.reduce((n, d) => {
      const preview = {
        ...d,
        ...(d.id === deal.id ? input : terms),
        optionPrices: input.optionPrices ?? d.optionPrices,
      } as typeof d;
      return n + linesAtOtherPrices(ctx.tables, preview).length;
    }, 0);
    if (affected > 0) return ctx.reply(o.repriceAsk(no, affected, commandEcho(ctx)));
  }
  // A price cut on lines already paid makes money owed back: read what was owed back before.
  // Each deal of a share too: every group's members are owed back as in a one-group edit.
  const owedShare = new Map(
    reprice === 'all' ? share.map((d) => [d.id, owedBack(ctx.tables, d, 'all')] as const) : [],
  );
  const owed = owedShare.get(deal.id);
  const outcome = ctx.mutate((tx) => {
    // A shared deal (linked groups): every group's deal takes the edit (editShare).
    const { edited, others } = editShare(tx, deal, input, now);
    const repricedBy = new Map<string, number>();
    if (edited.kind === 'edited' && reprice === 'all')
      for (const d of [edited.deal, ...others]) repricedBy.set(d.id, repriceOrders(tx, d, now));
    // More stock (of the deal or an option): the waitlist gets it first, in the same step — every
    // group's waitlist of a share, the named deal's first.
    const grants = edited.kind === 'edited' ? grantFreedUnits(tx, edited.deal, now) : [];
    const othersGrants = others.flatMap((d) => grantFreedUnits(tx, d, now));
    return { edited, repricedBy, grants, othersGrants, others };
  });
  const { edited, repricedBy, grants, othersGrants, others } = outcome;
  // The admin's count: every line repriced across the share.
  const repriced = [...repricedBy.values()].reduce((n, k) => n + k, 0);
  if (edited.kind === 'not_open') return ctx.reply(t.notOpen(no));
  if (edited.kind === 'stock_below_sold')
    return ctx.reply(
      edited.option
        ? o.optionStockBelowSold(no, edited.option, edited.sold)
        : t.stockBelowSold(no, edited.sold),
    );
  if (edited.kind === 'option_in_use') return ctx.reply(o.optionInUse(no, edited.option));
  if (edited.kind === 'options_after_orders') return ctx.reply(o.optionsAfterOrders(no));
  if (edited.kind === 'ends_in_past') return ctx.reply(t.endsInPast);
  const startRefusal = startEditRefusal(ctx, edited);
  if (startRefusal) return ctx.reply(startRefusal);
  if (owed) {
    // One line for the admins naming who is owed what now; each member is told privately.
    const refund = tellOwedBack(ctx, deal, 'all', owed, true);
    ctx.reply(refund ? `${o.repriced(no, repriced)}\n${refund}` : o.repriced(no, repriced));
  } else if (reprice === 'new' && priced) ctx.reply(o.kept(no, roster(ctx.tables, edited.deal).length));
  else if (input.startsAt && edited.deal.startsAt) {
    // A moved start says where the deal now sits: its start and its deadline.
    const tz = ctx.community.timezone;
    const at = formatTime(edited.deal.startsAt, tz);
    ctx.reply(dealStartText(ctx.locale).moved(no, at, formatTime(edited.deal.endsAt, tz)));
  } else ctx.reply(t.edited(no));
  refreshCard(ctx, ctx.community, grants.at(-1)?.deal ?? edited.deal);
  tellGrantsHere(ctx, grants);
  tellSharedEdit(ctx, others, { repricedBy, owedBefore: owedShare, grants: othersGrants });
  // The photos change only with an edit that was taken: a refused one changes nothing.
  if (photo !== undefined)
    done.pictures = await editPhotos(ctx, ctx.tables.deals.get(deal.id) ?? edited.deal, photo);
}

/** The admin's own command as they typed it, without any reprice= (to suggest adding one). */
function commandEcho(ctx: Context): string {
  const text = ctx.event.type === 'message' ? ctx.event.text.trim() : '/deal edit';
  return text.replace(/\s+(?:reprice|改价)[=＝]\S*/g, '');
}

/** Help whose Chinese examples are written in the Chinese keyword form (`改团 #3 库存=50`). */
function zhExamples(help: Record<Locale, CommandHelp>, examples: string[]): Record<Locale, CommandHelp> {
  return { ...help, zh: { ...help.zh, examples } };
}
