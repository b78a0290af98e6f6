import { formatDuration } from '../src/core/duration.js';
import type { Job } from '../src/core/feature.js';
import { botAbsent } from '../src/services/community-presence.js';
import { getSetting } from '../src/services/settings.js';
import {
  aftersaleRemindSetting,
  dueTicketReminders,
  markTicketsReminded,
} from '../src/services/ticket-reminders.js';
import { aftersaleText } from './aftersale-text.js';
import { shownTicket } from './aftersale-views.js';

/**
 * Reminds admins of after-sales tickets open longer than `aftersale.remind`, once per ticket and
 * opening: each admin the platform reaches privately gets the list (members' words stay out of
 * the group); where none is reachable, one group message names the tickets by number only. The
 * reminder and its record (Ticket.remindedAt) are one write, so a restart never repeats it.
 */
export const ticketRemindersJob: Job = {
  name: 'aftersale-reminders',
  run(ctx) {
    const now = ctx.clock.now();
    for (const { community, tickets } of dueTicketReminders(ctx.tables, now)) {
      const adapter = ctx.adapterFor(community);
      if (!adapter || botAbsent(community)) continue;
      const t = aftersaleText(community.locale);
      const remind = getSetting(community, aftersaleRemindSetting);
      const wait = formatDuration(remind === false ? 0 : remind, community.locale);
      ctx.mutate((tx) => {
        markTicketsReminded(tx, tickets, now);
        const admins = tx.tables.members
          .by('community', community.id)
          .filter((m) => m.role !== 'member' && !m.leftAt);
        const lines = tickets
          .map((ticket) => t.queueLine(shownTicket(tx.tables, community, ticket, now)))
          .join('\n');
        let reached = 0;
        for (const admin of admins) {
          const chat = adapter.directChat?.(admin.userId);
          if (!chat) continue;
          ctx.sendTo(
            community,
            chat,
            { kind: 'text', text: t.remindAdmins(community.title, wait, lines) },
            { userId: admin.userId },
          );
          reached++;
        }
        if (reached === 0) {
          const nos = tickets.map((ticket) => `T${ticket.no}`).join(community.locale === 'zh' ? '、' : ', ');
          ctx.post(community, { kind: 'text', text: t.remindGroup(nos, wait) });
        }
      });
    }
  },
};

export const aftersaleJobs = [ticketRemindersJob];
