/**
 * How members really write in a 接龙 group, with what each message should mean. Run through the
 * pure reader (tests/services/jielong.test.ts) and, by the lead, through the real bot.
 * Every case is read against deal #3 「丹东草莓」 (PHRASING_DEAL) unless its text names another code.
 */
import type { CopiedLine, JielongIntent, LineIntent } from '../../src/services/jielong.js';

/** One realistic message and what it must mean; `'chatter'` = the bot stays silent. */
export interface Phrasing {
  text: string;
  /** The deal's options (SKU names as the admin typed them); none when absent. */
  options?: string[];
  /** Display names already on the deal's roster, in order. */
  roster?: string[];
  expect: JielongIntent | 'chatter';
  /** What is being tested, where the text alone does not say. */
  note?: string;
  /** What the group sees, where the handler decides otherwise than the reader (default: expect). */
  inChat?: 'chatter';
}

/** The deal every case is read against. */
export const PHRASING_DEAL = { no: 3, title: '丹东草莓' } as const;

const PORTIONS = ['小份', '大份'];
const WEIGHTS = ['5斤', '10斤'];
const SIZES = ['S', 'M', 'L'];
const ROSTER = ['alice', '阿强', '王姐'];

/** A line as the reader returns it (no undefined keys). */
function line(qty: number, option?: string, note?: string): LineIntent {
  return { qty, ...(option ? { option } : {}), ...(note ? { note } : {}) };
}
/** An order of one line. */
function order(qty: number, option?: string, note?: string): JielongIntent {
  return { kind: 'order', lines: [line(qty, option, note)] };
}
/** An order of several lines. */
function lines(...ls: LineIntent[]): JielongIntent {
  return { kind: 'order', lines: ls };
}
function change(qty: number, option?: string, note?: string): JielongIntent {
  return { kind: 'order', lines: [line(qty, option, note)], change: true };
}
function proxy(qty: number, who: string, option?: string, note?: string): JielongIntent {
  return { kind: 'order', lines: [line(qty, option, note)], for: who };
}
function listed(name: string, qty: number, option?: string, note?: string): JielongIntent {
  return { kind: 'order', lines: [line(qty, option, note)], listedAs: name };
}
/** `再来一份`: added to the member's line (or placed when there is none). */
function more(qty: number, option?: string, note?: string): JielongIntent {
  return { kind: 'order', lines: [{ ...line(qty, option, note), add: 'more' }] };
}
/** `少要一份`: taken from the member's line. */
function less(qty: number, option?: string, note?: string): JielongIntent {
  return { kind: 'order', lines: [{ ...line(qty, option, note), add: 'less' }] };
}
/** A copied roster: every numbered line as read. */
function copy(...entries: CopiedLine[]): JielongIntent {
  return { kind: 'copy', lines: entries };
}
/** One numbered line of a copy. */
function entry(no: number, name: string, qty: number, rest: Partial<CopiedLine> = {}): CopiedLine {
  return { no, name, qty, ...rest };
}
/** The copied lines `1. alice ×1`, `2. 阿强 ×2`, `3. 王姐 ×1` of ROSTER. */
const COPIED = [entry(1, 'alice', 1), entry(2, '阿强', 2), entry(3, '王姐', 1)];
const cancel = (option?: string): JielongIntent => (option ? { kind: 'cancel', option } : { kind: 'cancel' });
const cancelFor = (who: string, option?: string): JielongIntent => ({
  kind: 'cancel',
  ...(option ? { option } : {}),
  for: who,
});
/** The answer to "which option?". */
const answer = (option: string): JielongIntent => ({ kind: 'option', option });
const roster: JielongIntent = { kind: 'roster' };
const unreadable: JielongIntent = { kind: 'unreadable' };
const chatter = 'chatter' as const;
const SEPARATOR = '- - - - - - - - - - - - - - -';
const quote = (name: string, quoted: string, reply: string) =>
  `「${name}：${quoted}」\n${SEPARATOR}\n${reply}`;
const CARD = '🛒 #3 丹东草莓 — ¥39.90/盒\n10 人成团 · 已有 3 人\n截止：12月5日 20:00（Asia/Shanghai）';

/** The cases, grouped by what they test. */
export const PHRASING_GROUPS: Record<string, Phrasing[]> = {
  quantities: [
    { text: '+1', expect: order(1) },
    { text: '+3', expect: order(3) },
    { text: '+12', expect: order(12) },
    { text: '+ 2', expect: order(2), note: 'a space after the plus' },
    { text: '+1!', expect: order(1) },
    { text: '+1。', expect: order(1) },
    { text: '+2～', expect: order(2) },
    { text: '+2份', expect: order(2) },
    { text: '+3个', expect: order(3) },
    { text: '我也+1', expect: order(1), note: '"me too" is a filler, not a note' },
    { text: '加1', expect: order(1) },
    { text: '加2', expect: order(2) },
    { text: '加一份', expect: more(1), note: '加 with a count word is one more' },
    { text: '加两个', expect: more(2) },
    { text: '再加一份', expect: more(1), note: 'one more: added to the line' },
    { text: '2份', expect: order(2) },
    { text: '3个', expect: order(3) },
    { text: '两份', expect: order(2) },
    { text: '三个', expect: order(3) },
    { text: '5斤', expect: order(5) },
    { text: '两盒', expect: order(2) },
    { text: '1箱', expect: order(1) },
    { text: '三袋', expect: order(3) },
    { text: '4件', expect: order(4) },
    { text: '2只', expect: order(2) },
    { text: '6瓶', expect: order(6) },
    { text: '十个', expect: order(10) },
    { text: '十二个', expect: order(12) },
    { text: '二十五份', expect: order(25) },
    { text: '九十九个', expect: order(99) },
    { text: '接龙', expect: order(1) },
    { text: '接龙 2', expect: order(2) },
    { text: '接龙2', expect: order(2) },
    { text: '接龙+1', expect: order(1) },
    { text: '接龙 +3', expect: order(3) },
    { text: '接龙 两份', expect: order(2) },
    { text: '接龙，3份', expect: order(3) },
    { text: '我也接龙', expect: order(1) },
    { text: '要2份', expect: order(2) },
    { text: '要2', expect: order(2) },
    { text: '要俩', expect: order(2) },
    { text: '我要两个', expect: order(2) },
    { text: '我要3份', expect: order(3) },
    { text: '我也要一份', expect: order(1) },
    { text: '来两份', expect: order(2) },
    { text: '我要两盒草莓', expect: order(2), note: 'the glued word is in the deal title' },
    { text: '+0', expect: order(0), note: 'passed through: the service answers "bad quantity"' },
    { text: '+1000', expect: order(1000), note: 'passed through: the service answers "bad quantity"' },
    { text: '+1 #3', expect: order(1), note: 'the deal code is skipped' },
    { text: '#3 +2', expect: order(2) },
  ],
  notes: [
    { text: '+3 周六来拿', expect: order(3, undefined, '周六来拿') },
    { text: '+1 辛苦团长', expect: order(1, undefined, '辛苦团长') },
    { text: '放快递柜 +2', expect: order(2, undefined, '放快递柜') },
    { text: '+2 放门口，谢谢！', expect: order(2, undefined, '放门口，谢谢') },
    { text: '+1 周六下午来拿', expect: order(1, undefined, '周六下午来拿') },
    { text: '2份 周六来拿', expect: order(2, undefined, '周六来拿') },
    { text: '接龙 2 明天来拿', expect: order(2, undefined, '明天来拿') },
    { text: '周六来拿+1', expect: order(1, undefined, '周六来拿') },
    {
      text: '+1 3号楼',
      expect: order(1, undefined, '3号楼'),
      note: 'a number in the note is not a quantity',
    },
    { text: '+2 12月5日来拿', expect: order(2, undefined, '12月5日来拿'), note: 'a date in a note' },
    { text: '+1 🙏', expect: order(1, undefined, '🙏') },
    { text: '团长 +1', expect: order(1), note: 'addressing the leader is not a note' },
    { text: '+1 谢谢团长', expect: order(1, undefined, '谢谢团长') },
    { text: '+2辛苦了', expect: order(2, undefined, '辛苦了'), note: 'a note glued to +N' },
    { text: '两份谢谢', expect: order(2, undefined, '谢谢') },
    { text: '2 份 周六拿', expect: order(2, undefined, '周六拿'), note: 'a space before the unit' },
    { text: '+2 leave it at the door', expect: order(2, undefined, 'leave it at the door') },
    { text: '+1 用50分', expect: { kind: 'order', lines: [line(1)], usePoints: 50 } },
    { text: '接龙 2 用120分', expect: { kind: 'order', lines: [line(2)], usePoints: 120 } },
    { text: '+1 use=30', expect: { kind: 'order', lines: [line(1)], usePoints: 30 } },
    {
      text: '+1 用100积分 周六拿',
      expect: { kind: 'order', lines: [line(1, undefined, '周六拿')], usePoints: 100 },
    },
  ],
  options: [
    {
      text: '+1 特大份',
      options: PORTIONS,
      expect: order(1, undefined, '特大份'),
      note: 'an option name inside a longer word is not that option: the member is asked which',
    },
    { text: '+2小份', options: PORTIONS, expect: order(2, '小份') },
    { text: '小份+2', options: PORTIONS, expect: order(2, '小份') },
    { text: '小份 4份', options: PORTIONS, expect: order(4, '小份') },
    { text: '+1 大份', options: PORTIONS, expect: order(1, '大份') },
    { text: '大份 +1', options: PORTIONS, expect: order(1, '大份') },
    { text: '大份1份', options: PORTIONS, expect: order(1, '大份') },
    { text: '小份两份', options: PORTIONS, expect: order(2, '小份') },
    { text: '要一份大份', options: PORTIONS, expect: order(1, '大份') },
    { text: '我要大份', options: PORTIONS, expect: order(1, '大份') },
    { text: '接龙 大份', options: PORTIONS, expect: order(1, '大份') },
    { text: '接龙 2 小份', options: PORTIONS, expect: order(2, '小份') },
    { text: '小份x2', options: PORTIONS, expect: order(2, '小份') },
    { text: '大份×3', options: PORTIONS, expect: order(3, '大份') },
    { text: '+2 小份 周六拿', options: PORTIONS, expect: order(2, '小份', '周六拿') },
    {
      text: '+1 中份',
      options: PORTIONS,
      expect: order(1, undefined, '中份'),
      note: 'not an option: a note; the bot asks which option',
    },
    { text: '+1', options: PORTIONS, expect: order(1), note: 'no option named: the bot asks which' },
    { text: '+1 L', options: SIZES, expect: order(1, 'L') },
    { text: '+2L', options: SIZES, expect: order(2, 'L') },
    { text: 'L+1', options: SIZES, expect: order(1, 'L') },
    { text: '+2 m', options: SIZES, expect: order(2, 'M'), note: 'case-insensitive' },
    { text: '+1 M please', options: SIZES, expect: order(1, 'M', 'please') },
    { text: 'XL+1', options: ['L', 'XL'], expect: order(1, 'XL'), note: 'the longest option name wins' },
    {
      text: '+1 hello',
      options: SIZES,
      expect: order(1, undefined, 'hello'),
      note: 'L inside a word is not option L',
    },
    {
      text: '10斤+1',
      options: WEIGHTS,
      expect: order(1, '10斤'),
      note: 'an option with digits is read before the quantity',
    },
    { text: '+1 5斤', options: WEIGHTS, expect: order(1, '5斤') },
    { text: '5斤 2份', options: WEIGHTS, expect: order(2, '5斤') },
    { text: '10斤两箱', options: WEIGHTS, expect: order(2, '10斤') },
    { text: '+2 10斤', options: WEIGHTS, expect: order(2, '10斤') },
    {
      text: '5斤+1 用50分',
      options: WEIGHTS,
      expect: { kind: 'order', lines: [line(1, '5斤')], usePoints: 50 },
    },
    { text: '+2 L use=30', options: SIZES, expect: { kind: 'order', lines: [line(2, 'L')], usePoints: 30 } },
  ],
  'several options': [
    { text: '小份+2 大份+1', options: PORTIONS, expect: lines(line(2, '小份'), line(1, '大份')) },
    { text: '+2小份 +1大份', options: PORTIONS, expect: lines(line(2, '小份'), line(1, '大份')) },
    { text: '小份2份，大份1份', options: PORTIONS, expect: lines(line(2, '小份'), line(1, '大份')) },
    { text: '大份1 小份2', options: PORTIONS, expect: lines(line(1, '大份'), line(2, '小份')) },
    { text: '大份小份各一个', options: PORTIONS, expect: lines(line(1, '大份'), line(1, '小份')) },
    {
      text: '小份+1 大份+2 周六拿',
      options: PORTIONS,
      expect: lines(line(1, '小份', '周六拿'), line(2, '大份', '周六拿')),
      note: 'the note goes on every line',
    },
    { text: 'S+1 M+2', options: SIZES, expect: lines(line(1, 'S'), line(2, 'M')) },
    { text: '5斤+1 10斤+1', options: WEIGHTS, expect: lines(line(1, '5斤'), line(1, '10斤')) },
    {
      text: '小份+2\n大份+1',
      options: PORTIONS,
      expect: lines(line(2, '小份'), line(1, '大份')),
      note: 'over two lines',
    },
    { text: '+1小份、+1大份', options: PORTIONS, expect: lines(line(1, '小份'), line(1, '大份')) },
  ],
  changes: [
    { text: '改4份', expect: change(4) },
    { text: '改成4份', expect: change(4) },
    { text: '改为4', expect: change(4) },
    { text: '改成两个', expect: change(2) },
    { text: '我改2份', expect: change(2) },
    { text: '改3 周六拿', expect: change(3, undefined, '周六拿') },
    { text: '小份改3', options: PORTIONS, expect: change(3, '小份') },
    { text: '大份改成1份', options: PORTIONS, expect: change(1, '大份') },
    { text: '改成４份', expect: change(4), note: 'full-width digit' },
    {
      text: '改成大份',
      options: PORTIONS,
      expect: unreadable,
      note: 'switching option needs a withdrawal and an order',
    },
  ],
  withdrawals: [
    { text: '-1', expect: cancel() },
    { text: '-1 小份', options: PORTIONS, expect: cancel('小份') },
    { text: '小份-1', options: PORTIONS, expect: cancel('小份') },
    { text: '退出', expect: cancel() },
    { text: '取消', expect: cancel() },
    { text: '取消接龙', expect: cancel() },
    { text: '退出接龙', expect: cancel() },
    { text: '不要了', expect: cancel() },
    { text: '不要啦', expect: cancel() },
    { text: '算了', expect: cancel() },
    { text: '算了不要了', expect: cancel() },
    { text: '我不要了', expect: cancel() },
    { text: '我还是不要了', expect: cancel() },
    { text: '不要了，谢谢团长', expect: cancel() },
    { text: 'cancel', expect: cancel() },
    { text: 'Cancel', expect: cancel() },
    { text: '小份不要了', options: PORTIONS, expect: cancel('小份') },
    { text: '不要小份了', options: PORTIONS, expect: cancel('小份') },
    { text: '取消大份', options: PORTIONS, expect: cancel('大份') },
    { text: 'L不要了', options: SIZES, expect: cancel('L') },
    { text: '-1 #3', expect: cancel() },
    { text: '-2', expect: unreadable, note: 'lowering a line is 改N; the hint says so' },
  ],
  roster: [
    { text: '列表', expect: roster },
    { text: '接龙列表', expect: roster },
    { text: '名单', expect: roster },
    { text: 'roster', expect: roster },
    { text: 'list', expect: roster },
    { text: 'List', expect: roster },
    { text: '看看列表', expect: roster },
    { text: '#3 列表', expect: roster },
  ],
  proxies: [
    { text: '+1 帮邻居王阿姨', expect: proxy(1, '邻居王阿姨') },
    { text: '帮王阿姨+1', expect: proxy(1, '王阿姨') },
    { text: '帮王阿姨要两份', expect: proxy(2, '王阿姨') },
    { text: '+2 替妈妈', expect: proxy(2, '妈妈') },
    { text: '+1 帮小李订', expect: proxy(1, '小李') },
    { text: '代张姐接龙 2', expect: proxy(2, '张姐') },
    { text: '+1 大份 帮王阿姨', options: PORTIONS, expect: proxy(1, '王阿姨', '大份') },
    { text: '+1 帮王阿姨 周六来拿', expect: proxy(1, '王阿姨', undefined, '周六来拿') },
    { text: '+1 帮忙带到3号楼', expect: order(1, undefined, '帮忙带到3号楼'), note: '帮忙 is not a proxy' },
    { text: '帮我留两份', expect: order(2), note: '帮我 is the sender' },
    { text: '帮王阿姨+1 帮李叔+1', expect: unreadable, note: 'two people in one message' },
  ],
  mentions: [
    { text: '@群主 +2', expect: order(2) },
    { text: '+2 @团长', expect: order(2) },
    { text: '@团长\u2005+1', expect: order(1), note: 'WeChat mention ends in U+2005' },
    {
      text: '@Tony Wang\u2005小份+1',
      options: PORTIONS,
      expect: order(1, '小份'),
      note: 'a WeChat nickname with a space',
    },
    { text: '@团长 @小美 +1', expect: order(1) },
    { text: '@团长\u2005@小美\u2005接龙 2', expect: order(2) },
    { text: '+1 辛苦 @团长', expect: order(1, undefined, '辛苦') },
    { text: '@团长', expect: chatter },
    { text: '@团长 几点到货', expect: chatter },
    { text: '@alice +1 for this idea', expect: chatter },
  ],
  'quoted replies': [
    {
      text: quote('团购小助手', `${CARD}\n下单：发送 +1`, '+2'),
      expect: order(2),
      note: 'a reply to the deal card',
    },
    { text: quote('团购小助手', CARD, '大份+1'), options: PORTIONS, expect: order(1, '大份') },
    {
      text: quote('阿强', '明天几点到？', '+1'),
      expect: order(1),
      inChat: 'chatter',
      note: 'the quote is not a card: +1 under a member’s message agrees with them, orders nothing',
    },
    { text: quote('阿强', '+1', '哈哈'), expect: chatter, note: 'a quoted +1 is not the sender’s order' },
    { text: quote('团长', '#3 还有吗', '不要了'), expect: cancel() },
    { text: quote('团购小助手', CARD, '@团长\u2005+3 周六拿'), expect: order(3, undefined, '周六拿') },
    { text: quote('小美', '草莓甜吗', '很甜，我家3个孩子都爱吃'), expect: chatter },
    { text: quote('团购小助手', CARD, '列表'), expect: roster },
  ],
  'copied rosters': [
    {
      text: '#3 丹东草莓接龙\n1. alice ×1\n2. 阿强 ×2\n3. 小红 +2',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '阿强', 2), entry(3, '小红', 2)),
      note: 'every numbered line as read: the handler compares the copy with the roster',
    },
    {
      text: '1. alice ×1\n2. 阿强 ×2\n3. 王姐 ×1\n4. 小红 2份',
      roster: ROSTER,
      expect: copy(...COPIED, entry(4, '小红', 2)),
    },
    {
      text: '1. alice ×1\n2. 阿强 ×2\n3. 王姐 ×1\n4. 小红',
      roster: ROSTER,
      expect: copy(...COPIED, entry(4, '小红', 1)),
      note: 'a name alone is 1',
    },
    {
      text: '1. alice ×1 小份\n2. 阿强 ×2 大份\n3. 小红 +2 小份',
      roster: ROSTER,
      options: PORTIONS,
      expect: copy(
        entry(1, 'alice', 1, { option: '小份' }),
        entry(2, '阿强', 2, { option: '大份' }),
        entry(3, '小红', 2, { option: '小份' }),
      ),
    },
    {
      text: '丹东草莓接龙\n1. 小红 +1',
      roster: [],
      expect: copy(entry(1, '小红', 1)),
      note: 'the first order: the header is the deal',
    },
    { text: '#3\n1. 小红 两份', roster: [], expect: copy(entry(1, '小红', 2)) },
    {
      text: `${CARD}\n1. alice ×1\n2. 阿强 ×2 小份 (周六来拿)\n合计：小份 2 · 大份 0\n3. 小红 ×1 大份`,
      roster: ROSTER,
      options: PORTIONS,
      expect: copy(
        entry(1, 'alice', 1),
        entry(2, '阿强', 2, { option: '小份', note: '周六来拿' }),
        entry(3, '小红', 1, { option: '大份' }),
      ),
      note: 'the bot’s own card copied, totals line included',
    },
    {
      text: '1、alice +1\n2、阿强 +2\n3、小红+3',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '阿强', 2), entry(3, '小红', 3)),
    },
    {
      text: '1. alice\n2. 阿强\n3. 小红 两份',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '阿强', 1), entry(3, '小红', 2)),
    },
    {
      text: '1. alice ×1\n2. 小红 周六来拿',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '小红', 1, { note: '周六来拿' })),
    },
    {
      text: '1. alice ×1\n2. 小红 x3',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '小红', 3)),
    },
    {
      text: '1. Alice ×1\n2. 小红+1',
      roster: ROSTER,
      expect: copy(entry(1, 'Alice', 1), entry(2, '小红', 1)),
      note: 'names compared case-insensitively, returned as written',
    },
    {
      text: '1. alice ×1\n2. 王阿姨（小红 代订） ×1',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '王阿姨', 1, { by: '小红' })),
      note: 'the bot’s 代订 form: the line is 王阿姨’s, placed by 小红',
    },
    {
      text: '请核对\n1. alice ×1 小份\n2. 阿强 ×2 小份 (周六来拿)\n3. 王阿姨（alice 代订） ×1 大份\n合计：小份 ×3 · 大份 ×1；共 4 件，¥159.60',
      roster: ['alice', '阿强', '王阿姨'],
      options: PORTIONS,
      expect: copy(
        entry(1, 'alice', 1, { option: '小份' }),
        entry(2, '阿强', 2, { option: '小份', note: '周六来拿' }),
        entry(3, '王阿姨', 1, { option: '大份', by: 'alice' }),
      ),
      note: 'a leader’s repost of the roster: the handler finds it identical',
    },
    {
      text: '1. alice ×1\n2. 阿强 ×2\n3. 王姐 ×1\n4. 小红 +2\n谢谢团长',
      roster: ROSTER,
      expect: copy(...COPIED, entry(4, '小红', 2)),
      note: 'a line after the last numbered one is skipped',
    },
    {
      text: '1. alice ×1\n2. 阿强 ×2\n3. 王姐 ×1\n4. 小红 +2\n5. 小明 +1',
      roster: ROSTER,
      expect: copy(...COPIED, entry(4, '小红', 2), entry(5, '小明', 1)),
      note: 'several new lines: the handler decides',
    },
    {
      text: '1. alice ×1\n2. 阿强 ×3\n3. 王姐 ×1',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '阿强', 3), entry(3, '王姐', 1)),
      note: 'a changed line, no new one',
    },
    {
      text: '1. alice ×1\n2. 王阿姨 (ordered by alice) ×1',
      roster: ['alice', '王阿姨'],
      expect: copy(entry(1, 'alice', 1), entry(2, '王阿姨', 1, { by: 'alice' })),
      note: 'the English roster’s 代订 form',
    },
    {
      text: '1. alice ×1\n2. 小红 +1 帮李叔',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '李叔', 1, { by: '小红' })),
      note: 'a new line for someone else, as the roster would show it',
    },
    {
      text: '1. alice ×1\n2. 阿强 ×2\n3. 小红 +2\n合计：共 5 件',
      roster: ROSTER,
      expect: copy(entry(1, 'alice', 1), entry(2, '阿强', 2), entry(3, '小红', 2)),
      note: 'the card’s totals line at the end',
    },
    { text: '1. 几点取货？\n2. 在哪取？', roster: ROSTER, expect: chatter, note: 'a numbered question' },
    {
      text: '1. 想要榴莲\n2. 想要山竹\n3. 想要荔枝',
      roster: ROSTER,
      expect: chatter,
      note: 'a list of wishes',
    },
    { text: '1. bob +1\n2. carol +2', roster: ROSTER, expect: chatter, note: 'names not on this roster' },
    { text: '今天的安排\n1. 买菜\n2. 做饭', roster: [], expect: chatter },
    { text: '1. alice ×1\n2. 还有吗？', roster: ROSTER, expect: chatter },
    {
      text: '1. alice ×1\n2. 小红 +1\n还有人要吗',
      roster: ROSTER,
      expect: chatter,
      note: 'a question after the copy: the leader answers it',
    },
    { text: '1. 小红 +1', roster: [], expect: listed('小红', 1), note: 'the first line of a new roster' },
    {
      text: '3. 小红 2份',
      roster: ['alice', '阿强'],
      expect: listed('小红', 2),
      note: 'adds line 3 without copying',
    },
    { text: '5. 小红 +1', roster: ['alice'], expect: unreadable, note: 'does not continue this roster' },
    { text: '1. 记得带袋子', roster: [], expect: chatter },
    { text: '1. alice ×1\n2. 小红 +1 小份 +1', roster: ROSTER, options: PORTIONS, expect: unreadable },
  ],
  'one more, one less': [
    { text: '再+1', expect: more(1), note: '再: one more on top of the line' },
    { text: '再来一份', expect: more(1) },
    { text: '加1份', expect: more(1), note: '加 with a count word is one more; 加1 alone sets' },
    { text: '再加2盒', expect: more(2) },
    { text: '再要两个', expect: more(2) },
    { text: '多要一份', expect: more(1) },
    { text: '我再来两份', expect: more(2) },
    { text: '大份再来一份', options: PORTIONS, expect: more(1, '大份') },
    { text: '再+1 周六拿', expect: more(1, undefined, '周六拿') },
    { text: '少要一份', expect: less(1) },
    { text: '减1', expect: less(1) },
    { text: '少一份', expect: less(1) },
    { text: '小份少要一份', options: PORTIONS, expect: less(1, '小份') },
    { text: '我也加1', expect: order(1), note: 'the classic +1: counts me, sets the line' },
    { text: '加2 周六拿', expect: order(2, undefined, '周六拿') },
    { text: '再来点', expect: unreadable, note: 'one more, but how many?' },
    { text: '还少一份', expect: chatter, note: 'a shortfall, not an order' },
    { text: '我的少了一份', expect: chatter, note: 'an after-sales complaint' },
  ],
  agreement: [
    { text: '我也觉得+1', expect: chatter },
    { text: '楼上+1', expect: chatter },
    { text: '附议+1', expect: chatter },
    { text: '同意+1', expect: chatter },
    { text: '赞+1', expect: chatter },
    { text: '顶+1', expect: chatter },
    { text: '支持+1', expect: chatter },
    { text: '哈哈哈+1', expect: chatter },
    { text: '+1 哈哈', expect: chatter },
    { text: '+1 我也想问', expect: chatter },
    { text: '+1 同意', expect: chatter },
    { text: '+1 楼上说得对', expect: chatter },
    { text: '下次团榴莲吧+1', expect: chatter, note: 'a vote for a future deal' },
    { text: '+1 辛苦团长', expect: order(1, undefined, '辛苦团长'), note: 'thanks go with an order' },
    { text: '+1 谢谢团长', expect: order(1, undefined, '谢谢团长') },
    { text: '+3 周六来拿', expect: order(3, undefined, '周六来拿') },
    { text: '+1哈', expect: order(1), note: 'a softening 哈 is no laugh' },
    {
      text: '+1 支持团长',
      expect: order(1, undefined, '支持团长'),
      note: 'support for the leader, like 辛苦团长',
    },
    { text: '+2 周六拿吧', expect: order(2, undefined, '周六拿吧'), note: '吧 without a future deal' },
    { text: '好的+1', expect: order(1) },
  ],
  'more forms': [
    { text: '+2小份', expect: order(2, undefined, '小份'), note: 'no options: the size is a note' },
    { text: '2小份', expect: order(2, undefined, '小份') },
    { text: '2小份', options: PORTIONS, expect: order(2, '小份') },
    { text: '➕1', expect: order(1), note: 'the emoji plus, U+2795' },
    { text: '➕2 周六来拿', expect: order(2, undefined, '周六来拿') },
    { text: '+1️⃣', expect: order(1), note: 'a keycap digit, no stray note' },
    { text: '+2️⃣ 周六拿', expect: order(2, undefined, '周六拿') },
    { text: '2️⃣份', expect: order(2) },
    { text: '1+', expect: order(1), note: 'the plus after the number, in a short message' },
    { text: '我也1+', expect: order(1) },
    { text: '小份1+', options: PORTIONS, expect: order(1, '小份') },
    { text: '预定两盒', expect: order(2) },
    { text: '预订2份', expect: order(2) },
    { text: '团长我要2盒', expect: order(2) },
    { text: '草莓两盒', expect: order(2), note: 'a word of the deal’s title before the quantity' },
    { text: '要草莓2盒', expect: order(2) },
    { text: '小份俩', options: PORTIONS, expect: order(2, '小份') },
    { text: '小份，2', options: PORTIONS, expect: order(2, '小份') },
    { text: '大份来两份', options: PORTIONS, expect: order(2, '大份') },
    { text: '5斤的两份', options: WEIGHTS, expect: order(2, '5斤') },
    { text: '要L码2件', options: SIZES, expect: order(2, 'L'), note: '码 after a size letter' },
    { text: '我和楼下各一份5斤', options: WEIGHTS, expect: unreadable, note: 'two people in one message' },
    { text: '1️⃣', expect: chatter, note: 'a number alone' },
    { text: '2小时后到', expect: chatter },
    { text: '今天我们一共来了5个人1+', expect: chatter, note: '1+ ends a sentence' },
    { text: '草莓3个孩子都爱吃', expect: chatter },
  ],
  'zero and proxies': [
    { text: '改成0', expect: cancel(), note: 'changing to nothing withdraws' },
    { text: '改0', expect: cancel() },
    { text: '改为0份', expect: cancel() },
    { text: '小份改0', options: PORTIONS, expect: cancel('小份') },
    { text: '帮王阿姨的不要了', expect: cancelFor('王阿姨') },
    {
      text: '帮邻居王阿姨不要了',
      expect: cancelFor('邻居王阿姨'),
      note: 'the name as written, as +1 帮邻居王阿姨 stored it',
    },
    { text: '-1 帮邻居王阿姨', expect: cancelFor('邻居王阿姨') },
    { text: '替妈妈取消', expect: cancelFor('妈妈') },
    { text: '帮王阿姨小份不要了', options: PORTIONS, expect: cancelFor('王阿姨', '小份') },
    { text: '王阿姨的不要了', expect: chatter, note: 'a withdrawal for someone else needs 帮/替/代' },
    {
      text: '帮张姐改3份',
      expect: { kind: 'order', lines: [line(3)], change: true, for: '张姐' },
      note: '改 ends the name',
    },
    { text: '帮张姐改0', expect: cancelFor('张姐') },
  ],
  'option answers': [
    {
      text: '大份',
      options: PORTIONS,
      expect: answer('大份'),
      note: 'an option name alone answers "which option?"',
    },
    { text: '5斤', options: WEIGHTS, expect: answer('5斤') },
    { text: '要5斤的', options: WEIGHTS, expect: answer('5斤') },
    { text: '10斤的', options: WEIGHTS, expect: answer('10斤') },
    { text: '大份吧', options: PORTIONS, expect: answer('大份') },
    { text: '来大份', options: PORTIONS, expect: answer('大份') },
    { text: 'L', options: SIZES, expect: answer('L') },
    { text: '我要大份', options: PORTIONS, expect: order(1, '大份'), note: 'with 我 it is an order of one' },
    { text: '大份好吃', options: PORTIONS, expect: chatter },
    { text: '5斤太多了', options: WEIGHTS, expect: chatter },
    { text: '大份还有吗', options: PORTIONS, expect: chatter },
  ],
  'full-width': [
    { text: '＋１', expect: order(1) },
    { text: '＋２　周六来拿', expect: order(2, undefined, '周六来拿') },
    { text: 'Ｌ＋１', options: SIZES, expect: order(1, 'L') },
    { text: '＋１　Ｌ', options: SIZES, expect: order(1, 'L') },
    { text: '接龙　２', expect: order(2) },
    { text: '－１', expect: cancel() },
    { text: '＃３　＋２', expect: order(2) },
    { text: '小份＋２，大份＋１', options: PORTIONS, expect: lines(line(2, '小份'), line(1, '大份')) },
    { text: '＋１２', expect: order(12) },
    { text: '要２份！', expect: order(2) },
  ],
  unreadable: [
    { text: '+', expect: unreadable },
    { text: '+几个', expect: unreadable },
    { text: '+很多', expect: unreadable },
    { text: '接龙 很多', expect: unreadable },
    { text: '接龙 几份', expect: unreadable },
    { text: '+1+2', expect: unreadable },
    { text: '+1 +2', expect: unreadable },
    { text: '要两三个', expect: unreadable },
    { text: '两三份', expect: unreadable },
    { text: '+2-3个', expect: unreadable },
    { text: '+1 小份 +1', options: PORTIONS, expect: unreadable, note: 'which option is the second +1 for?' },
    { text: '小份+1 小份+2', options: PORTIONS, expect: unreadable },
    { text: '小份 +1 大份', options: PORTIONS, expect: unreadable },
    { text: '加点', expect: unreadable },
    { text: '再加点', expect: unreadable },
    { text: '+1.5', expect: unreadable },
    { text: '要1.5斤', expect: unreadable },
    { text: '+ 大份', options: PORTIONS, expect: unreadable },
    { text: '15斤+1', options: WEIGHTS, expect: unreadable, note: '15斤 is no option: two quantities' },
    { text: '小份大份都不要了', options: PORTIONS, expect: unreadable },
    { text: '+1 -1', expect: unreadable },
    { text: '要两份，一份帮邻居带', expect: unreadable, note: 'a second quantity in the note' },
  ],
  chatter: [
    { text: '第3件打折吗', expect: chatter },
    { text: '几点取货？', expect: chatter },
    { text: '+1 可以吗？', expect: chatter, note: 'a question is never an order: the leader answers it' },
    { text: '2+2=4', expect: chatter },
    { text: '1+1=2', expect: chatter },
    { text: '1+1', expect: chatter },
    { text: '+86 13800138000', expect: chatter },
    { text: '+8613800138000', expect: chatter },
    { text: '13800138000', expect: chatter },
    { text: '+86 138 0013 8000', expect: chatter },
    { text: '12月5日', expect: chatter },
    { text: '12-05', expect: chatter },
    { text: '2024-12-05', expect: chatter },
    { text: '12/5', expect: chatter },
    { text: '20:00', expect: chatter },
    { text: '明天20:00到货', expect: chatter },
    { text: '39.9元', expect: chatter },
    { text: '¥59', expect: chatter },
    { text: '59元一份', expect: chatter },
    { text: '+1 for this idea', expect: chatter },
    { text: '+1 to that', expect: chatter },
    { text: '+1 good idea', expect: chatter },
    { text: '我家3个孩子都爱吃', expect: chatter },
    { text: 'https://example.com/item/12 +1', expect: chatter },
    { text: '还剩5份', expect: chatter },
    { text: '还要两个就成团', expect: chatter },
    { text: '一共30份', expect: chatter },
    { text: '成团了！30份', expect: chatter },
    { text: '已经20份了', expect: chatter },
    { text: '3个人拼一份', expect: chatter },
    { text: '买2送1', expect: chatter },
    { text: '好的', expect: chatter },
    { text: '谢谢团长', expect: chatter },
    { text: '收到', expect: chatter },
    { text: '哈哈哈', expect: chatter },
    { text: '明天3点来拿', expect: chatter },
    { text: '两个小时后到', expect: chatter },
    { text: '八点半到', expect: chatter },
    { text: '加个微信', expect: chatter },
    { text: '加油', expect: chatter },
    { text: '接龙吧', expect: chatter },
    { text: '开始接龙了', expect: chatter },
    { text: '接龙了吗', expect: chatter },
    { text: '退出群聊', expect: chatter },
    { text: '列表呢', expect: chatter },
    { text: '不要', expect: chatter, note: 'too common a word on its own' },
    { text: '大份的草莓很甜', options: PORTIONS, expect: chatter, note: 'an option name inside chatter' },
    { text: '小份好吃吗', options: PORTIONS, expect: chatter },
    { text: '10斤的还有吗', options: WEIGHTS, expect: chatter },
    { text: '3号楼的快递到了', expect: chatter },
    { text: '还有3天', expect: chatter },
    { text: '这个多少钱一斤', expect: chatter },
    { text: '今天到了3箱', expect: chatter },
    { text: '上次的草莓很甜，我家孩子说还要+1，下次还买', expect: chatter, note: 'a sentence around +1' },
    { text: '要不要再开一团', expect: chatter },
    { text: '#3 #4 +1', expect: chatter, note: 'two deal codes' },
    { text: '用50分', expect: chatter },
    { text: '+1 用50分 用60分', expect: chatter },
    { text: '接龙 2 3 4', expect: chatter },
    { text: '我也要', expect: chatter, note: 'no quantity: the leader may answer' },
    { text: '100', expect: chatter },
    { text: '二十', expect: chatter },
    { text: '大家好，我是3号楼的小李', expect: chatter },
    { text: '订单号 20241205001', expect: chatter },
    { text: '体温36.5度', expect: chatter },
    { text: '打5折', expect: chatter },
    { text: '2个人', expect: chatter },
    { text: '两个都很好吃', expect: chatter },
    { text: '改天再说', expect: chatter },
    { text: '', expect: chatter },
    { text: '   ', expect: chatter },
    { text: '今天天气真好', expect: chatter },
  ],
};

/** Every case, in group order. */
export const PHRASINGS: Phrasing[] = Object.values(PHRASING_GROUPS).flat();
