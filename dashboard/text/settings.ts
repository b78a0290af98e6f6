import { defineMessages } from '../../src/core/i18n/index.js';

/**
 * Wording of the dashboard's Settings page. What each setting is for comes from /settings' own
 * help (commands/settings-text.ts settingHelp), and a refused value is answered by /settings
 * itself, so the page and the chat say the same.
 */
export const settingsPageText = defineMessages('dashboard-settings', {
  en: {
    title: 'Settings',
    intro: 'Each change runs /settings as you, checked exactly as in the chat; the group sees nothing.',
    colSetting: 'Setting',
    colHelp: 'What it does',
    colValue: 'Now',
    colDefault: 'Default',
    colChange: 'Change',
    isDefault: 'default',
    save: 'Save',
    unknown: (key: string) => `There is no setting ${key}; nothing was changed.`,
  },
  zh: {
    title: '设置',
    intro: '每次修改都以你的身份执行「设置」命令，检查方式与群聊中完全相同；群里不会收到消息。',
    colSetting: '设置项',
    colHelp: '说明',
    colValue: '当前值',
    colDefault: '默认值',
    colChange: '修改',
    isDefault: '默认',
    save: '保存',
    unknown: (key: string) => `没有设置项 ${key}，未做任何更改。`,
  },
});
