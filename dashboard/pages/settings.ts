import type { FastifyInstance } from 'fastify';
import { SETTINGS, settingInput, settingLabel, show } from '../../commands/settings.js';
import { settingHelp } from '../../commands/settings-text.js';
import type { SettingSpec } from '../../src/services/settings.js';
import { type SettingRow, settingsTable } from '../../src/services/settings-table.js';
import { formFields, runCommand } from '../actions.js';
import type { DashboardDeps } from '../deps.js';
import { type Html, html } from '../html.js';
import { type Notice, renderPage } from '../layout.js';
import { settingsPageText } from '../text/settings.js';
import { type PageView, requireView } from '../view.js';

const SPECS = SETTINGS as readonly SettingSpec<unknown>[];
const BY_KEY = new Map(SPECS.map((spec) => [spec.key, spec]));

/**
 * The setting by its name in the page's language, with its key small beneath: an admin who also
 * types `/settings key=value` in chat needs it, and as code it is the one text a Chinese page may
 * hold in Latin letters.
 */
function nameCell(view: PageView, key: string): Html {
  return html`${settingLabel(key, view.locale)}<br><code class="muted" style="font-size: 0.85em">${key}</code>`;
}

function rowHtml(view: PageView, row: SettingRow): Html {
  const t = settingsPageText(view.locale);
  const spec = BY_KEY.get(row.key)!;
  const help = (settingHelp(view.locale) as Record<string, string>)[row.helpKey] ?? '';
  // The box holds the value as the row shows it, which /settings takes back in this language.
  const now = show(spec, row.value, view.locale);
  return html`<tr id="${`setting-${row.key}`}">
    <td>${nameCell(view, row.key)}</td>
    <td style="white-space: normal">${help}</td>
    <td>${now}${row.isDefault ? html` <span class="muted">(${t.isDefault})</span>` : ''}</td>
    <td>${show(spec, row.default, view.locale)}</td>
    <td><form method="post" action="settings">
      <input type="hidden" name="_csrf" value="${view.csrfToken}">
      <input type="hidden" name="key" value="${row.key}">
      <input name="value" value="${now}" aria-label="${settingLabel(row.key, view.locale)}" size="12" maxlength="100">
      <button type="submit">${t.save}</button>
    </form></td>
  </tr>`;
}

function page(view: PageView): Html {
  const t = settingsPageText(view.locale);
  const rows = settingsTable(view.community, SPECS);
  return html`<p class="muted">${t.intro}</p>
    <div class="table-wrap"><table>
      <thead><tr><th>${t.colSetting}</th><th>${t.colHelp}</th><th>${t.colValue}</th><th>${t.colDefault}</th><th>${t.colChange}</th></tr></thead>
      <tbody>${rows.map((row) => rowHtml(view, row))}</tbody>
    </table></div>`;
}

/** What is stored for a setting now: its own field (the timezone) or its text in `settings`. */
function storedNow(view: PageView, spec: SettingSpec<unknown>): string | undefined {
  const community = view.tables.communities.get(view.community.id);
  if (!community) return undefined;
  return spec.field ? community[spec.field] : community.settings[spec.key];
}

/**
 * The Settings page (`GET /settings`): every /settings key with its help, its value now and its
 * default, and a form per key. Saving (`POST /settings`, fields `key` and `value`) runs
 * `/settings key=value` as the admin, so the value is checked exactly as in the chat and a
 * refusal is shown in the chat's words; nothing else changes.
 */
export function registerSettings(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/settings', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    return renderPage(reply, view, {
      title: settingsPageText(view.locale).title,
      active: 'settings',
      body: page(view),
    });
  });

  app.post('/settings', { preHandler: app.csrfProtection }, async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const t = settingsPageText(view.locale);
    const { key = '', value = '' } = formFields(req.body, 'key', 'value');
    const spec = BY_KEY.get(key);
    let notice: Notice;
    if (!spec) {
      reply.code(400);
      notice = { ok: false, lines: [t.unknown(key)], heading: '' };
    } else {
      const result = await runCommand(deps, view, 'settings', { [key]: value });
      // Saved when what is stored now is what /settings stores for this value (a Chinese word read as its value).
      const saved = storedNow(view, spec) === settingInput(spec, value);
      notice = { ok: result.ok && saved, lines: result.said, heading: '' };
      if (!notice.ok) reply.code(400);
    }
    // The community as it is now (the page's view was read before the change).
    const community = view.tables.communities.get(view.community.id) ?? view.community;
    const fresh = { ...view, community };
    return renderPage(reply, fresh, {
      title: t.title,
      active: 'settings',
      body: page(fresh),
      notices: [notice],
    });
  });
}
