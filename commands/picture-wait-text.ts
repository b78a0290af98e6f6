import { defineMessages } from '../src/core/i18n/index.js';

/**
 * What a picture was taken as, when more than one request waited for it (picture-waits.ts): the
 * newest took it, the others still wait. One text per kind of request (PictureKind).
 */
export const pictureWaitText = defineMessages('pictureWaits', {
  en: {
    ticket: 'That picture was kept as a photo of your after-sales ticket (your latest request).',
    proof: 'That picture was kept as the screenshot of your payment claim (your latest request).',
    review: 'That picture was kept as the photo of your review (your latest request).',
    deal: 'That picture was kept as a deal photo (your latest request).',
    setup: 'That picture was kept as the payment code (your latest request).',
  },
  zh: {
    ticket: '这张图片已作为你售后单的照片保存（你最近的一次请求）。',
    proof: '这张图片已作为你的付款截图保存（你最近的一次请求）。',
    review: '这张图片已作为你评价的照片保存（你最近的一次请求）。',
    deal: '这张图片已作为团购商品图片保存（你最近的一次请求）。',
    setup: '这张图片已作为收款码保存（你最近的一次请求）。',
  },
});
