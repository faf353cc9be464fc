package org.yibao.lake.generate;

import java.util.SplittableRandom;

/** Pools of fictional Chinese place and person names. */
final class Names {
  private Names() {
  }

  static final String PROVINCE = "南岭省";

  private static final String[] CITY_STEMS = {"云岭", "青川", "白水", "石门", "金沙", "枫林", "松涛", "临江", "月湖",
      "丹霞", "翠屏", "鹤鸣", "龙泉", "玉溪台", "桂阳"};

  private static final String[] COUNTY_FIRST = {"青", "石", "安", "平", "永", "长", "新", "宁", "清", "东", "西", "南",
      "北", "丰", "兴", "泰", "和", "福", "乐", "富", "宜", "崇", "德", "武", "文", "庆", "瑞", "祥", "盛", "广"};
  private static final String[] COUNTY_SECOND = {"山", "河", "源", "阳", "溪", "田", "丰", "川", "林", "化", "宁", "远",
      "昌", "江", "水", "城", "义", "安", "岭", "坪", "乡", "平", "峰", "湾"};

  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
      "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
      "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "欧阳"};
  private static final String GIVEN_MALE = "伟强军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳磊国建志文";
  private static final String GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲桂英秀兰梅琳萍红华婷雪慧莉倩颖洁琴云莹晶欣悦";

  static String city(int i) {
    return CITY_STEMS[i % CITY_STEMS.length] + (i >= CITY_STEMS.length ? String.valueOf(i / CITY_STEMS.length) : "")
        + "市";
  }

  /** A county name unique by index; the urban district of a city is a 区, others 县. */
  static String county(int i, boolean district) {
    String stem = COUNTY_FIRST[i % COUNTY_FIRST.length]
        + COUNTY_SECOND[(i / COUNTY_FIRST.length + i * 7) % COUNTY_SECOND.length];
    if (i >= COUNTY_FIRST.length * COUNTY_SECOND.length) {
      stem += i;
    }
    return stem + (district ? "区" : "县");
  }

  static String township(String countyStem, int i) {
    return countyStem + COUNTY_FIRST[(i * 11 + 3) % COUNTY_FIRST.length] + COUNTY_SECOND[(i * 5 + 1)
        % COUNTY_SECOND.length] + "镇";
  }

  static String person(SplittableRandom rng, boolean male) {
    String surname = SURNAMES[rng.nextInt(SURNAMES.length)];
    String pool = male ? GIVEN_MALE : GIVEN_FEMALE;
    StringBuilder sb = new StringBuilder(surname).append(pool.charAt(rng.nextInt(pool.length())));
    if (rng.nextInt(10) < 7) {
      sb.append(pool.charAt(rng.nextInt(pool.length())));
    }
    return sb.toString();
  }

  /** The name without its trailing 县/区/市, for institution names. */
  static String stem(String placeName) {
    return placeName.substring(0, placeName.length() - 1);
  }
}
