// The verdicts of the look-alike check, in words (shared with the web app: no Node imports here).

export type WebsiteVerdict = 'official' | 'government' | 'lookalike' | 'unrelated' | 'invalid';

export const VERDICT_TEXT: Record<WebsiteVerdict, string> = {
  official: '官方网站',
  government: '政府网站（未在官方名录中）',
  lookalike: '疑似仿冒',
  unrelated: '非官方网站',
  invalid: '网址无效',
};
