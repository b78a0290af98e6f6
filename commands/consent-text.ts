import { defineMessages } from '../src/core/i18n/index.js';

/**
 * Wording of the purposes a member allows (/privacy, /privacy on|off, the buttons). What each
 * purpose uses and does is versioned: change a purpose's `…Uses` or `…Does` text and bump its
 * version in PURPOSE_VERSIONS (src/services/consent.ts), so each ledger entry says which wording
 * the member saw. `…Word` is what members type (and what the buttons and hints show).
 */
export const consentText = defineMessages('consent', {
  en: {
    historyName: 'Recommendations from your order history',
    historyWord: 'history',
    historyUses: 'Uses the categories of the deals you ordered.',
    historyDoes:
      '/deals marks matching deals and lists them first, for you only; prices stay the same for all.',
    historyOnNow: 'Send /deals to see it.',
    historyOffNow: '/deals is now the list everyone sees.',
    offersName: 'Private offers',
    offersWord: 'offers',
    offersUses: 'Uses the categories you subscribe to (/subscribe).',
    /** `cap`: the group's offers.daily_cap, the number /subscribe's answer says too. */
    offersDoes: (cap: number) =>
      cap === 0
        ? 'A private message when a deal of such a category opens; this group has private offers turned off now (offers.daily_cap=0).'
        : `A private message when a deal of such a category opens, at most ${cap} a day.`,
    offersOnNow: 'Offers come for the categories you subscribe to (/subscribe).',
    offersOffNow: 'No more private offers are sent to you.',
    leaderboardName: 'Your name on the leaderboard',
    leaderboardWord: 'leaderboard',
    leaderboardUses: 'Uses your name and the points you earned.',
    leaderboardDoes: '/top shows you to the group.',
    leaderboardOnNow: 'You appear on /top.',
    leaderboardOffNow: 'Your name is off /top from now on.',
    reviewsName: 'Public reviews',
    reviewsWord: 'reviews',
    reviewsUses: 'Uses your reviews (name, stars, words, photo).',
    reviewsDoes: 'Shown to the group under your name; while off, only the organiser sees them.',
    reviewsOnNow: 'Your reviews are shown to the group under your name.',
    reviewsOffNow: 'Your reviews are shown to the organiser only from now on.',
    header: (group: string) => `Your choices in ${group} (each is off until you turn it on):`,
    itemOn: (what: string) => `✅ ${what}: on`,
    itemOff: (what: string) => `⬜ ${what}: off`,
    footer:
      'Change one: /privacy on history, /privacy off history · every one off: /privacy off all. Ordering never depends on these. What is stored and why: /privacy data',
    nowOn: (what: string, group: string) => `${what}: now on in ${group}.`,
    nowOff: (what: string, group: string) => `${what}: now off in ${group}.`,
    alreadyOn: (what: string, group: string) => `${what} was already on in ${group}; nothing changed.`,
    alreadyOff: (what: string, group: string) => `${what} was already off in ${group}; nothing changed.`,
    allOff: (group: string) => `Every use is now off in ${group}.`,
    allAlreadyOff: (group: string) => `Every use was already off in ${group}; nothing changed.`,
    onLabel: 'On:',
    offLabel: 'Off:',
    named: (what: string, word: string) => `${what} (${word})`,
    undoOn: (word: string) => `/privacy off ${word} turns it off again.`,
    undoOff: (word: string) => `/privacy on ${word} turns it on again.`,
    badPurpose: (word: string) =>
      `There is no use called “${word}”. Name one of: history, offers, leaderboard, reviews (e.g. /privacy on history). Nothing was changed.`,
    noPurposeOn:
      'Name the use to turn on: history, offers, leaderboard or reviews (e.g. /privacy on history). Nothing was changed.',
    noPurposeOff:
      'Name the use to turn off: history, offers, leaderboard, reviews, or all (e.g. /privacy off all). Nothing was changed.',
    badAction: (word: string) =>
      `“${word}” is not something /privacy does: /privacy shows your choices, /privacy on history or /privacy off history changes one, /privacy data says what is stored. Nothing was changed.`,
    onAllRefused:
      'Turn uses on one at a time, so each is your own choice: e.g. /privacy on history. (/privacy off all turns every one off at once.) Nothing was changed.',
    noGroup: 'You are not in a group with me yet, so there is nothing to choose.',
    buttonOn: (word: string) => `Turn on ${word}`,
    buttonOff: (word: string) => `Turn off ${word}`,
    // A private chat of a member of several groups: a grant names its group (consent is specific).
    buttonOnIn: (word: string, group: string) => `Turn on ${word} in ${group}`,
    buttonOffIn: (word: string, group: string) => `Turn off ${word} in ${group}`,
    footerSeveral: (word: string, group: string) =>
      `Here, name the group to turn one on: /privacy on ${word} ${group}. /privacy off ${word} without a group turns it off in all of them.`,
    chooseGroup: (word: string, group: string, groups: string) =>
      `You are in more than one group with me: name the one to turn ${word} on in, e.g. /privacy on ${word} ${group}. Your groups: ${groups}. Nothing was changed.`,
    noSuchGroup: (name: string, groups: string) =>
      `You are in no group called “${name}” with me. Your groups: ${groups}. Nothing was changed.`,
    sameName: (name: string) =>
      `More than one of your groups is called “${name}”: use the buttons of /privacy, which are per group. Nothing was changed.`,
    otherGroupHere: (here: string, other: string) =>
      `Here /privacy changes your choices in ${here} only; to change them in ${other}, send it to me privately. Nothing was changed.`,
  },
  zh: {
    historyName: '购买记录推荐',
    historyWord: '推荐',
    historyUses: '使用你下过单的团购分类。',
    historyDoes: '在“团购”列表中把相符的团购标出并排在前面，只给你看；价格对所有人都一样。',
    historyOnNow: '发“团购”即可看到。',
    historyOffNow: '“团购”列表从现在起与其他人看到的相同。',
    offersName: '私信优惠',
    offersWord: '私信优惠',
    offersUses: '使用你订阅的分类（发“订阅”）。',
    offersDoes: (cap: number) =>
      cap === 0
        ? '这些分类的团购开团时私信通知你；本群目前已关闭私信优惠（每日私信优惠上限=0）。'
        : `这些分类的团购开团时私信通知你，每天最多 ${cap} 条。`,
    offersOnNow: '你订阅的分类（发“订阅”）有团购开团时会私信通知你。',
    offersOffNow: '从现在起不再私信你优惠。',
    leaderboardName: '排行榜',
    leaderboardWord: '排行榜',
    leaderboardUses: '使用你的昵称和获得的积分。',
    leaderboardDoes: '在“排行榜”中向本群显示你。',
    leaderboardOnNow: '你会出现在“排行榜”中。',
    leaderboardOffNow: '从现在起你的名字不再出现在排行榜上。',
    reviewsName: '公开评价',
    reviewsWord: '公开评价',
    reviewsUses: '使用你的评价（昵称、星级、文字、照片）。',
    reviewsDoes: '以你的名字展示给本群；关闭时只有团长能看到。',
    reviewsOnNow: '你的评价会以你的名字展示给本群。',
    reviewsOffNow: '从现在起你的评价只给团长看。',
    header: (group: string) => `你在「${group}」的授权（每项默认关闭，由你自己开启）：`,
    itemOn: (what: string) => `✅ ${what}：已开启`,
    itemOff: (what: string) => `⬜ ${what}：已关闭`,
    footer:
      '更改一项：隐私 开启 推荐、隐私 关闭 推荐 · 全部关闭：隐私 关闭 全部。下单从不受这些选项影响。存储哪些数据及原因：隐私 数据',
    nowOn: (what: string, group: string) => `${what}：已在「${group}」开启。`,
    nowOff: (what: string, group: string) => `${what}：已在「${group}」关闭。`,
    alreadyOn: (what: string, group: string) => `${what}在「${group}」本来就是开启的，未做更改。`,
    alreadyOff: (what: string, group: string) => `${what}在「${group}」本来就是关闭的，未做更改。`,
    allOff: (group: string) => `你在「${group}」的所有用途已全部关闭。`,
    allAlreadyOff: (group: string) => `你在「${group}」的所有用途本来就是关闭的，未做更改。`,
    onLabel: '开启：',
    offLabel: '关闭：',
    named: (what: string, word: string) => `${what}（${word}）`,
    undoOn: (word: string) => `发“隐私 关闭 ${word}”可再关闭。`,
    undoOff: (word: string) => `发“隐私 开启 ${word}”可再开启。`,
    badPurpose: (word: string) =>
      `没有“${word}”这一项。可选：推荐、私信优惠、排行榜、公开评价（例如：隐私 开启 推荐）。未做任何更改。`,
    noPurposeOn:
      '请写明要开启哪一项：推荐、私信优惠、排行榜或公开评价（例如：隐私 开启 推荐）。未做任何更改。',
    noPurposeOff:
      '请写明要关闭哪一项：推荐、私信优惠、排行榜、公开评价，或全部（例如：隐私 关闭 全部）。未做任何更改。',
    badAction: (word: string) =>
      `“${word}”不是隐私命令的用法：发“隐私”查看你的选择，“隐私 开启 推荐”或“隐私 关闭 推荐”更改一项，“隐私 数据”查看存储哪些数据。未做任何更改。`,
    onAllRefused:
      '请逐项开启，每一项都由你自己决定：例如“隐私 开启 推荐”。（“隐私 关闭 全部”可一次全部关闭。）未做任何更改。',
    noGroup: '你还没有和我在同一个群里，没有需要选择的。',
    buttonOn: (word: string) => `开启 ${word}`,
    buttonOff: (word: string) => `关闭 ${word}`,
    buttonOnIn: (word: string, group: string) => `在「${group}」开启 ${word}`,
    buttonOffIn: (word: string, group: string) => `在「${group}」关闭 ${word}`,
    footerSeveral: (word: string, group: string) =>
      `在这里开启某项时请写明群名：隐私 开启 ${word} ${group}。“隐私 关闭 ${word}”不写群名则在所有群关闭。`,
    chooseGroup: (word: string, group: string, groups: string) =>
      `你和我在多个群里：请写明在哪个群开启${word}，例如“隐私 开启 ${word} ${group}”。你的群：${groups}。未做任何更改。`,
    noSuchGroup: (name: string, groups: string) =>
      `你和我没有名为“${name}”的群。你的群：${groups}。未做任何更改。`,
    sameName: (name: string) => `你有不止一个群叫“${name}”：请用“隐私”列表中按群分开的按钮。未做任何更改。`,
    otherGroupHere: (here: string, other: string) =>
      `在这里“隐私”只更改你在「${here}」的选择；要更改「${other}」的，请私聊我发送。未做任何更改。`,
  },
});
