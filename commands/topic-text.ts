import { count, defineMessages } from '../src/core/i18n/index.js';
import type { CronProblem } from '../src/jobs/cron.js';
import type { StarterTopic } from '../src/services/topics.js';

type Starters = Record<StarterTopic, string>;

const startersEn: Starters = {
  next_buy: 'What should we buy together next week? Reply with your ideas 🛒',
  best_buy: 'Which of our group buys did you like best so far, and why?',
  pickup: 'Are the pickup point and times working for you? Anything we could do better?',
  recipe: 'Share a quick recipe or tip for something you bought here 🍳',
  wishlist: '{open_deals} deals are open right now. Which local product would you love us to find next?',
};

const startersZh: Starters = {
  next_buy: '下周大家想一起团点什么？回复说说你的想法 🛒',
  best_buy: '到目前为止，你最喜欢我们哪一次团购？为什么？',
  pickup: '自提点和取货时间方便吗？有什么可以改进的？',
  recipe: '分享一个用团购好物做的快手菜或小技巧吧 🍳',
  wishlist: '现在有 {open_deals} 个团购在进行。你最希望我们下次找到哪种本地好物？',
};

function cronProblemEn(p: CronProblem): string {
  if (p.code === 'fields')
    return `a schedule has 5 fields (minute hour day month weekday), this has ${p.count}`;
  if (p.code === 'too_often')
    return `prompts can be at most one every ${count(p.minMinutes, 'minute', 'minutes')}`;
  return p.detail;
}

function cronProblemZh(p: CronProblem): string {
  if (p.code === 'fields') return `定时表达式需要 5 段（分 时 日 月 周），这里有 ${p.count} 段`;
  if (p.code === 'too_often') return `话题最多每 ${p.minMinutes} 分钟发一次`;
  // The cron library explains in English only; a Chinese group gets the gist.
  return '格式无法识别';
}

/** Wording of topic prompts, in both languages. */
export const topicText = defineMessages('topics', {
  en: {
    starter: (key: StarterTopic) => startersEn[key],
    prompt: (text: string, points: number, minutes: number) =>
      `💬 Topic: ${text}${points > 0 ? `\n(Reply within ${minutes} min: +${count(points, 'point', 'points')})` : ''}`,
    added: (no: number) => `Added topic ${no} to the pool.`,
    unknownVariables: (names: string, known: string) =>
      `Unknown variable ${names}. You can use: ${known}. Nothing was added.`,
    poolFull: (max: number) =>
      `The pool is full (${count(max, 'prompt', 'prompts')}). Remove one first with /topic remove N.`,
    removed: (no: number) => `Removed topic ${no}.`,
    notFound: (no: number) => `There is no topic ${no}. See /topic list.`,
    nothingToPost:
      'Nothing to post: the pool is empty, or every prompt needs an open deal. Add one with /topic add "TEXT".',
    listHeader: (schedule: string) => `Topic prompts, next first (schedule: ${schedule}):`,
    emptyPool: 'The pool is empty. Add a prompt with /topic add "TEXT".',
    next: '← next',
    used: '(used)',
    off: 'off',
    scheduleLine: (expression: string, next: string, tz: string) => `${expression}, next ${next} (${tz})`,
    scheduled: (expression: string, next: string, tz: string) =>
      `Topic prompts scheduled: ${expression}. Next one at ${next} (${tz}).`,
    badSchedule: (reason: string) =>
      `That schedule is not valid: ${reason}. Use a cron expression like "0 20 * * *" (every day at 20:00) or daily 20:00. Nothing was changed.`,
    turnedOff: 'Scheduled topic prompts are off. /topic now still posts one.',
  },
  zh: {
    starter: (key: StarterTopic) => startersZh[key],
    prompt: (text: string, points: number, minutes: number) =>
      `💬 话题：${text}${points > 0 ? `\n（${minutes} 分钟内回复：+${points} 积分）` : ''}`,
    added: (no: number) => `已添加话题 ${no}。`,
    unknownVariables: (names: string, known: string) => `未知变量 ${names}。可用：${known}。未添加。`,
    poolFull: (max: number) => `话题库已满（${max} 条）。请先发“话题 删除 编号”删除一条。`,
    removed: (no: number) => `已删除话题 ${no}。`,
    notFound: (no: number) => `没有话题 ${no}。发“话题”查看话题库。`,
    nothingToPost: '没有可发的话题：话题库为空，或每条都需要有进行中的团购。发“话题 添加 内容”添加一条。',
    listHeader: (schedule: string) => `话题库（下一条在最前；定时：${schedule}）：`,
    emptyPool: '话题库为空。发“话题 添加 内容”添加一条。',
    next: '← 下一条',
    used: '（已用）',
    off: '关闭',
    scheduleLine: (expression: string, next: string, tz: string) => `${expression}，下次 ${next}（${tz}）`,
    scheduled: (expression: string, next: string, tz: string) =>
      `已设置定时话题：${expression}。下一次：${next}（${tz}）。`,
    badSchedule: (reason: string) =>
      `定时设置无效：${reason}。请用“每天 20:00”，或五段定时表达式如 "0 20 * * *"（分 时 日 月 周）。未做任何更改。`,
    turnedOff: '定时话题已关闭。发“发话题”仍可立即发一条。',
  },
});

export function cronProblem(locale: 'en' | 'zh', problem: CronProblem): string {
  return locale === 'zh' ? cronProblemZh(problem) : cronProblemEn(problem);
}
