/** Chinese names for the demo company: common surnames and given names, and a few rare characters. */
import { pick } from './random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余', '欧阳', '司马', '诸葛'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '晨', '宇轩', '梓涵', '一诺', '浩然', '欣怡', '子墨', '雨桐', '思远', '嘉怡', '俊杰', '佳琪', '晓东', '海燕', '志强', '丹', '鑫', '博', '婷', '昊', '睿'];
/** Characters outside the common set that a report must still print (CJK Extension B and rare forms). */
const RARE = ['𠮷', '䶮', '龘', '堃', '喆', '赟', '昇', '玥'];

export function chineseName(rand: () => number, index: number): string {
  // Every 37th person has a rare character: they exist in real companies and break naive fonts.
  const given = index % 37 === 5 ? pick(rand, RARE) + (rand() < 0.5 ? pick(rand, GIVEN) : '') : pick(rand, GIVEN) + (rand() < 0.4 ? pick(rand, GIVEN).slice(0, 1) : '');
  return pick(rand, SURNAMES) + given;
}
