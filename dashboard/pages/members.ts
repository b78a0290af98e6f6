import type { FastifyInstance } from 'fastify';
import { memberDetail } from '../../src/services/member-detail.js';
import { readMemberQuery } from '../../src/services/member-query.js';
import { memberTable } from '../../src/services/member-table.js';
import { formFields, runCommand } from '../actions.js';
import type { DashboardDeps } from '../deps.js';
import { type Notice, noticePage, renderPage } from '../layout.js';
import { FIELD_WORDS, membersText } from '../text/members.js';
import { shellText } from '../text/shell.js';
import { requireView } from '../view.js';
import { memberBody } from './member-detail.js';
import { filterForm, membersBody } from './members-view.js';

type Params = { userId: string };

/**
 * The Members page (`GET /members?name=&tier=&candidate=&status=&sort=&dir=&page=&pageSize=`): the
 * community's members with tier, points, referrals, last activity and prune candidacy
 * (src/services/member-table.ts); a member's page (`GET /members/:userId`) with their points
 * history and the referrals they made; and awarding or deducting points with a reason
 * (`POST /members/:userId/points`), which runs /award or /deduct as the admin. A query value the
 * table refuses (a page size above 200, an unknown sort key) is said on the page with status 400;
 * a member who is not this community's is a 404 page.
 */
export function registerMembers(app: FastifyInstance, deps: DashboardDeps): void {
  app.get<{ Querystring: Record<string, string | string[]> }>('/members', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const t = membersText(view.locale);
    const read = readMemberQuery(req.query);
    if (read.kind !== 'query') {
      const line =
        read.kind === 'page_too_big'
          ? t.pageTooBig(read.asked, read.max)
          : t.badValue(FIELD_WORDS[view.locale][read.field], read.value);
      return renderPage(reply.code(400), view, {
        title: t.title,
        active: 'members',
        body: filterForm(view, req.query),
        notices: [{ ok: false, lines: [line], heading: '' }],
      });
    }
    const page = memberTable(view.tables, view.community, read.query, view.now);
    return renderPage(reply, view, {
      title: t.title,
      active: 'members',
      body: membersBody(view, read.query, page),
    });
  });

  app.get<{ Params: Params }>('/members/:userId', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const detail = memberDetail(view.tables, view.community, req.params.userId, view.now);
    if (!detail) return noticePage(reply.code(404), view.locale, shellText(view.locale).notYours);
    return renderPage(reply, view, {
      title: membersText(view.locale).memberTitle(detail.row.label),
      active: 'members',
      body: memberBody(view, detail),
    });
  });

  app.post<{ Params: Params }>(
    '/members/:userId/points',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const view = await requireView(deps, req, reply);
      if (!view) return reply;
      const t = membersText(view.locale);
      const { userId } = req.params;
      const before = memberDetail(view.tables, view.community, userId, view.now);
      if (!before) return noticePage(reply.code(404), view.locale, shellText(view.locale).notYours);
      const form = formFields(req.body, 'change', 'amount', 'reason');
      let notice: Notice;
      if (form.change !== 'award' && form.change !== 'deduct') {
        reply.code(400);
        notice = { ok: false, lines: [t.badAmount], heading: '' };
      } else {
        // The chat command itself checks the amount and the reason (and says why it refuses).
        const result = await runCommand(deps, view, form.change, {
          member: userId,
          amount: form.amount ?? '',
          ...(form.reason ? { reason: form.reason } : {}),
        });
        const after = view.tables.members.get(`${view.community.id}/${userId}`)?.points;
        notice = { ok: result.ok && after !== before.row.points, lines: result.said, heading: '' };
        // Refused by the command (its arguments, a balance too small): nothing changed.
        if (!notice.ok) reply.code(400);
      }
      const detail = memberDetail(view.tables, view.community, userId, deps.clock.now()) ?? before;
      return renderPage(reply, view, {
        title: t.memberTitle(detail.row.label),
        active: 'members',
        body: memberBody(view, detail),
        notices: [notice],
      });
    },
  );
}
