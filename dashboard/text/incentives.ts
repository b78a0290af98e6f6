import type { Locale } from '../../src/core/i18n/index.js';

/** The words of the overview's incentive ROI table (激励投入产出). */
export interface IncentivesText {
  heading: string;
  columns: {
    source: string;
    points: string;
    archived: string;
    earners: string;
    gmv: string;
    perPoint: string;
  };
  /** Under the table: each cell is this period's value, then the previous period's and the change. */
  note: string;
}

const en: IncentivesText = {
  heading: 'Incentive ROI',
  columns: {
    source: 'Incentive',
    points: 'Points issued',
    archived: 'Of them archived',
    earners: 'Earners',
    gmv: 'Their GMV',
    perPoint: 'GMV per point',
  },
  note: 'Each cell: this period (the previous period, change).',
};

const zh: IncentivesText = {
  heading: '激励投入产出',
  columns: {
    source: '激励',
    points: '发放积分',
    archived: '其中已归档',
    earners: '获得人数',
    gmv: '其成交额',
    perPoint: '每积分成交额',
  },
  note: '每格：本期（上期，环比）。',
};

/** The table's words in the community's language. */
export function incentivesText(locale: Locale): IncentivesText {
  return locale === 'zh' ? zh : en;
}
