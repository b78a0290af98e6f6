import { type ReportMetricKey, reportDefinitions } from '../../commands/report-definitions.js';
import { formatChange, formatValue } from '../../commands/report-text.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { memberNames } from '../../src/services/member-names.js';
import type { Metric, Report } from '../../src/services/report.js';
import type { Tables } from '../../src/store/tables.js';
import { type Html, type HtmlPart, html } from '../html.js';
import { type FigurePath, type OverviewText, overviewText } from '../text/overview.js';

/** One figure of the report: where it is in `/report json`, its definition, its metric. */
interface Figure {
  path: FigurePath;
  metric: Metric;
  /** `k`: a K-factor, shown to two decimals. */
  unit?: 'k';
}

/** The definition a figure shows on hover: its own, or its parent's (collected by way). */
function definitionKey(path: FigurePath): ReportMetricKey {
  return (path.startsWith('money.collectedByMethod.') ? 'money.collectedByMethod' : path) as ReportMetricKey;
}

/**
 * A label that explains itself: the definition as the native tooltip (`title`) and, for keyboards
 * and phones (a tap focuses it), as a tooltip element the label is described by.
 */
export function defined(id: string, label: string, definition: string): Html {
  return html`<span class="tip"><span class="term" tabindex="0" title="${definition}" aria-describedby="def-${id}">${label}</span><span class="tooltip" role="tooltip" id="def-${id}">${definition}</span></span>`;
}

/** A metric's value and, where there is a previous period, that value and the change (环比). */
function figureCard(
  f: Figure,
  report: Report,
  locale: Locale,
  t: OverviewText,
  definitions: Record<ReportMetricKey, string>,
): Html {
  const cur = report.community.currency;
  const unit = f.unit ?? f.metric.unit;
  const has = report.period.previous !== null;
  const change = f.metric.change;
  const direction = change === null || change === 0 ? '' : change > 0 ? 'up' : 'down';
  const raw = (v: number | null) => (v === null ? '' : String(v));
  return html`<div class="metric" data-metric="${f.path}">
    <div class="label">${defined(f.path.replaceAll('.', '-'), t.figures[f.path], definitions[definitionKey(f.path)])}</div>
    <div class="value" data-raw="${raw(f.metric.value)}">${formatValue(unit, f.metric.value, cur)}</div>
    ${
      has &&
      html`<div class="change ${direction}"><span class="muted">${t.previous}</span> <span class="previous" data-raw="${raw(f.metric.previous)}">${formatValue(unit, f.metric.previous, cur)}</span> · <span class="muted">${t.change}</span> <span class="delta" data-raw="${raw(change)}">${formatChange(f.metric, locale)}</span></div>`
    }
  </div>`;
}

/** The report's figures with 环比, in sections as the chat summary orders them. */
export function figureSections(report: Report, locale: Locale): Html {
  const t = overviewText(locale);
  const definitions = reportDefinitions(locale);
  const { size, activity, commerce, money, pickup, referrals, points } = report;
  const f = (path: FigurePath, metric: Metric, unit?: 'k'): Figure => ({
    path,
    metric,
    ...(unit ? { unit } : {}),
  });
  const sections: [string, Figure[]][] = [
    [
      t.sections.members,
      [
        f('size.members', size.members),
        f('size.joined', size.joined),
        f('size.left', size.left),
        f('size.removed', size.removed),
        f('size.netGrowth', size.netGrowth),
        f('activity.activeMembers', activity.activeMembers),
        f('activity.messages', activity.messages),
        f('activity.dailyActiveAvg', activity.dailyActiveAvg),
      ],
    ],
    [
      t.sections.deals,
      [
        f('commerce.dealsOpened', commerce.dealsOpened),
        f('commerce.dealsSucceeded', commerce.dealsSucceeded),
        f('commerce.dealsFailed', commerce.dealsFailed),
        f('commerce.dealsCancelled', commerce.dealsCancelled),
        f('commerce.successRate', commerce.successRate),
      ],
    ],
    [
      t.sections.sales,
      [
        f('commerce.gmvCents', commerce.gmvCents),
        f('commerce.orders', commerce.orders),
        f('commerce.aovCents', commerce.aovCents),
        f('commerce.buyers', commerce.buyers),
        f('commerce.conversion', commerce.conversion),
        f('commerce.repeatBuyerShare', commerce.repeatBuyerShare),
      ],
    ],
    [
      t.sections.money,
      [
        f('money.refundsCents', money.refundsCents),
        f('money.salesRefundsCents', money.salesRefundsCents),
        f('money.netSalesCents', money.netSalesCents),
        f('money.collectedCents', money.collectedCents),
        f('money.collectedByMethod.confirmed', money.collectedByMethod.confirmed),
        f('money.collectedByMethod.marked', money.collectedByMethod.marked),
        f('money.collectedByMethod.telegram', money.collectedByMethod.telegram),
      ],
    ],
    [
      t.sections.aftersales,
      [
        f('money.aftersales.opened', money.aftersales.opened),
        f('money.aftersales.approved', money.aftersales.approved),
        f('money.aftersales.rejected', money.aftersales.rejected),
        f('money.aftersales.refundedCents', money.aftersales.refundedCents),
      ],
    ],
    [
      t.sections.pickup,
      [
        f('pickup.linesArrived', pickup.linesArrived),
        f('pickup.linesPickedUp', pickup.linesPickedUp),
        f('pickup.pickupRate', pickup.pickupRate),
        f('pickup.medianHoursToPickup', pickup.medianHoursToPickup),
      ],
    ],
    [
      t.sections.referrals,
      [
        f('referrals.invitesCreated', referrals.invitesCreated),
        f('referrals.referredJoins', referrals.referredJoins),
        f('referrals.qualified', referrals.qualified),
        f('referrals.rejected', referrals.rejected),
        f('referrals.referredBuyers', referrals.referredBuyers),
        f('referrals.gmvFromReferredCents', referrals.gmvFromReferredCents),
        f('referrals.kFactor', referrals.kFactor, 'k'),
      ],
    ],
    [
      t.sections.points,
      [
        f('points.issued', points.issued),
        f('points.redeemed', points.redeemed),
        f('points.deducted', points.deducted),
        f('points.outstanding', points.outstanding),
        f('points.discountCents', points.discountCents),
        f('points.discountPerGmv', points.discountPerGmv),
      ],
    ],
    [
      t.sections.offers,
      [
        f('offers.sent', report.offers.sent),
        f('offers.reached', report.offers.reached),
        f('offers.refused', report.offers.refused),
        f('offers.ordered', report.offers.ordered),
      ],
    ],
  ];
  return html`${sections.map(
    ([heading, figures]) =>
      html`<section><h2>${heading}</h2><div class="grid">${figures.map((fig) => figureCard(fig, report, locale, t, definitions))}</div></section>`,
  )}`;
}

/** What holds now, whatever the period: the tier pyramid, money still owed either way. */
export function nowSection(report: Report, locale: Locale): Html {
  const t = overviewText(locale);
  const d = reportDefinitions(locale);
  const cur = report.community.currency;
  const { tiers } = report.activity;
  const share = (s: number | null) => formatValue('ratio', s, cur);
  const card = (key: string, label: Html, value: string, rawValue: number, note = '') =>
    html`<div class="metric" data-metric="${key}"><div class="label">${label}</div><div class="value" data-raw="${rawValue}">${value}</div>${note && html`<div class="muted">${note}</div>`}</div>`;
  const tier = (name: 'core' | 'ordinary' | 'marginal') =>
    card(
      `activity.tiers.${name}`,
      defined(`tiers-${name}`, t.now[name], d['activity.tiers']),
      String(tiers[name].count),
      tiers[name].count,
      share(tiers[name].share),
    );
  const { owedNow, refundDueNow } = report.money;
  return html`<section><h2>${t.sections.now}</h2><div class="grid">
    ${tier('core')}${tier('ordinary')}${tier('marginal')}
    ${card('activity.tiers.zombie', defined('tiers-zombie', t.now.zombie, d['activity.tiers.zombie']), String(tiers.zombie.count), tiers.zombie.count)}
    ${card('money.owedNow', defined('owed-now', t.now.owed(owedNow.members), d['money.owedNow']), formatValue('cents', owedNow.cents, cur), owedNow.cents)}
    ${card('money.refundDueNow', defined('refund-due-now', t.now.refundDue(refundDueNow.members), d['money.refundDueNow']), formatValue('cents', refundDueNow.cents, cur), refundDueNow.cents)}
  </div></section>`;
}

/** A small table, or "none" when it has no rows. */
function table(heading: Html, columns: string[], rows: HtmlPart[][], none: string): Html {
  if (rows.length === 0) return html`<section><h2>${heading}</h2><p class="muted">${none}</p></section>`;
  return html`<section><h2>${heading}</h2><div class="table-wrap"><table>
    <thead><tr>${columns.map((c, i) => html`<th${i > 0 ? html` class="num"` : ''}>${c}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((cell, i) => html`<td${i > 0 ? html` class="num"` : ''}>${cell}</td>`)}</tr>`)}</tbody>
  </table></div></section>`;
}

/** Top deals, products, pickup by point and top referrers of the period, as tables. */
export function listSections(report: Report, locale: Locale, tables: Tables): Html {
  const t = overviewText(locale);
  const d = reportDefinitions(locale);
  const c = t.columns;
  const cur = report.community.currency;
  const money = (cents: number) => formatValue('cents', cents, cur);
  const { referrals } = report;
  const people = [...referrals.topByQualified, ...referrals.topByGmv].map((r) => ({
    id: r.userId,
    name: r.name,
  }));
  const names = memberNames(tables, report.community.id, people);
  // One row per referrer: their qualified referrals and their invitees' GMV, where they rank.
  const qualified = new Map(referrals.topByQualified.map((r) => [r.userId, r.value]));
  const gmv = new Map(referrals.topByGmv.map((r) => [r.userId, r.value]));
  const referrers = [...new Map(people.map((p) => [p.id, p.name]))].map(([id, name]) => [
    names.get(id) ?? name,
    qualified.has(id) ? String(qualified.get(id)) : '—',
    gmv.has(id) ? money(gmv.get(id)!) : '—',
  ]);
  const hours = (m: Metric) => formatValue(m.unit, m.value, cur);
  return html`
    ${table(
      defined('top-deals', t.sections.topDeals, d['commerce.topDeals']),
      [c.deal, c.orders, c.gmv],
      report.commerce.topDeals.map((deal) => [
        `#${deal.no} ${deal.title}`,
        String(deal.orders),
        money(deal.gmvCents),
      ]),
      t.nothing,
    )}
    ${table(
      defined('products', t.sections.products, d['products.products']),
      [c.product, c.deals, c.buyers, c.units, c.gmv, c.stars],
      report.products.products.map((p) => [
        p.name,
        String(p.deals),
        String(p.buyers),
        String(p.units),
        money(p.gmvCents),
        p.stars === null ? '—' : `★${p.stars} (${p.reviews})`,
      ]),
      t.nothing,
    )}
    ${table(
      defined('pickup-points', t.sections.pickupPoints, d['pickup.pickupRate']),
      [c.point, c.arrived, c.rate, c.hours],
      report.pickup.points.map((p) => [
        p.name === null ? t.noPoint : `${p.no === null ? '' : `#${p.no} `}${p.name}`,
        formatValue('count', p.linesArrived.value, cur),
        formatValue('ratio', p.pickupRate.value, cur),
        hours(p.medianHoursToPickup),
      ]),
      t.nothing,
    )}
    ${table(defined('top-referrers', t.sections.referrers, d['referrals.topByQualified']), [c.member, c.qualified, c.gmv], referrers, t.nothing)}`;
}
