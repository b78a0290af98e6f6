import type { Feature } from '../src/core/feature.js';
import { aftersaleFeature } from './aftersale.js';
import { apiTokensFeature } from './api-tokens.js';
import { communityFeature } from './community.js';
import { dashboardFeature } from './dashboard.js';
import { dealJobsFeature } from './deal-jobs.js';
import { dealStartsFeature } from './deal-start-jobs.js';
import { dealsFeature } from './deals.js';
import { fulfilmentFeature } from './fulfilment.js';
import { helpFeature } from './help.js';
import { networkFeature } from './network.js';
import { ordersFeature } from './orders.js';
import { payFeature } from './pay.js';
import { payJobsFeature } from './pay-jobs.js';
import { paymentsFeature } from './payments.js';
import { pickupFeature } from './pickup.js';
import { pickupJobsFeature } from './pickup-jobs.js';
import { pickupCodesFeature } from './pickup-verify.js';
import { picturesFeature } from './picture-waits.js';
import { platformPayFeature } from './platform-pay.js';
import { pointsFeature } from './points.js';
import { privacyFeature } from './privacy.js';
import { pruneFeature } from './prune.js';
import { referralsFeature } from './referrals.js';
import { reportFeature } from './report.js';
import { reviewsFeature } from './reviews.js';
import { settingsFeature } from './settings.js';
import { sheetFeature } from './sheet.js';
import { subscriptionsFeature } from './subscriptions.js';
import { templatesFeature } from './templates.js';
import { topicsFeature } from './topics.js';
import { waitlistFeature } from './waitlist.js';

/** Every feature the bot runs, in the order their text handlers are tried. */
export const features: Feature[] = [
  helpFeature,
  communityFeature,
  settingsFeature,
  // Before the order handlers: it only notes who took part in a topic prompt and passes the text on.
  topicsFeature,
  // Before the order handlers too: a warned member's private answer is theirs to take.
  pruneFeature,
  dealsFeature,
  // The one picture handler: a picture sent alone goes to the newest request waiting for it (deal
  // photos, payment code, ticket photos, payment screenshot, review photo).
  picturesFeature,
  // Deal templates (模板) and copies: /deal copy, /template save, /templates.
  templatesFeature,
  // Before the order handlers: `I paid #3` is a claim, never an order.
  paymentsFeature,
  // After-sales tickets (售后).
  aftersaleFeature,
  // Payment instructions and the pictures admins and members send for them (/pay, screenshots).
  payFeature,
  // In-chat payment (Telegram Payments or Stars): the Pay button, the check and the payment.
  platformPayFeature,
  // Before the order handlers: `东门` answers "which pickup point?" for an order asked about.
  pickupFeature,
  ordersFeature,
  // Pickup codes checked at a point (核销) and who checks them.
  pickupCodesFeature,
  // Goods after a deal closed: shipped, arrived (shortages, codes), picking, done (/shipped, /arrived…).
  fulfilmentFeature,
  waitlistFeature,
  // Reviews from members who picked up (/review, /reviews) and a photo sent right after one.
  reviewsFeature,
  pointsFeature,
  privacyFeature,
  // Category subscriptions (/subscribe 水果) and the private offers of deals as they open.
  subscriptionsFeature,
  referralsFeature,
  reportFeature,
  // Packing sheets per pickup point and the supplier's totals (/sheet: CSV, PDF).
  sheetFeature,
  // Read-only API tokens of the community's own tools (/apitoken; the dashboard's /api/v1).
  apiTokensFeature,
  // The web dashboard's login links (/dashboard).
  dashboardFeature,
  // A leader's network of linked groups (/network, 联营) and /report network.
  networkFeature,
  // Before the deadlines: a deal whose start and end both passed while the bot was down opens first.
  dealStartsFeature,
  dealJobsFeature,
  // After the deal deadlines: a deal closed in this tick is swept in the same one.
  payJobsFeature,
  // "Not picked up yet" reminders of goods waiting at pickup points, and the keepers' lists.
  pickupJobsFeature,
];
