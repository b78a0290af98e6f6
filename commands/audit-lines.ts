import type { CommandRegistry } from '../src/core/command.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { actorLabel } from '../src/core/persona.js';
import { memberId } from '../src/services/members.js';
import type { AuditEntry, Community } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { aftersaleAuditLine } from './aftersale-views.js';
import { apiTokenAuditLine } from './api-tokens.js';
import { dashboardActionLine, dashboardAuditLine } from './dashboard.js';
import { shortAuditLine } from './fulfilment-replies.js';
import { networkAuditLine } from './network.js';
import { moneyAuditLine } from './payment-views.js';
import { pickupAuditLine } from './pickup-audit.js';
import { pruneText } from './prune-text.js';
import { reviewAuditLine } from './review-admin.js';

/** Money, pickup, shortage, review, API, dashboard and network actions read as their own families word them; the rest as prune's. */
const FAMILY_AUDIT_LINES = [
  moneyAuditLine,
  pickupAuditLine,
  shortAuditLine,
  aftersaleAuditLine,
  reviewAuditLine,
  apiTokenAuditLine,
  dashboardAuditLine,
  networkAuditLine,
];

/**
 * Who did an audited action, as the group reads it: an anonymous admin in the group's language,
 * a member by their name; `auto` (the weekly sweep) as it is, for the wording to name.
 */
function actorName(locale: Locale, tables: Tables, community: Community, by: string): string {
  if (by === 'auto') return by;
  const member = tables.members.get(memberId(community.id, by));
  return actorLabel(locale, by) ?? (member ? showName(member.name) : by);
}

/**
 * One audit entry as `/audit` (and the dashboard's audit log) shows it, in `locale`: its time in
 * the community's timezone, what was done to whom, and by whom.
 */
export function auditEntryLine(
  locale: Locale,
  tables: Tables,
  community: Community,
  entry: AuditEntry,
  /** The bot's commands, to word a command run from the dashboard by its summary. */
  registry: CommandRegistry,
): string {
  const at = formatTime(entry.at, community.timezone);
  const by = actorName(locale, tables, community, entry.by);
  if (entry.action === 'dashboard_action') {
    const spec = registry.all().find((s) => s.name === entry.ref);
    const what = spec?.help[locale].summary ?? entry.ref ?? '';
    return dashboardActionLine(locale, at, what, entry.reason ?? '', showName(entry.name));
  }
  for (const wording of FAMILY_AUDIT_LINES) {
    const line = wording(locale, tables, community, entry, at, by);
    if (line !== undefined) return line;
  }
  const last = entry.lastActive ? formatTime(entry.lastActive, community.timezone) : undefined;
  return pruneText(locale).auditLine(at, entry.action, showName(entry.name), by, last);
}
