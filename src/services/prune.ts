/**
 * Pruning zombie members (清理僵尸用户): who is a candidate, warnings, and the audit log. The
 * removal itself goes through the platform and lives with the commands; this records it.
 *
 * The parts, by responsibility: prune-settings.ts (the `prune.*` settings), prune-candidates.ts
 * (who is a candidate and why), prune-warnings.ts (warnings, their delivery and review), and
 * prune-audit.ts (exemptions, removals and departures, the audit log). Importers may use this file.
 */

export { auditLog, exempt, recordDepartures, recordRemoval, unexempt } from './prune-audit.js';
export {
  type Assessment,
  assessMembers,
  type Candidate,
  EXCLUSIONS,
  type Exclusion,
  isCandidate,
  lastActivity,
  membersToCheck,
  type PlatformStanding,
} from './prune-candidates.js';
export {
  pruneAfterSetting,
  pruneAutoSetting,
  pruneBuyerDaysSetting,
  pruneGraceSetting,
  pruneMaxBatchSetting,
  pruneWarnHoursSetting,
} from './prune-settings.js';
export {
  closeWarnings,
  isDelivered,
  markManual,
  respondToWarning,
  reviewWarnings,
  setDelivery,
  type WarningDelivery,
  type WarningReview,
  warnCandidates,
  warnedMembers,
  warningRun,
} from './prune-warnings.js';
