import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import { formatDuration } from '../src/core/duration.js';
import type { Feature } from '../src/core/feature.js';
import { showName } from '../src/core/names.js';
import { dealCode } from '../src/services/deals.js';
import {
  dealCopyInput,
  deleteTemplate,
  listTemplates,
  MAX_TEMPLATE_NAME,
  saveTemplate,
  templateUsage,
} from '../src/services/templates.js';
import { openWithPhotos } from './deal-photos.js';
import { dealOrReply } from './deal-replies.js';
import { newDealInput, unknownTemplate } from './deal-sources.js';
import { dealNew, openDeal } from './deals.js';
import { moneyOf } from './money-text.js';
import { templateText } from './template-text.js';

/**
 * Deal templates (模板) and copies: `/deal copy #3 ends=48h stock=100` opens the same product again
 * with any field changed; `/template save #3 芒果` keeps a deal to open again with
 * `/deal new from=芒果`; `/templates` lists them, `/template delete 芒果` forgets one.
 */

/** A template's name as typed: the rest of the command, so `/template save #3 Big mangoes` works. */
const templateName = z.string().trim().min(1).max(MAX_TEMPLATE_NAME);

// Every field /deal new takes (ends=, starts=, options=…), none of them required: the copy has them.
const { from: _from, ...newDealShape } = dealNew.args.shape;

export const dealCopy = defineCommand({
  name: 'deal copy',
  keywords: ['团购 复制', '复制团购', '再开一团'],
  role: 'admin',
  scope: 'group',
  args: z.object({ ...newDealShape, deal: dealCode }),
  positional: ['deal', 'title'],
  help: helpText(
    'open a deal again: everything from #3 (product, prices, options, group size, stock, pickup, photos), each field given replacing its own; the deadline as far from now as #3 ran',
    '再开一团：沿用 #3 的全部内容（商品、价格、规格、成团人数、库存、自提点、图片），写出的字段覆盖原值；截止时间按原团时长从现在算起',
    '/deal copy #3 [key=value…]',
    ['/deal copy #3 ends=48h stock=100', '复制团购 #3 价格=45 截止=周五20:00'],
    '复制团购 #3 [键=值…]',
  ),
  async run(ctx, args) {
    // groups=: the copy opens as one shared deal in linked groups, as /deal new … groups= does.
    const { deal: no, groups, ...typed } = args;
    const source = dealOrReply(ctx, no);
    // A cancelled or closed deal copies as well: it is the product that is copied.
    const input = source && newDealInput(ctx, typed, dealCopyInput(ctx.tables, source, ctx.clock.now()));
    if (!input) return;
    // Pictures sent with the command replace the source's photos, as on /deal new.
    await openWithPhotos(ctx, (photos) =>
      openDeal(ctx, photos.length ? { ...input, photos } : input, groups),
    );
  },
});

export const templateSave = defineCommand({
  name: 'template save',
  keywords: ['模板 保存', '存模板', '保存模板'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, name: z.string().max(200) }),
  positional: ['deal', 'name'],
  rest: 'name',
  help: helpText(
    'keep a deal as a template under a name (the same name again updates it); its deals count together in /report',
    '把团购保存为模板（同名再存即更新）；用它开的团在报告中合并统计',
    '/template save #3 NAME',
    ['/template save #3 芒果', '存模板 #3 芒果'],
    '存模板 #3 名字',
  ),
  run(ctx, args) {
    const t = templateText(ctx.locale);
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const outcome = ctx.mutate((tx) => saveTemplate(tx, deal, args.name, ctx.sender.id, ctx.clock.now()));
    if (outcome.kind === 'bad_name') return ctx.reply(t.badName(MAX_TEMPLATE_NAME));
    const name = showName(outcome.template.name);
    ctx.reply(
      outcome.kind === 'saved'
        ? t.saved(name, deal.no, outcome.linked)
        : t.updated(name, deal.no, outcome.linked),
    );
  },
});

export const templateList = defineCommand({
  name: 'templates',
  aliases: ['template list', 'template'],
  keywords: ['模板', '模板列表'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'the saved templates: product, price, group size, stock, length, deals made from each and their buyers',
    '已保存的模板：商品、价格、成团人数、库存、时长、开过几团和购买人数',
    '/templates',
    [],
    '模板',
  ),
  run(ctx) {
    const t = templateText(ctx.locale);
    const templates = listTemplates(ctx.tables, ctx.community.id);
    if (templates.length === 0) return ctx.reply(t.none);
    const usage = templateUsage(ctx.tables, ctx.community.id);
    const money = moneyOf(ctx.community);
    const lines = templates.map((x) => {
      const used = usage.get(x.id) ?? { deals: 0, buyers: 0 };
      // As the card shows it: the lowest price, "and up" (起) when the options' prices differ.
      const prices = new Set(x.options.map((o) => x.optionPrices[o] ?? x.priceCents));
      const lowest = prices.size ? Math.min(...prices) : x.priceCents;
      const from = prices.size > 1 ? (ctx.locale === 'zh' ? '起' : ' and up') : '';
      const price = `${money(lowest)}${x.unit ? `/${showName(x.unit)}` : ''}${from}`;
      return t.listLine({
        name: showName(x.name),
        title: showName(x.title),
        price,
        min: x.min,
        stock: x.stock,
        length: formatDuration(x.durationMs, ctx.locale),
        ...used,
      });
    });
    ctx.reply([t.listHeader, ...lines].join('\n'));
  },
});

export const templateDelete = defineCommand({
  name: 'template delete',
  aliases: ['template remove'],
  keywords: ['模板 删除', '删除模板'],
  role: 'admin',
  scope: 'group',
  args: z.object({ name: templateName }),
  positional: ['name'],
  rest: 'name',
  help: helpText(
    'forget a template; deals made from it keep counting together in /report',
    '删除模板；用它开过的团在报告中仍合并统计',
    '/template delete NAME',
    ['/template delete 芒果', '删除模板 芒果'],
    '删除模板 名字',
  ),
  run(ctx, args) {
    const outcome = ctx.mutate((tx) => deleteTemplate(tx, ctx.community.id, args.name));
    if (outcome.kind === 'no_template') return ctx.reply(unknownTemplate(ctx, args.name));
    const deals = templateUsage(ctx.tables, ctx.community.id).get(outcome.template.id)?.deals ?? 0;
    ctx.reply(templateText(ctx.locale).deleted(showName(outcome.template.name), deals));
  },
});

export const templatesFeature: Feature = {
  name: 'templates',
  commands: [dealCopy, templateSave, templateList, templateDelete],
  messages: [templateText],
};
