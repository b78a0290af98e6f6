import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIMessageComponentButtonInteraction,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import type { ButtonRows } from '../../src/core/adapter.js';
import type { ButtonEvent } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { type ChannelFacts, interactionSource, threadMessageId } from './normalize.js';

/** Discord takes at most 5 buttons a row and 5 rows a message; a custom_id is 1–100 characters. */
const PER_ROW = 5;
const MAX_ROWS = 5;
const MAX_CUSTOM_ID = 100;
/** Discord's limit on a button's label. */
const MAX_LABEL = 80;

/**
 * Rows of buttons as message components (action rows of buttons): what does not fit Discord's
 * limits is left out rather than the whole message refused. The last row (a card's Withdraw) is
 * shown in grey, the others in the primary colour.
 */
export function components(rows: ButtonRows): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const fitting = rows
    .map((row) =>
      row.filter((b) => b.action.length > 0 && b.action.length <= MAX_CUSTOM_ID).slice(0, PER_ROW),
    )
    .filter((row) => row.length > 0)
    .slice(0, MAX_ROWS);
  return fitting.map((row, r) => ({
    type: ComponentType.ActionRow,
    components: row.map((b) => ({
      type: ComponentType.Button,
      style: r === fitting.length - 1 && fitting.length > 1 ? ButtonStyle.Secondary : ButtonStyle.Primary,
      label: b.label.slice(0, MAX_LABEL),
      custom_id: b.action,
    })),
  }));
}

/**
 * INTERACTION_CREATE of a button click → a ButtonEvent, answered through the interaction (its id).
 * In a thread it is a tap in the parent channel's community, on `threadId/messageId`.
 */
export function normalizeButton(raw: APIMessageComponentButtonInteraction, facts: ChannelFacts): ButtonEvent {
  const source = interactionSource(raw, facts);
  return {
    type: 'button',
    id: raw.id,
    chat: source.chat,
    sender: source.sender,
    messageId: threadMessageId(source.parentId ? source.channelId : undefined, raw.message.id),
    action: raw.data.custom_id,
    interactionId: raw.id,
  };
}

/** How long a click may wait for its answer before the "thinking…" reply is removed. */
const UNANSWERED_MS = 10_000;

/**
 * Clicks waiting for their private answer. A click must be acknowledged within 3 s and the answer
 * comes after the order is on disk, so each is deferred at once as an ephemeral reply (seen by the
 * member who clicked only) and answered later with editReply.
 */
export class PendingTaps {
  private readonly byId = new Map<
    string,
    { interaction: ButtonInteraction; acknowledged: Promise<boolean> }
  >();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly log: Logger) {}

  /** Defers the click now (ephemeral "thinking…"); removed after a while if nothing answers it. */
  park(interaction: ButtonInteraction, unansweredMs = UNANSWERED_MS): void {
    const acknowledged = interaction.deferReply({ flags: MessageFlags.Ephemeral }).then(
      () => true,
      (error: unknown) => {
        this.log.warn({ err: error, interaction: interaction.id }, 'discord: could not acknowledge a click');
        return false;
      },
    );
    this.byId.set(interaction.id, { interaction, acknowledged });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.byId.delete(interaction.id)) return;
      void interaction.deleteReply().catch(() => {});
    }, unansweredMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** The private answer: the deferred ephemeral reply shows `text`. False when the click is unknown or expired. */
  async answer(interactionId: string, text: string): Promise<boolean> {
    const pending = this.byId.get(interactionId);
    this.byId.delete(interactionId);
    if (!pending || !(await pending.acknowledged)) return false;
    await pending.interaction.editReply({ content: text.slice(0, 2000) });
    return true;
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.byId.clear();
  }
}
