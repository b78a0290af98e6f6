import { defineMessages } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';

/**
 * Wording of deals' product photos (`/deal new` with a picture, `/deal edit #3 photo`). A Chinese
 * group is shown the Chinese keywords (`改团 #3 图片`), never the English slash forms.
 */
export const dealPhotoText = defineMessages('dealPhotos', {
  en: {
    notPhotoWord: (word: string) =>
      `"${word}" is not a photo word: write photo (then send the pictures) or photo=none. A category with spaces goes in quotes (category="水果 生鲜") or with commas (category=水果,生鲜). Nothing changed.`,
    sendPhotos: (no: number, minutes: number, max: number) =>
      `Send the photos of #${no} within ${count(minutes, 'minute', 'minutes')} (at most ${max}): the first replaces all the deal's photos, the next are added.`,
    kept: (no: number, n: number, max: number) =>
      `Photo ${n} of at most ${max} kept for #${no}; the card shows the first.`,
    full: (no: number, max: number) =>
      `#${no} already has ${count(max, 'photo', 'photos')}, the most a deal keeps; this one was not kept. To start again: /deal edit #${no} photo=none`,
    tooMany: (max: number, kept: number) =>
      `A deal keeps at most ${count(max, 'photo', 'photos')}: only the first ${kept} of these were kept.`,
    removed: (no: number, n: number) =>
      `${count(n, 'photo', 'photos')} removed from #${no}; the card is text again.`,
    none: (no: number) => `#${no} has no photos.`,
    // What a refused picture leaves as it was.
    dealNotOpened: 'The deal was not opened: send the command again with another picture, or without one.',
    photosUnchanged: 'The deal’s photos stay as they were.',
    // A refused `/deal new` or `/deal edit #3 photo` that came with pictures: they go to no one else.
    picturesNotKept: 'The pictures sent with it were not kept.',
    // An admin's picture alone, soon after opening a deal without photos (WeChat cannot caption one).
    sendCommandFirst: (no: number) =>
      `That picture was not kept: to make it a photo of #${no}, send /deal edit #${no} photo first, then the pictures.`,
    // The old card, once the card was posted again with its new photo (or without one).
    moved: (no: number) => `🛒 #${no}: this card moved to a new message below (its photo changed).`,
  },
  zh: {
    notPhotoWord: (word: string) =>
      `“${word}”不是图片参数：请写“图片”（再发送图片）或“图片=无”。多个分类请用逗号或顿号分隔（分类=水果、生鲜），含空格时加引号（分类="水果 生鲜"）。未做任何修改。`,
    sendPhotos: (no: number, minutes: number, max: number) =>
      `请在 ${minutes} 分钟内发送 #${no} 的商品图片（最多 ${max} 张）：第一张替换该团购原有的全部图片，之后的依次添加。`,
    kept: (no: number, n: number, max: number) =>
      `#${no} 已收到第 ${n} 张图片（最多 ${max} 张），卡片显示第一张。`,
    full: (no: number, max: number) =>
      `#${no} 已有 ${max} 张图片，已达上限，这张未保存。如需重新上传：改团 #${no} 图片=无`,
    tooMany: (max: number, kept: number) => `每个团购最多保存 ${max} 张图片，这次只保存了前 ${kept} 张。`,
    removed: (no: number, n: number) => `已删除 #${no} 的 ${n} 张图片，卡片恢复为纯文字。`,
    none: (no: number) => `#${no} 没有图片。`,
    dealNotOpened: '团购未开：请换一张图片重新发送命令，或不带图片发送。',
    photosUnchanged: '团购图片保持不变。',
    picturesNotKept: '随命令发送的图片未保存。',
    sendCommandFirst: (no: number) =>
      `这张图片未保存：如要作为 #${no} 的商品图片，请先发送“改团 #${no} 图片”，再发送图片。`,
    moved: (no: number) => `🛒 #${no}：卡片已移到下方新消息（图片已更换）。`,
  },
});
