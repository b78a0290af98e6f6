import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { cleanName } from '../src/core/names.js';
import { splitText } from '../src/core/split-text.js';
import { dealCode } from '../src/services/deals.js';
import { dealIsDead } from '../src/services/money-state.js';
import { activePoints } from '../src/services/pickup-points.js';
import {
  type OptionTotal,
  pickupSheet,
  type Sheet,
  type SheetFilter,
  type SheetGroup,
  sheetPoint,
  sheetPoints,
  unitsOf,
} from '../src/services/pickup-sheet.js';
import { writeExport } from '../src/store/exports.js';
import type { Deal } from '../src/store/schema.js';
import { dealOrReply } from './deal-replies.js';
import { statusName } from './deal-text.js';
import { stateWord, stepTime } from './fulfilment-replies.js';
import { moneyOf } from './money-text.js';
import { shareSupplierLine } from './shared-deal-text.js';
import { groupName, sheetCsv } from './sheet-csv.js';
import { type SheetText, sheetText } from './sheet-text.js';

/**
 * `/sheet #3 [point] [csv|pdf]` (清单 / 分拣单): the packing sheet of a deal per pickup point and
 * the supplier's totals. With no format the admin gets a short summary per point in the chat and
 * the printable PDF privately (what a leader handing out goods wants: the numbers at a glance, the
 * pages to print); `csv` or `pdf` sends only that file, privately like /orders csv.
 */

type Format = 'csv' | 'pdf';

/** Format words as typed, English and Chinese (`表格` is the spreadsheet, `打印` the printable one). */
const FORMATS: Readonly<Record<string, Format>> = {
  csv: 'csv',
  pdf: 'pdf',
  表格: 'csv',
  导出: 'csv',
  打印: 'pdf',
  打印版: 'pdf',
};

/** Words for the lines that name no point (`/sheet #3 none`). */
const NO_POINT = /^(?:none|无|无自提点|未选|未选自提点)$/i;

/** The point words and the format word of `东门 pdf`: a format word only at the end. */
function readWords(words: string): { point: string; format?: Format } {
  const parts = words.trim().split(/\s+/).filter(Boolean);
  const format = FORMATS[parts.at(-1)?.toLowerCase() ?? ''];
  if (format) parts.pop();
  return { point: parts.join(' '), ...(format ? { format } : {}) };
}

/** Help with the Chinese usage in the words a Chinese group types (`表格`, `打印`). */
function sheetHelp() {
  const help = helpText(
    "a deal's packing sheet per pickup point (members, options, payment, pickup, codes) and the supplier's totals; the file comes privately",
    '团购分拣单：按自提点列出成员、规格、数量、付款、提货与核销码，附供应商汇总；文件私信发送',
    '/sheet #3 [POINT] [csv|pdf]',
    [
      '/sheet #3',
      '/sheet #3 csv',
      '/sheet #3 东门 pdf',
      '/sheet #3 none',
      '分拣单 #3 东门 表格',
      '分拣单 #3 打印',
    ],
  );
  return { ...help, zh: { ...help.zh, usage: '/sheet #3 [自提点] [表格|打印]' } };
}

export const sheetCommand = defineCommand({
  name: 'sheet',
  keywords: ['分拣单', '清单'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, point: z.string().max(100).optional() }),
  positional: ['deal', 'point'],
  rest: 'point',
  help: sheetHelp(),
  async run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = sheetText(ctx.locale);
    if (dealIsDead(deal)) return ctx.reply(t.dead(deal.no, statusName(ctx.locale, deal)));
    const words = readWords(args.point ?? '');
    const filter = pointFilter(ctx, deal, words.point, t);
    if (!filter) return;
    const sheet = pickupSheet(ctx.tables, deal, filter);
    if (sheet.groups.length === 0)
      return ctx.reply(
        filter.kind === 'point'
          ? t.emptyAt(deal.no, cleanName(filter.point.name))
          : filter.kind === 'none' && pickupSheet(ctx.tables, deal).groups.length > 0
            ? t.emptyNone(deal.no)
            : t.empty(deal.no),
      );
    // Lines without a point are "not chosen" where the community has points, else simply all orders.
    const havePoints =
      activePoints(ctx.tables, ctx.community.id).length > 0 || sheet.groups.some((g) => g.point);
    if (!words.format)
      for (const piece of splitText(
        summary(ctx, sheet, havePoints),
        ctx.adapter.capabilities.maxMessageLength,
      ))
        ctx.reply(piece);
    await sendSheet(ctx, sheet, filter, words.format ?? 'pdf', havePoints);
  },
});

/** The lines a word asks for; undefined after telling the admin that no such point delivers this deal. */
function pointFilter(ctx: GroupContext, deal: Deal, word: string, t: SheetText): SheetFilter | undefined {
  if (!word) return { kind: 'all' };
  if (NO_POINT.test(word)) return { kind: 'none' };
  const point = sheetPoint(ctx.tables, deal, word);
  if (point) return { kind: 'point', point };
  const points = sheetPoints(ctx.tables, deal);
  const shown = cleanName(word);
  if (points.length === 0) ctx.reply(t.unknownPointNone(deal.no, shown));
  else
    ctx.reply(
      t.unknownPoint(
        deal.no,
        shown,
        points.map((p) => `${p.no} ${cleanName(p.name)}`).join(ctx.locale === 'zh' ? '、' : ', '),
      ),
    );
  return undefined;
}

/** `大份 ×10 · 小份 ×4`: units per option (a deal without options: `×14`). */
function perOption(totals: readonly OptionTotal[]): string {
  return totals.map((x) => `${x.option ? `${x.option} ` : ''}×${x.qty}`).join(' · ');
}

/**
 * The chat summary: a line per point (lines, units per option, lines picked up), the supplier's
 * totals when every point is on the sheet, and where the file went.
 */
function summary(ctx: GroupContext, sheet: Sheet, havePoints: boolean): string {
  const t = sheetText(ctx.locale);
  const deal = sheet.deal;
  const lines = [t.summaryTitle(deal.no, deal.title)];
  for (const group of sheet.groups) {
    const picked = group.lines.filter((l) => l.order.deliveredAt).length;
    const parts = [
      t.lines(group.lines.length),
      perOption(group.totals),
      t.pickedUpOf(picked, group.lines.length),
    ];
    const goods = goodsWords(ctx, group);
    if (goods) parts.push(goods);
    const name = groupName(t, group, havePoints);
    const times = group.point?.times;
    lines.push(t.pointLine(times ? t.withTimes(name, cleanName(times)) : name, parts.join(' · ')));
  }
  if (sheet.filter === 'all')
    lines.push(
      t.pointLine(
        t.supplier,
        `${perOption(sheet.totals)} · ${t.supplierTotal(t.units(unitsOf(sheet.totals)))}`,
      ),
    );
  // A shared deal (linked groups): the supplier's order covers every group of the share.
  const shared = sheet.filter === 'all' ? shareSupplierLine(ctx.locale, ctx.tables, deal) : undefined;
  if (shared) lines.push(shared);
  lines.push(t.sentPdf(deal.no));
  return lines.join('\n');
}

/** `arrived 2026-11-26 09:00`: how the goods stand at the group's point, '' before any step (fulfilment). */
function goodsWords(ctx: GroupContext, group: SheetGroup): string {
  if (group.goods.state === 'closed') return '';
  return [stateWord(ctx.locale, group.goods.state), stepTime(ctx, group.goods)].filter(Boolean).join(' ');
}

/** The file name of a sheet export: deal, point number if one, and the clock's time. */
function sheetFileName(sheet: Sheet, pointNo: number | undefined, at: Date, ext: 'csv' | 'pdf'): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const community = sheet.deal.communityId.replace(/[^\w-]/g, '_');
  const point = pointNo === undefined ? '' : `-p${pointNo}`;
  return `sheet-${community}-${sheet.deal.no}${point}-${stamp}.${ext}`;
}

/** Writes the file under DATA_DIR/exports/ and sends it privately (held until the admin opens a private chat). */
async function sendSheet(
  ctx: GroupContext,
  sheet: Sheet,
  filter: SheetFilter,
  format: Format,
  havePoints: boolean,
): Promise<void> {
  const t = sheetText(ctx.locale);
  const now = ctx.clock.now();
  const tz = ctx.community.timezone;
  const csv = sheetCsv(ctx.locale, sheet, tz, havePoints);
  const content =
    format === 'csv'
      ? csv
      : await (await import('./sheet-pdf.js')).sheetPdf(sheet, {
          locale: ctx.locale,
          tables: ctx.tables,
          timezone: tz,
          money: moneyOf(ctx.community),
          at: now,
          havePoints,
          goods: (group) => goodsWords(ctx, group),
          csv,
        });
  const pointNo = filter.kind === 'point' ? filter.point.no : undefined;
  const file = await writeExport(ctx.dataDir, sheetFileName(sheet, pointNo, now, format), content, now);
  const lines = sheet.groups.reduce((n, g) => n + g.lines.length, 0);
  const units = t.units(unitsOf(sheet.totals));
  const what = format === 'csv' ? t.formatCsv : t.formatPdf;
  const caption = t.caption(sheet.deal.no, sheet.deal.title, what, t.lines(lines), units);
  // Where the platform takes no files, the path: the admin opens it on the bot's machine.
  if (ctx.adapter.capabilities.files)
    ctx.dm({ kind: 'file', path: file, caption }, { onUnreachable: 'hold' });
  else ctx.dm({ kind: 'text', text: `${caption}\n${file}` }, { onUnreachable: 'hold' });
}

export const sheetFeature: Feature = {
  name: 'sheet',
  commands: [sheetCommand],
  messages: [sheetText],
};
