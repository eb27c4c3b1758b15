// Words for synthetic people, enterprises and projects: common Sichuan surnames and given-name characters,
// Yi and Tibetan names (written with the middle dot, as registries do), and company and project words.

import type { Rng } from './prng.js';

// Roughly by frequency in Sichuan (王 李 张 刘 陈 杨 黄 赵 周 吴 …); the weights only need to look plausible.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 70], ['李', 70], ['张', 65], ['刘', 60], ['陈', 60], ['杨', 45], ['黄', 30], ['赵', 28], ['周', 27],
  ['吴', 25], ['徐', 20], ['孙', 18], ['胡', 18], ['朱', 17], ['高', 16], ['林', 12], ['何', 22], ['郭', 14],
  ['罗', 22], ['马', 12], ['梁', 10], ['宋', 10], ['郑', 10], ['谢', 12], ['韩', 8], ['唐', 14], ['冯', 9],
  ['于', 6], ['董', 8], ['萧', 4], ['程', 8], ['曹', 8], ['袁', 10], ['邓', 12], ['许', 8], ['傅', 6],
  ['沈', 5], ['曾', 10], ['彭', 10], ['吕', 5], ['苏', 6], ['卢', 6], ['蒋', 9], ['蔡', 6], ['贾', 4],
  ['丁', 5], ['魏', 6], ['薛', 4], ['叶', 5], ['阎', 2], ['余', 8], ['潘', 5], ['杜', 7], ['戴', 4],
  ['夏', 4], ['钟', 6], ['汪', 4], ['田', 6], ['任', 6], ['姜', 4], ['范', 5], ['方', 4], ['石', 5],
  ['姚', 4], ['谭', 6], ['廖', 7], ['邹', 4], ['熊', 5], ['金', 3], ['陆', 3], ['郝', 2], ['孔', 2],
  ['白', 3], ['崔', 2], ['康', 3], ['毛', 4], ['邱', 5], ['秦', 3], ['江', 4], ['史', 3], ['顾', 2],
  ['侯', 3], ['邵', 2], ['孟', 2], ['龙', 4], ['万', 3], ['段', 3], ['雷', 5], ['钱', 2], ['汤', 3],
  ['尹', 3], ['黎', 3], ['易', 3], ['常', 2], ['武', 2], ['乔', 2], ['贺', 3], ['赖', 3], ['龚', 3],
  ['文', 4], ['敬', 2], ['蒲', 2], ['母', 1], ['税', 1], ['鲜', 1], ['苟', 2], ['向', 3], ['冉', 2],
];

const MALE_CHARS = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆亮成建国兵林峰海志东斌文博翔龙洪祥春松彬川蜀树德中';
const FEMALE_CHARS = '芳娟敏静丽艳娜秀英慧莉燕霞玲婷雪琳蓉梅兰萍红琴佳颖倩洁丹璐晓月欣雯';
const SHARED_CHARS = '小家子思一云永世宏德春秋金志晓天泽';

// 凉山 Yi names: clan name · given name.
const YI_CLANS = ['吉克', '阿牛', '沙马', '马海', '阿苦', '吉伍', '勒格', '海来', '俄底', '瓦其', '阿说', '曲比', '吉木', '阿尔'];
const YI_GIVEN_M = ['木呷', '石布', '拉且', '日哈', '伍呷', '尔古', '金格', '子日', '阿果', '达体', '拉哈'];
const YI_GIVEN_F = ['阿依', '史薇', '阿呷', '么么', '尔妞', '日作', '阿芝', '伍各'];
// 甘孜 / 阿坝 Tibetan names, two parts, written with the dot in many registries.
const TIBETAN_A = ['扎西', '泽仁', '次仁', '格桑', '降央', '洛绒', '益西', '尼玛', '仁青', '拥措'];
const TIBETAN_B_M = ['多吉', '邓珠', '尼玛', '彭措', '旺堆', '洛布', '达瓦'];
const TIBETAN_B_F = ['拉姆', '卓玛', '央宗', '曲珍', '措姆', '志玛'];

/** A plausible name for a person born in the given city (minority names in the three prefectures). */
export function personName(rng: Rng, cityCode: string, male: boolean): string {
  if (cityCode === '513400' && rng.chance(0.3)) {
    return rng.pick(YI_CLANS) + '·' + rng.pick(male ? YI_GIVEN_M : YI_GIVEN_F);
  }
  if ((cityCode === '513300' || cityCode === '513200') && rng.chance(0.3)) {
    return rng.pick(TIBETAN_A) + '·' + rng.pick(male ? TIBETAN_B_M : TIBETAN_B_F);
  }
  const surname = rng.weighted(SURNAMES);
  const pool = male ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.chance(0.25) ? rng.pick([...SHARED_CHARS]) : rng.pick([...pool]);
  if (rng.chance(0.3)) return surname + rng.pick([...pool]);
  return surname + first + rng.pick([...pool]);
}

const WORD_A = [...'蜀川锦华金宏鼎恒泰兴众嘉远正瑞安德信盛达通博汇鑫宇诚昌丰润峨巴天新中永'];
const WORD_B = [...'信盛城达通建安泰诚源宇鸿基业发和顺科捷阳辉远强利恒邦固'];
const COMPANY_KINDS: readonly (readonly [string, number])[] = [
  ['建设工程有限公司', 40],
  ['建筑工程有限公司', 30],
  ['建筑安装工程有限公司', 8],
  ['市政工程有限公司', 6],
  ['路桥工程有限公司', 4],
  ['建工集团有限公司', 4],
  ['土木工程有限公司', 4],
  ['建设集团有限公司', 4],
];

/** 四川蜀信建设工程有限公司, 绵阳恒达建筑工程有限公司, … (uniqueness is the caller's business). */
export function companyName(rng: Rng, cityShort: string): string {
  const prefix = rng.chance(0.55) ? '四川' : cityShort;
  return prefix + rng.pick(WORD_A) + rng.pick(WORD_B) + rng.weighted(COMPANY_KINDS);
}

export function trainingInstitutionName(rng: Rng, cityShort: string, n: number): string {
  return n === 0
    ? `${cityShort}市建设职业技能培训学校`.replace('州市', '州')
    : `四川${rng.pick(WORD_A)}${rng.pick(WORD_B)}建筑安全培训中心`;
}

export function examInstitutionName(cityShort: string): string {
  return `四川省建设工程考试中心${cityShort}考试服务站`;
}

const PLACE_A = [...'天锦金翠新南北东西龙凤桂兰滨江湖阳光春华'];
const PLACE_B = ['府', '城', '苑', '园', '湾', '庭', '都', '岸', '郡', '里'];
const PROJECT_KINDS = [
  '住宅小区工程', '安置房项目', '商业综合体工程', '市政道路改造工程', '学校教学楼工程', '人民医院住院楼工程',
  '标准化厂房项目', '污水处理厂工程', '老旧小区改造项目', '桥梁工程', '综合管廊工程', '体育中心工程',
];
const PHASES = ['', '', '', '一期', '二期', '三期', '（一标段）', '（二标段）'];

/** 锦江区天府花园二期住宅小区工程 style project names. */
export function projectName(rng: Rng, countyName: string): string {
  return countyName + rng.pick(PLACE_A) + rng.pick(PLACE_B) + rng.pick(PHASES) + rng.pick(PROJECT_KINDS);
}
