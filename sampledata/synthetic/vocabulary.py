"""Word lists: invented names in the shape of the real ones.

Each entry that readers see in two languages is an (English, native) pair.
"""

from forums.models import SessionKind, TalkKind

CITIES = [
    # (city, native, region)
    ("Weihai", "威海", "Shandong, China"),
    ("Qingdao", "青岛", "Shandong, China"),
    ("Jinan", "济南", "Shandong, China"),
    ("Zibo", "淄博", "Shandong, China"),
    ("Ningde", "宁德", "Fujian, China"),
    ("Xiamen", "厦门", "Fujian, China"),
    ("Fuzhou", "福州", "Fujian, China"),
    ("Changzhou", "常州", "Jiangsu, China"),
    ("Suzhou", "苏州", "Jiangsu, China"),
    ("Wuxi", "无锡", "Jiangsu, China"),
    ("Nanjing", "南京", "Jiangsu, China"),
    ("Shenzhen", "深圳", "Guangdong, China"),
    ("Guangzhou", "广州", "Guangdong, China"),
    ("Huizhou", "惠州", "Guangdong, China"),
    ("Hefei", "合肥", "Anhui, China"),
    ("Hangzhou", "杭州", "Zhejiang, China"),
    ("Ningbo", "宁波", "Zhejiang, China"),
    ("Huzhou", "湖州", "Zhejiang, China"),
    ("Beijing", "北京", "Beijing, China"),
    ("Shanghai", "上海", "Shanghai, China"),
    ("Tianjin", "天津", "Tianjin, China"),
    ("Chongqing", "重庆", "Chongqing, China"),
    ("Chengdu", "成都", "Sichuan, China"),
    ("Yibin", "宜宾", "Sichuan, China"),
    ("Wuhan", "武汉", "Hubei, China"),
    ("Changsha", "长沙", "Hunan, China"),
    ("Xi'an", "西安", "Shaanxi, China"),
    ("Zhengzhou", "郑州", "Henan, China"),
    ("Taiyuan", "太原", "Shanxi, China"),
    ("Hohhot", "呼和浩特", "Inner Mongolia, China"),
    ("Nanchang", "南昌", "Jiangxi, China"),
    ("Yichun", "宜春", "Jiangxi, China"),
    ("Kunming", "昆明", "Yunnan, China"),
    ("Guiyang", "贵阳", "Guizhou, China"),
    ("Shenyang", "沈阳", "Liaoning, China"),
    ("Dalian", "大连", "Liaoning, China"),
]
FOREIGN_PLACES = [
    ("Stuttgart", "Germany", "GmbH"),
    ("Grenoble", "France", "SAS"),
    ("Osaka", "Japan", "K.K."),
    ("Seoul", "South Korea", "Co., Ltd."),
    ("Sheffield", "United Kingdom", "Ltd."),
    ("Boston", "United States", "Inc."),
    ("Uppsala", "Sweden", "AB"),
    ("Bangalore", "India", "Pvt. Ltd."),
]
FOREIGN_BRANDS = [
    "Kestrel", "Arden", "Lumeno", "Nordvik", "Valcor", "Brightwell", "Halden", "Merino",
    "Corvan", "Tessaly", "Ostrel", "Quorra", "Saltmarsh", "Veltra", "Ferrow", "Oakridge",
]  # fmt: skip
SYLLABLES = [
    ("Hua", "华"), ("Zhong", "中"), ("Xin", "新"), ("Tian", "天"), ("Rui", "瑞"), ("Kai", "凯"),
    ("Heng", "恒"), ("Jin", "金"), ("Long", "龙"), ("Sheng", "盛"), ("Yuan", "源"), ("Feng", "丰"),
    ("Bo", "博"), ("Neng", "能"), ("Tai", "泰"), ("Hai", "海"), ("Xing", "星"), ("Ming", "明"),
    ("Yu", "宇"), ("Da", "达"), ("Chuang", "创"), ("Li", "力"), ("Guang", "光"), ("Na", "钠"),
    ("Jia", "嘉"), ("Cheng", "诚"), ("An", "安"), ("Wei", "威"), ("Lan", "蓝"), ("De", "德"),
    ("Fu", "富"), ("Hong", "鸿"), ("Run", "润"), ("Tong", "通"), ("Ke", "科"), ("Chen", "辰"),
]  # fmt: skip
INDUSTRIES = [
    ("New Energy Technology", "新能源科技"),
    ("Battery", "电池"),
    ("Energy Storage Technology", "储能科技"),
    ("Power Technology", "动力科技"),
    ("New Materials", "新材料"),
    ("Electronic Technology", "电子科技"),
    ("Sodium Energy", "钠能"),
    ("Intelligent Equipment", "智能装备"),
    ("Electrochemical Technology", "电化学科技"),
    ("Power Systems", "电力系统"),
    ("Carbon Materials", "碳材料"),
    ("Chemical", "化工"),
]
INSTITUTE_TOPICS = [
    ("Energy Storage Technology", "储能技术"),
    ("Electrochemical Energy", "电化学能源"),
    ("Advanced Battery Materials", "先进电池材料"),
    ("New Energy", "新能源"),
    ("Industrial Technology", "产业技术"),
]
LAB_TOPICS = [
    ("Battery Safety Laboratory", "电池安全实验室"),
    ("Battery Testing Center", "电池检测中心"),
    ("Energy Storage Testing and Certification Center", "储能检测认证中心"),
    ("Electrochemical Performance Laboratory", "电化学性能实验室"),
    ("Low-Temperature Battery Laboratory", "低温电池实验室"),
]
ASSOCIATION_PREFIXES = [
    "CNESA", "CESA", "CIAPS", "CBEA", "ZGCESA", "CSTM", "CEEIA", "CPSS", "SDNES", "JSESA",
    "GDBIA", "CAEPI", "CNIA", "ZJESA", "FJBIA", "SXNEA",
]  # fmt: skip
ASSOCIATION_KINDS = [
    ("Energy Storage Industry Alliance", "储能产业联盟"),
    ("Battery Industry Association", "电池工业协会"),
    ("New Energy Industry Association", "新能源产业协会"),
    ("Society for Testing and Materials", "材料与试验学会"),
    ("Sodium-Ion Battery Industry Innovation Alliance", "钠离子电池产业创新联盟"),
]
AGENCIES = [
    ("Bureau of Industry and Information Technology", "工业和信息化局"),
    ("Market Supervision Administration", "市场监督管理局"),
    ("Development and Reform Commission", "发展和改革委员会"),
    ("Bureau of Science and Technology", "科学技术局"),
    ("High-Tech Zone Management Committee", "高新区管理委员会"),
]
OTHER_KINDS = [
    ("Industrial Park", "产业园"),
    ("Investment Fund", "投资基金"),
    ("Media Center", "传媒中心"),
]
SURNAMES = [
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
    ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"),
    ("Hu", "胡"), ("Zhu", "朱"), ("Gao", "高"), ("Lin", "林"), ("He", "何"), ("Guo", "郭"),
    ("Ma", "马"), ("Luo", "罗"), ("Liang", "梁"), ("Song", "宋"), ("Zheng", "郑"), ("Xie", "谢"),
    ("Han", "韩"), ("Tang", "唐"), ("Feng", "冯"), ("Yu", "于"), ("Dong", "董"), ("Xiao", "萧"),
]  # fmt: skip
GIVEN = [
    ("jing", "景"), ("hong", "虹"), ("wei", "伟"), ("fang", "芳"), ("min", "敏"), ("jun", "军"),
    ("yong", "勇"), ("yan", "艳"), ("jie", "杰"), ("tao", "涛"), ("ming", "明"), ("chao", "超"),
    ("xiu", "秀"), ("lan", "兰"), ("hui", "慧"), ("qiang", "强"), ("lei", "磊"), ("ping", "平"),
    ("gang", "刚"), ("hua", "华"), ("bin", "斌"), ("yu", "宇"), ("hao", "浩"), ("kai", "凯"),
    ("xin", "欣"), ("yi", "毅"), ("feng", "峰"), ("rui", "瑞"), ("zhi", "志"), ("guo", "国"),
]  # fmt: skip
FOREIGN_PEOPLE = [
    ("Anna", "Berg"), ("Thomas", "Keller"), ("Hiroshi", "Tanaka"), ("Min-jun", "Park"),
    ("Claire", "Dubois"), ("James", "Whitfield"), ("Priya", "Raman"), ("Lars", "Nyström"),
    ("Elena", "Rossi"), ("Kenji", "Watanabe"), ("Sofia", "Lindqvist"), ("David", "Okafor"),
]  # fmt: skip
HONORIFICS = [
    "Academician of the Chinese Academy of Engineering",
    "Academician of the Chinese Academy of Sciences",
    "Professor",
    "Research Fellow",
    "Senior Engineer (professor level)",
]
POSITIONS = [
    "Chairman", "General Manager", "Chief Engineer", "Director", "Deputy Director",
    "Professor", "Vice President", "Chief Scientist", "Secretary-General",
    "Head of Research and Development", "Deputy Secretary-General", "Senior Engineer",
]  # fmt: skip
FORUM_SERIES = [
    (
        "Sodium Ion Battery Industry Chain and Standards Development Forum",
        "钠离子电池产业链与标准发展论坛",
    ),
    ("China Energy Storage Safety Conference", "中国储能安全大会"),
    ("International Forum on Sodium-Ion Battery Materials", "钠离子电池材料国际论坛"),
    ("Battery Testing and Certification Summit", "电池检测认证峰会"),
    ("New Energy Storage Standardization Workshop", "新型储能标准化研讨会"),
    ("Yangtze River Delta Energy Storage Industry Forum", "长三角储能产业论坛"),
    ("Sodium Battery Applications in Light Vehicles Forum", "钠电池轻型车应用论坛"),
    ("Grid-Scale Storage Innovation Conference", "电网级储能创新大会"),
    ("Low-Temperature Battery Technology Forum", "低温电池技术论坛"),
    ("Sodium Battery Frontier Forum", "钠电前沿论坛"),
]
VENUES = ["International Convention Center", "International Expo Center", "Grand Hotel",
          "Science and Technology Museum", "Conference Center", "Marriott Hotel"]  # fmt: skip
TOPICS = [
    ("Progress in hard carbon anodes for sodium-ion cells", "钠离子电池硬碳负极进展"),
    (
        "Prussian blue analogue cathodes: from laboratory to production line",
        "普鲁士蓝类正极从实验室到产线",
    ),
    ("Stability of layered oxide cathodes in humid air", "层状氧化物正极的空气稳定性"),
    ("Polyanionic cathodes for long cycle life", "长循环聚阴离子正极"),
    ("Sodium-ion cells for grid energy storage", "钠离子电池在电网储能中的应用"),
    ("Safety testing of sodium-ion batteries", "钠离子电池安全测试"),
    ("Low-temperature performance of sodium-ion batteries", "钠离子电池低温性能"),
    ("Electrolyte additives and interphase design", "电解液添加剂与界面设计"),
    ("A roadmap for sodium-ion battery standards", "钠离子电池标准路线图"),
    ("Recycling sodium-ion batteries", "钠离子电池回收"),
    ("Cell-to-pack design for sodium-ion systems", "钠离子电池无模组设计"),
    ("Sodium-ion batteries for two-wheelers", "两轮车用钠离子电池"),
    ("Sodium-ion start-stop batteries", "钠离子启停电池"),
    ("The precursor supply chain", "前驱体供应链"),
    ("A quality evaluation system for sodium-ion cells", "钠离子电池质量评价体系"),
    ("Thermal runaway propagation in large-format cells", "大容量电池热失控扩散"),
    ("Fast charging of sodium-ion traction batteries", "钠离子动力电池快充"),
    ("Sodium-ion batteries for telecom base stations", "通信基站用钠离子电池"),
    ("Manufacturing yield and consistency", "制造良率与一致性"),
    ("Hybrid sodium-lithium battery packs", "钠锂混合电池包"),
]
SHOWCASE = [("Product showcase", "产品展示"), ("New product launch", "新品发布")]
SESSION_PLAN = [
    # (kind, English title, native title, talk kinds)
    (SessionKind.OPENING_CEREMONY, "Opening ceremony", "开幕式", [TalkKind.OPENING_REMARKS] * 3),
    (SessionKind.THEMATIC_FORUM, "Thematic forum: materials and cells", "主题论坛：材料与电芯",
     [TalkKind.KEYNOTE_REPORT] * 2 + [TalkKind.REPORT] * 3),
    (SessionKind.SUB_FORUM, "Sub-forum: applications", "分论坛：应用",
     [TalkKind.REPORT] * 3 + [TalkKind.SHOWCASE] * 2),
    (SessionKind.STANDARDS_DISCUSSION, "Standards discussion", "标准研讨",
     [TalkKind.OVERVIEW, TalkKind.REPORT, TalkKind.PANEL]),
    (SessionKind.WORKING_GROUP_MEETING, "Working group meeting", "工作组会议",
     [TalkKind.OVERVIEW, TalkKind.REPORT]),
    (SessionKind.SITE_VISIT, "Site visit", "参观考察", []),
]  # fmt: skip
COMMITTEE_TOPICS = [
    ("Sodium-Ion Batteries", "钠离子电池"),
    ("Electrical Energy Storage", "电力储能"),
    ("Secondary Cells and Batteries", "蓄电池"),
    ("Battery Materials", "电池材料"),
    ("Battery Safety", "电池安全"),
    ("Energy Storage Systems", "储能系统"),
    ("Traction Batteries", "动力电池"),
    ("Battery Recycling", "电池回收"),
]
PRODUCTS = [
    ("Sodium-ion batteries for electrical energy storage", "电力储能用钠离子电池"),
    ("Sodium-ion traction batteries for electric bicycles", "电动自行车用钠离子蓄电池"),
    ("Sodium-ion cells for start-stop systems", "启停用钠离子电池"),
    ("Hard carbon for sodium-ion batteries", "钠离子电池用硬碳"),
    ("Layered oxide cathode materials for sodium-ion batteries", "钠离子电池层状氧化物正极材料"),
    ("Prussian blue analogue cathode materials", "普鲁士蓝类正极材料"),
    ("Polyanionic cathode materials for sodium-ion batteries", "钠离子电池聚阴离子正极材料"),
    ("Electrolyte for sodium-ion batteries", "钠离子电池电解液"),
    ("Battery management systems for sodium-ion batteries", "钠离子电池管理系统"),
    ("Sodium-ion battery packs for low-speed vehicles", "低速车用钠离子电池包"),
    ("Sodium hexafluorophosphate", "六氟磷酸钠"),
    ("Separators for sodium-ion batteries", "钠离子电池隔膜"),
    ("Sodium-ion batteries for telecom base stations", "通信基站用钠离子电池"),
]
ASPECTS = [
    ("General specification", "通用规范"),
    ("Safety requirements", "安全要求"),
    ("Test methods", "试验方法"),
    ("Cycle life test method", "循环寿命试验方法"),
    ("Low-temperature performance requirements", "低温性能要求"),
    ("Terminology", "术语"),
    ("Safety requirements for transport", "运输安全要求"),
    ("Recycling requirements", "回收利用要求"),
    ("Technical requirements", "技术要求"),
    ("Evaluation method for consistency", "一致性评价方法"),
    ("Determination of impurity content", "杂质含量的测定"),
]
EVALUATION_TYPES = [
    ("General evaluation", "综合评价"),
    ("Low-temperature performance evaluation", "低温性能评价"),
    ("1,000-cycle life evaluation", "1000次循环寿命评价"),
    ("Safety evaluation", "安全性评价"),
    ("Fast-charging evaluation", "快充性能评价"),
    ("High-temperature storage evaluation", "高温存储评价"),
    ("Consistency evaluation", "一致性评价"),
    ("Energy efficiency evaluation", "能量效率评价"),
    ("Calendar life evaluation", "日历寿命评价"),
    ("Thermal runaway propagation evaluation", "热失控扩散评价"),
]
EVALUATION_SUBJECTS = [
    ("of sodium-ion cells for energy storage", "储能用钠离子电池"),
    ("of sodium-ion traction cells", "动力用钠离子电池"),
    ("of sodium-ion batteries for two-wheelers", "两轮车用钠离子电池"),
    ("of sodium-ion start-stop batteries", "启停用钠离子电池"),
    ("of sodium-ion cathode materials", "钠离子电池正极材料"),
]
CHEMISTRIES = ["NFPP", "NFM", "PBA", "NVP", "NaCP", "NNM"]
WITHDRAWAL_REASONS = [
    "Product discontinued by the manufacturer.",
    "Re-test requested after a change of cell design.",
    "Certificate suspended after market surveillance sampling.",
]
# Prefixes of standard codes: industry standards, local (provincial) standards.
INDUSTRY_PREFIXES = ["QC/T", "SJ/T", "NB/T", "YS/T", "HG/T", "JB/T"]
PROVINCE_CODES = ["DB37/T", "DB35/T", "DB32/T", "DB44/T", "DB34/T", "DB33/T"]
