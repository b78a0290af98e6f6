import { defineMessages } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';

/** One template as /templates lists it: names fenced, amounts and length already formatted. */
export interface TemplateLine {
  name: string;
  title: string;
  price: string;
  min: number;
  stock: number | undefined;
  length: string;
  /** Deals made from it, and their buyers. */
  deals: number;
  buyers: number;
}

/** Wording of deal templates (模板) and copies in both languages. */
export const templateText = defineMessages('templates', {
  en: {
    saved: (name: string, no: number, linked: boolean) =>
      `Template "${name}" saved from #${no}. Open it again with /deal new from=${name}.${linked ? '' : ` (#${no} keeps counting for the template it was made from.)`}`,
    updated: (name: string, no: number, linked: boolean) =>
      `Template "${name}" updated from #${no}.${linked ? '' : ` (#${no} keeps counting for the template it was made from.)`}`,
    badName: (max: number) => `A template name has 1 to ${max} characters, e.g. /template save #3 Mangoes.`,
    unknown: (name: string, names: string) =>
      names
        ? `No template called "${name}". Templates: ${names} (/templates shows them).`
        : `No template called "${name}". Save one from a deal first: /template save #3 ${name}.`,
    none: 'No templates yet. Save a deal as one: /template save #3 Mangoes.',
    listHeader: 'Templates (open one with /deal new from=NAME):',
    listLine: ({ name, title, price, min, stock, length, deals, buyers }: TemplateLine) =>
      `${name}: ${title} — ${price} · group of ${min} · ${stock === undefined ? 'no stock limit' : `stock ${stock}`} · runs ${length} · ${count(deals, 'deal', 'deals')}, ${count(buyers, 'buyer', 'buyers')}`,
    deleted: (name: string, deals: number) =>
      `Template "${name}" deleted.${deals ? ` The ${count(deals, 'deal', 'deals')} made from it still count together in /report.` : ''}`,
    titleRequired: 'Give the deal a title, or open it from a template: /deal new from=NAME (see /templates).',
  },
  zh: {
    saved: (name: string, no: number, linked: boolean) =>
      `已将 #${no} 保存为模板「${name}」。下次开团发送：开团 模板=${name}${linked ? '' : `（#${no} 仍计入它原来的模板）`}`,
    updated: (name: string, no: number, linked: boolean) =>
      `已用 #${no} 更新模板「${name}」。${linked ? '' : `（#${no} 仍计入它原来的模板）`}`,
    badName: (max: number) => `模板名称为 1 到 ${max} 个字，例如：存模板 #3 芒果`,
    unknown: (name: string, names: string) =>
      names
        ? `没有名为「${name}」的模板。现有模板：${names}（发送“模板”查看详情）。`
        : `没有名为「${name}」的模板。请先从团购保存：存模板 #3 ${name}`,
    none: '还没有模板。从团购保存一个：存模板 #3 芒果',
    listHeader: '模板列表（开团 模板=名称 即可再开）：',
    listLine: ({ name, title, price, min, stock, length, deals, buyers }: TemplateLine) =>
      `${name}：${title} — ${price} · ${min} 人成团 · ${stock === undefined ? '不限库存' : `库存 ${stock}`} · 时长 ${length} · 已开 ${deals} 团，共 ${buyers} 人购买`,
    deleted: (name: string, deals: number) =>
      `已删除模板「${name}」。${deals ? `用它开过的 ${deals} 个团购在报告中仍合并统计。` : ''}`,
    titleRequired: '请填写团购标题，或用模板开团：开团 模板=名称（发送“模板”查看）。',
  },
});
