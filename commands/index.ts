import type { Feature } from '../src/core/feature.js';
import { communityFeature } from './community.js';
import { dealJobsFeature } from './deal-jobs.js';
import { dealsFeature } from './deals.js';
import { helpFeature } from './help.js';
import { ordersFeature } from './orders.js';
import { pointsFeature } from './points.js';
import { privacyFeature } from './privacy.js';
import { pruneFeature } from './prune.js';
import { referralsFeature } from './referrals.js';
import { reportFeature } from './report.js';
import { settingsFeature } from './settings.js';
import { topicsFeature } from './topics.js';

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
  ordersFeature,
  pointsFeature,
  privacyFeature,
  referralsFeature,
  reportFeature,
  dealJobsFeature,
];
