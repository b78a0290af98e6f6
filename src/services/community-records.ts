import type { CommunityRecords } from '../core/community-records.js';
import { moveCommunity, retargetEntries } from './community-move.js';
import { markBotBack, markBotRemoved } from './community-presence.js';
import {
  communitiesOf,
  ensureCommunity,
  recordArrival,
  recordJoin,
  recordLeave,
  recordMessage,
} from './members.js';

/** The community and member bookkeeping the bot core runs on every event (see CommunityRecords). */
export const communityRecords: CommunityRecords = {
  ensureCommunity,
  communitiesOf,
  recordMessage,
  recordJoin,
  recordLeave,
  recordArrival,
  moveCommunity,
  retargetEntries,
  markBotRemoved,
  markBotBack,
};
