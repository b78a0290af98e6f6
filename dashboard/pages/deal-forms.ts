import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatDuration } from '../../src/core/duration.js';
import { formatTime } from '../../src/core/format.js';
import { WHEN_FORMS } from '../../src/core/when.js';
import { dealDetail } from '../../src/services/deal-table.js';
import { dealLength, listTemplates } from '../../src/services/templates.js';
import type { Deal } from '../../src/store/schema.js';
import type { Tables } from '../../src/store/tables.js';
import { formFields, runCommand } from '../actions.js';
import { basePath, type DashboardDeps } from '../deps.js';
import { type Html, html } from '../html.js';
import { type Notice, renderPage } from '../layout.js';
import { dealFormsText } from '../text/deal-forms.js';
import { type PageView, requireView } from '../view.js';
import { repriceAsked, repriceMenu } from './deal-reprice.js';
import { dealOr404, dealPage } from './deals.js';

/**
 * The create, edit and copy forms. Each field is named as the chat command's argument
 * (`price`, `min`, `ends`…) and holds the words an admin would type after `price=`, so each form
 * is the command: `deal new` (with `from=` a template), `deal edit` (only the fields changed),
 * `deal copy` (only the fields filled; the rest from the source deal). The command validates and
 * words any refusal; the form then comes back with what was typed.
 */

/** The deal fields the forms carry, in the order shown (the commands' argument names). */
const FIELDS = [
  'title',
  'price',
  'min',
  'stock',
  'limit',
  'ends',
  'starts',
  'unit',
  'options',
  'pickup',
  'points',
  'category',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field | 'from' | 'reprice', string>>;

/** Longest value per field, as the commands' schemas take them. */
const MAX: Record<Field, number> = {
  title: 100,
  price: 20,
  min: 7,
  stock: 7,
  limit: 3,
  ends: 40,
  starts: 40,
  unit: 10,
  options: 400,
  pickup: 200,
  points: 400,
  category: 200,
};
const NUMERIC: ReadonlySet<Field> = new Set(['min', 'stock', 'limit']);

type Form = { kind: 'new' } | { kind: 'edit'; deal: Deal } | { kind: 'copy'; deal: Deal };

export function registerDealForms(app: FastifyInstance, deps: DashboardDeps): void {
  const csrf = { preHandler: app.csrfProtection };
  app.get<{ Querystring: { from?: string } }>('/deals/new', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const from = typeof req.query.from === 'string' ? { from: req.query.from.slice(0, 40) } : {};
    return formPage(reply, view, { kind: 'new' }, from);
  });
  app.post<{ Body: unknown }>('/deals/new', csrf, async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const typed = formFields(req.body, ...FIELDS, 'from');
    return created(deps, reply, view, 'deal new', typed, { kind: 'new' });
  });

  app.get<{ Params: { no: string } }>('/deals/:no/copy', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    const d = view && dealOr404(view, reply, req.params.no);
    return view && d ? formPage(reply, view, { kind: 'copy', deal: d.row.deal }, {}) : reply;
  });
  app.post<{ Params: { no: string }; Body: unknown }>('/deals/:no/copy', csrf, async (req, reply) => {
    const view = await requireView(deps, req, reply);
    const d = view && dealOr404(view, reply, req.params.no);
    if (!view || !d) return reply;
    const typed = formFields(req.body, ...FIELDS);
    const args = { ...typed, deal: String(d.row.deal.no) };
    return created(deps, reply, view, 'deal copy', args, { kind: 'copy', deal: d.row.deal }, typed);
  });

  app.get<{ Params: { no: string } }>('/deals/:no/edit', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    const d = view && dealOr404(view, reply, req.params.no);
    if (!view || !d) return reply;
    return formPage(reply, view, { kind: 'edit', deal: d.row.deal }, typedFields(view, d.row.deal));
  });
  app.post<{ Params: { no: string }; Body: unknown }>('/deals/:no/edit', csrf, async (req, reply) => {
    const view = await requireView(deps, req, reply);
    const d = view && dealOr404(view, reply, req.params.no);
    if (!view || !d) return reply;
    const deal = d.row.deal;
    const posted = formFields(req.body, ...FIELDS, 'reprice');
    const was = typedFields(view, deal);
    // Only what the admin changed goes to /deal edit: an untouched price must not ask about repricing.
    const changed: Record<string, string> = {};
    for (const field of FIELDS) {
      const value = posted[field];
      // Categories emptied: the command's word for none.
      if (value !== undefined && value !== was[field])
        changed[field] = field === 'category' && value.trim() === '' ? 'none' : value;
    }
    if (posted.reprice === 'all' || posted.reprice === 'new') changed.reprice = posted.reprice;
    const result = await runCommand(deps, view, 'deal edit', { ...changed, deal: String(deal.no) });
    const after = view.tables.deals.get(deal.id);
    // Orders placed meanwhile change the deal's counters, not what an edit changes.
    const ok = result.ok && after !== undefined && editable(after) !== editable(deal);
    const t = dealFormsText(view.locale);
    if (ok) {
      const now = dealDetail(view.tables, view.community.id, deal.no, deps.clock.now())!;
      return dealPage(reply, view, now, [
        { ok, lines: result.said.length ? result.said : [t.changed(deal.no)] },
      ]);
    }
    // The chat's reprice question says to type the command again: here the form's menu answers it.
    const asked = repriceAsked(view.locale, deal.no, result.said);
    const why =
      asked === undefined
        ? { lines: result.said }
        : { heading: '', lines: [t.repriceChoose(deal.no, asked)] };
    const values = { ...was, ...posted };
    return formPage(
      reply,
      view,
      { kind: 'edit', deal },
      values,
      [{ ok: false, ...why }],
      asked !== undefined,
    );
  });
}

/**
 * Runs a command that opens a deal (`deal new`, `deal copy`): done when a deal by this admin
 * numbered after the ones there were appeared (a deal opened meanwhile in the chat is not taken
 * for it). Then, when the command said nothing more, a redirect to its page (`?opened=1`), so a
 * reload does not open it twice; else the form again with what was typed and why not.
 */
async function created(
  deps: DashboardDeps,
  reply: FastifyReply,
  view: PageView,
  command: string,
  args: Record<string, string>,
  form: Form,
  typed: Values = args,
): Promise<FastifyReply> {
  const before = view.tables.deals.countBy('community', view.community.id);
  const result = await runCommand(deps, view, command, args);
  const mine = view.tables.deals
    .by('community', view.community.id)
    .filter((x) => x.no > before && x.createdBy === view.admin.userId)
    .sort((a, b) => a.no - b.no)[0];
  if (result.ok && mine) {
    if (result.said.length === 0) return reply.redirect(`${basePath(deps)}/deals/${mine.no}?opened=1`, 303);
    const d = dealDetail(view.tables, view.community.id, mine.no, deps.clock.now())!;
    const lines = [...result.said, dealFormsText(view.locale).created(mine.no)];
    return dealPage(reply, view, d, [{ ok: true, lines }]);
  }
  return formPage(reply, view, form, typed, [{ ok: false, lines: result.said }]);
}

/** What /deal edit may change on a deal (its counters change with every order). */
const EDITABLE = [
  'title',
  'priceCents',
  'min',
  'stock',
  'limit',
  'endsAt',
  'startsAt',
  'unit',
  'options',
  'optionPrices',
  'optionStock',
  'pickup',
  'points',
  'photos',
  'categories',
] as const satisfies readonly (keyof Deal)[];

/** Those fields of a deal as one string to compare. */
function editable(deal: Deal): string {
  return JSON.stringify(EDITABLE.map((key) => deal[key]));
}

/** A deal's fields as an admin would type them after `key=`: what the edit form starts from. */
export function typedFields(view: Pick<PageView, 'community' | 'tables'>, deal: Deal): Record<Field, string> {
  const tz = view.community.timezone;
  const amount = (cents: number) => (cents / 100).toFixed(2);
  const options = deal.options
    .map((o) => {
      const price = deal.optionPrices[o];
      const stock = deal.optionStock[o];
      const priced = price !== undefined || stock !== undefined ? `:${amount(price ?? deal.priceCents)}` : '';
      return `${o}${priced}${stock !== undefined ? `:${stock}` : ''}`;
    })
    .join(',');
  return {
    title: deal.title,
    price: amount(deal.priceCents),
    min: String(deal.min),
    stock: deal.stock === undefined ? '' : String(deal.stock),
    limit: deal.limit === undefined ? '' : String(deal.limit),
    ends: formatTime(deal.endsAt, tz),
    starts: deal.status === 'scheduled' && deal.startsAt ? formatTime(deal.startsAt, tz) : '',
    unit: deal.unit ?? '',
    options,
    pickup: deal.pickup ?? '',
    points: pointNames(view.tables, deal),
    category: (deal.categories ?? []).join(','),
  };
}

function pointNames(tables: Tables, deal: Deal): string {
  return (deal.points ?? [])
    .map((id) => tables.pickupPoints.get(id)?.name)
    .filter((n): n is string => n !== undefined)
    .join(',');
}

/**
 * The form page: `values` in the fields (what was typed, or the deal's for an edit), notices on
 * top; `askReprice`: the reprice menu marked and focused, as the choice the edit waits for.
 */
function formPage(
  reply: FastifyReply,
  view: PageView,
  form: Form,
  values: Values,
  notices: Notice[] = [],
  askReprice = false,
): FastifyReply {
  const t = dealFormsText(view.locale);
  const source = form.kind === 'new' ? undefined : form.deal;
  // A copy's empty fields come from its source: shown as placeholders.
  const placeholders: Partial<Record<Field, string>> =
    form.kind === 'copy' ? { ...typedFields(view, form.deal), ends: '', starts: '' } : {};
  const shown = FIELDS.filter(
    (f) => f !== 'starts' || form.kind !== 'edit' || source?.status === 'scheduled',
  );
  const hint = (f: Field): string | undefined =>
    ({
      price: t.hints.price,
      min: form.kind === 'new' ? t.hints.min : undefined,
      ends: form.kind === 'new' ? t.hints.ends(WHEN_FORMS[view.locale]) : WHEN_FORMS[view.locale],
      starts: t.hints.starts,
      options: t.hints.options,
      points: form.kind === 'new' ? t.hints.points : undefined,
      category: t.hints.category,
    })[f as string];
  const field = (f: Field) => {
    const note = hint(f);
    return html`<label>${t.fields[f]}
      <input name="${f}" value="${values[f] ?? ''}" maxlength="${MAX[f]}"${NUMERIC.has(f) ? html` inputmode="numeric"` : ''}${f === 'price' ? html` inputmode="decimal"` : ''}${placeholders[f] ? html` placeholder="${placeholders[f]}"` : ''}>
      ${note && html`<small class="muted">${note}</small>`}</label>`;
  };
  const templates = listTemplates(view.tables, view.community.id);
  const from =
    form.kind === 'new' && templates.length > 0
      ? html`<label>${t.fields.from} <select name="from"><option value="">${t.noTemplate}</option>${templates.map(
          (x) =>
            html`<option value="${x.name}"${x.name === values.from ? html` selected` : ''}>${x.name}</option>`,
        )}</select><small class="muted">${t.hints.from}</small></label>`
      : '';
  const reprice = form.kind === 'edit' ? repriceMenu(t, values.reprice, askReprice) : '';
  const lead: Html | '' =
    form.kind === 'edit'
      ? html`<p class="muted">${t.editHint}</p>`
      : form.kind === 'copy'
        ? html`<p class="muted">${t.copyHint(form.deal.no, formatDuration(dealLength(form.deal), view.locale))}</p>`
        : '';
  const action = form.kind === 'new' ? 'deals/new' : `deals/${form.deal.no}/${form.kind}`;
  const submit = { new: t.submitNew, edit: t.submitEdit, copy: t.submitCopy }[form.kind];
  const title =
    form.kind === 'new'
      ? t.newTitle
      : form.kind === 'edit'
        ? t.editTitle(form.deal.no)
        : t.copyTitle(form.deal.no);
  const body = html`${source && html`<p><a href="deals/${source.no}">← #${source.no}</a></p>`}${lead}
    <form class="card deal-form" method="post" action="${action}">
      <input type="hidden" name="_csrf" value="${view.csrfToken}">
      ${from}${shown.map(field)}${reprice}
      <button type="submit">${submit}</button>
    </form>
    ${source && html`<p class="muted">${t.photosNote(source.no)}</p>`}`;
  return renderPage(reply, view, { title, active: 'deals', body, notices });
}
