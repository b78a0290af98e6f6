import type { PaymentVerdict } from './adapter.js';
import { bindArgs } from './args.js';
import type { Clock } from './clock.js';
import { type CommandRegistry, type CommandSpec, roleAllows } from './command.js';
import { type Context, inCommunity } from './context.js';
import type { ButtonEvent, ImageRef, MessageEvent, PaymentCheckEvent, PaymentDoneEvent } from './events.js';
import type { ButtonHandler, Feature, ImageHandler, PaymentHandlers, TextHandler } from './feature.js';
import { imagesTaken, takeImages } from './images.js';
import { coreText } from './messages.js';
import { splitCommand } from './parser.js';
import { ChannelHints, personaText } from './persona.js';

const MAX_COMMAND_LENGTH = 4000;
/** Shared: most messages carry no picture, and the order path should not allocate for that. */
const NO_IMAGES: readonly ImageRef[] = [];
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Where a message or a tap goes once its event is recorded: a command (by name or keyword), the
 * features' text handlers, or the features' button handlers, in the order the features were added.
 */
export class EventRouter {
  /** Every feature's text handlers, in the order the features were added. */
  private readonly textHandlers: TextHandler[] = [];
  /** Every feature's button handlers, in the order the features were added. */
  private readonly buttonHandlers: ButtonHandler[] = [];
  /** Every feature's picture handlers, in the order the features were added. */
  private readonly imageHandlers: ImageHandler[] = [];
  /** Every feature's payment handlers (invoices it sent), in the order the features were added. */
  private readonly paymentHandlers: PaymentHandlers[] = [];
  /** Every feature's order reader (Feature.isOrder), for senders who cannot order. */
  private readonly orderReaders: NonNullable<Feature['isOrder']>[] = [];
  private readonly channelHints: ChannelHints;

  constructor(
    private readonly registry: CommandRegistry,
    clock: Clock,
  ) {
    this.channelHints = new ChannelHints(clock);
  }

  /** Takes in a feature's text handlers, button handlers and order reader (its commands are in the registry). */
  add(feature: Feature): void {
    this.textHandlers.push(...(feature.onText ?? []));
    this.buttonHandlers.push(...(feature.onButton ?? []));
    this.imageHandlers.push(...(feature.onImage ?? []));
    if (feature.isOrder) this.orderReaders.push(feature.isOrder);
    if (feature.payments) this.paymentHandlers.push(feature.payments);
  }

  /** A member about to pay: the verdict of the feature whose invoice it is; refused when none knows it. */
  checkPayment(ctx: Context & { event: PaymentCheckEvent }): PaymentVerdict {
    for (const handlers of this.paymentHandlers) {
      const verdict = handlers.check(ctx);
      if (verdict) return verdict;
    }
    return { ok: false, reason: coreText(ctx.locale).paymentUnknown };
  }

  /**
   * A payment went through: the feature whose invoice it is records it. False when no feature
   * knows it (money moved all the same: the caller logs it and tells the payer to show the leader).
   */
  async paid(ctx: Context & { event: PaymentDoneEvent }): Promise<boolean> {
    for (const handlers of this.paymentHandlers) if (await handlers.done(ctx)) return true;
    return false;
  }

  async route(ctx: Context, rawText: string): Promise<void> {
    const text = rawText.replace(CONTROL, '').trim();
    // An edited message is read again by the text handlers only (a 接龙 line follows its edit); a
    // command fixed by an edit would otherwise run a second time (a second deal, a second award).
    const edited = ctx.event.type === 'message' && ctx.event.editedAt !== undefined;
    // A picture is taken once, when sent: an edit of its caption does not send it again.
    const images = (ctx.event.type === 'message' && !edited && ctx.event.images) || NO_IMAGES;
    if (!text && images.length === 0) return;
    const command = edited ? undefined : splitCommand(text);
    const t = coreText(ctx.locale);
    const persona = ctx.sender.persona;
    if (persona && edited) return;
    if (persona?.kind === 'channel') {
      // Not a member: a command or an order gets the hint (paced); nothing else is for the bot.
      if (command || this.registry.findKeyword(text) || this.isOrder(ctx, text)) this.channelHints.tell(ctx);
      return;
    }
    if (command) {
      const firstWord = /^\S+/.exec(command.rest)?.[0];
      const found = this.registry.find(command.name, firstWord);
      if (!found) {
        ctx.reply(t.unknownCommand(command.name.slice(0, 32), this.registry.suggest(command.name)));
        return;
      }
      const rest = found.consumedWord ? command.rest.slice(firstWord!.length) : command.rest;
      await this.runCommand(ctx, found.spec, rest, text.length);
      if (images.length > 0) await this.offerImages(ctx, images, text, 'after');
      return;
    }
    const keyword = edited || !text ? undefined : this.registry.findKeyword(text);
    if (keyword) {
      await this.runCommand(ctx, keyword.spec, keyword.rest, text.length);
      if (images.length > 0) await this.offerImages(ctx, images, text, 'after');
      return;
    }
    // Pictures a feature waits for (a payment code after `/pay setup`) are taken before the caption
    // is read as anything else; the rest are offered again once the text was read (see ImageHandler).
    if (images.length > 0 && (await this.offerImages(ctx, images, text, 'before'))) return;
    if (!text) return;
    if (persona) {
      // Text handlers act for the sender's own account (orders, points, codes): an anonymous admin has none.
      if (this.isOrder(ctx, text)) ctx.reply(personaText(ctx.locale).ownAccount);
      return;
    }
    for (const handler of this.textHandlers) {
      const handled = handler(ctx, text);
      // Most handlers answer at once: awaiting their plain boolean would cost a turn of the
      // microtask queue per handler on every chat message.
      if (handled === true || (handled !== false && (await handled))) break;
    }
    if (images.length > 0) await this.offerImages(ctx, images, text, 'after');
  }

  /** A tap: the first feature that knows its action handles it; one nobody knows is answered privately. */
  async tapped(ctx: Context & { event: ButtonEvent }, event: ButtonEvent): Promise<void> {
    if (ctx.sender.persona) return ctx.answer(personaText(ctx.locale).ownAccount);
    // A card still showing in a group the bot was removed from: nothing there can be taken or shown.
    if (ctx.community?.removedAt !== undefined) return ctx.answer(coreText(ctx.locale).notInGroup);
    for (const handler of this.buttonHandlers) {
      const handled = handler(ctx, event.action);
      if (handled === true || (handled !== false && (await handled))) return;
    }
    ctx.answer(coreText(ctx.locale).buttonGone);
  }

  private async runCommand(ctx: Context, spec: CommandSpec, rest: string, length: number): Promise<void> {
    const t = coreText(ctx.locale);
    if (length > MAX_COMMAND_LENGTH) return ctx.reply(t.tooLong(MAX_COMMAND_LENGTH));
    // A group command runs with its community (ScopedContext); a group chat always has one.
    if (spec.scope === 'group' && !inCommunity(ctx)) return ctx.reply(t.noCommunity(spec));
    if (spec.scope === 'direct' && ctx.chat.kind !== 'direct') return ctx.reply(t.directOnly(spec));
    if (!roleAllows(ctx.role, spec.role)) return ctx.reply(t.needsRole(spec, spec.role));
    const persona = ctx.sender.persona !== undefined;
    if (persona && spec.personal === true) return ctx.reply(personaText(ctx.locale).ownAccount);
    const bound = bindArgs(spec, rest);
    if (!bound.ok) return ctx.reply(`${t.argError(bound.error)}\n${t.usage(spec.help[ctx.locale].usage)}`);
    // Personal in some uses only (`/cancel #3`, not `/cancel #3 @bob`): told by the arguments.
    if (persona && typeof spec.personal === 'function' && spec.personal(bound.args))
      return ctx.reply(personaText(ctx.locale).ownAccount);
    await spec.run(ctx, bound.args);
  }

  /**
   * A message's pictures, unless a handler already took them: the first feature that takes them
   * (see ImageHandler), before the text is handled and again after it (a screenshot captioned
   * `已付 #3` belongs to the claim its caption just made).
   */
  private async offerImages(
    ctx: Context,
    images: readonly ImageRef[],
    text: string,
    stage: 'before' | 'after',
  ): Promise<boolean> {
    const { event } = ctx;
    if (event.type !== 'message' || imagesTaken(event)) return false;
    for (const handler of this.imageHandlers)
      if (await handler(ctx as Context & { event: MessageEvent }, images, text, stage)) {
        takeImages(event);
        return true;
      }
    return false;
  }

  /** Whether a feature reads the text as an order (see Feature.isOrder). */
  private isOrder(ctx: Context, text: string): boolean {
    return this.orderReaders.some((reads) => reads(ctx, text));
  }
}
