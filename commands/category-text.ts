import { defineMessages } from '../src/core/i18n/index.js';

/** Wording of deal categories (`category=水果`) in both languages. */
export const categoryText = defineMessages('categories', {
  en: {
    badCategory: (value: string, max: number, most: number) =>
      `I cannot use category=${value}: give 1 to ${most} categories of at most ${max} characters each, separated by commas (category=水果,生鲜), or category=none to clear them. Nothing was changed.`,
    /** The card's line naming the deal's categories. */
    cardLine: (names: string) => `Category: ${names}`,
  },
  zh: {
    badCategory: (value: string, max: number, most: number) =>
      `无法使用 分类=${value}：请写 1 到 ${most} 个分类，每个最多 ${max} 个字，用逗号分开（分类=水果,生鲜）；写 分类=无 可清除。未做任何更改。`,
    cardLine: (names: string) => `分类：${names}`,
  },
});
