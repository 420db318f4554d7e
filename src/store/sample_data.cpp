// Deterministic sample ledger (see sample_data.hpp): names and descriptions are invented, per
// industry; hazards go through the real workflow so history and hash chains are realistic.
#include "store/sample_data.hpp"

#include "core/validation.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>

namespace hz::store {

namespace {

// [SECTION] Word lists ---------------------------------------------------------------------------

const char* const kTownRoots[] = {"东湖", "西山", "南岗", "北塘", "青石", "白沙", "柳溪", "桃源", "凤鸣", "龙泉",
                                  "金桥", "银杏", "云台", "松林", "梅岭", "竹园", "荷塘", "石门", "平安", "新城",
                                  "长乐", "永丰", "和平", "燕子", "双塔", "紫金", "清水", "玉泉", "锦绣", "朝阳"};
const char* const kBrands[] = {"恒达", "鑫源", "华泰", "金盛", "永兴", "宏远", "瑞丰", "天成", "东方", "中联",
                               "利民", "新华", "长江", "汇通", "博远", "润泽", "嘉禾", "顺达", "安泰", "景程",
                               "兴业", "信诚", "和顺", "海盛", "明辉", "立信", "泰和", "宝丰", "德润", "联创"};
const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                 "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊",   "军",   "洋",   "勇",   "艳",   "杰",
                              "涛", "明", "超", "华", "平", "刚", "桂英", "建国", "志强", "秀兰", "海燕", "国庆"};
const char* const kDepartments[] = {"区应急管理局",       "区住房城乡建设局", "区交通运输局",     "区消防救援大队",
                                    "区城市管理局(燃气)", "区农业农村局",     "区市场监督管理局", "街道安委办"};
const char* const kSources[] = {"企业自查上报",    "部门检查", "督导检查", "执法检查",
                                "群众举报(12350)", "上级交办", "交叉互检"};
const char* const kMethods[] = {"四不两直", "明查暗访", "联合执法", "交叉互检", "日常检查", "专项检查", "企业自查"};
const char* const kCategories[] = {"管理类", "设备设施类", "作业环境类", "人员行为类", "专项类", "违章典型"};
const char* const kPlaces[] = {"劳动密集型企业", "分租式厂房", "厂中厂",   "商场市场",
                               "餐饮场所",       "九小场所",   "高层建筑", "其他"};
const char* const kLocations[] = {"一号车间", "二号车间",   "成品仓库",     "原料库",   "配电房",
                                  "锅炉房",   "厨房操作间", "地下室",       "二楼东侧", "储罐区",
                                  "装卸区",   "除尘器周边", "施工现场北侧", "码头泊位", "楼梯间"};
const char* const kMeasures[] = {"立即停止相关作业，制定方案限期整改到位", "更换失效的检测报警装置并建立定期校验制度",
                                 "清理疏散通道，恢复安全出口畅通",         "完善作业审批制度并开展全员安全培训",
                                 "委托有资质单位设计改造方案并组织实施",   "拆除违规搭建物并恢复原有防火分隔",
                                 "补办特种作业证，未取证人员调离岗位"};

struct IndustryProfile {
  const char* industry; // dictionary value ("工贸/机械" = sub-item)
  int weight;
  const char* words[3];   // business words in firm names
  const char* hazards[6]; // typical hazard descriptions (written for this generator)
};

const IndustryProfile kIndustries[] = {
    {"工贸/机械",
     16,
     {"机械制造", "精密铸造", "五金制品"},
     {"粉尘爆炸危险场所设置在非框架结构的多层建筑物内", "除尘系统未采取泄爆、隔爆等防护措施",
      "有限空间作业未执行先通风、再检测、后作业", "动火作业未审批，现场无监护人员",
      "铝镁粉尘湿式除尘器未设置水量监测报警", "冲压设备安全防护装置被拆除"}},
    {"工贸/冶金",
     6,
     {"钢铁", "金属材料", "特钢"},
     {"熔融金属吊运起重机不符合冶金起重要求", "冶炼炉冷却水出水温度监测报警失效",
      "煤气区域未设置固定式一氧化碳报警装置", "炉前作业区域设置有休息室", "高温熔融金属区域地面积水",
      "氧气管道阀门未采用防爆型"}},
    {"工贸/轻工",
     8,
     {"食品", "纸业", "家具"},
     {"液氨制冷车间未设置氨气浓度检测报警装置", "包装间与员工宿舍设置在同一建筑内",
      "木粉尘除尘器设置在室内且无泄爆措施", "冷库使用易燃可燃保温材料", "锅炉安全阀超期未校验",
      "车间电气线路私拉乱接"}},
    {"工贸/纺织",
     5,
     {"纺织", "服饰", "印染"},
     {"车间内违规设置员工宿舍", "封闭安全出口、堵塞疏散通道", "定型机废气处理设施积尘未清理", "仓库内违规使用卤钨灯",
      "消防设施未保持完好有效", "电焊作业人员无证上岗"}},
    {"危险化学品",
     10,
     {"化工", "化学品贸易", "精细化工"},
     {"涉及重点监管危险化工工艺的装置未实现自动化控制", "构成重大危险源的储罐未设置紧急切断装置",
      "可燃有毒气体检测报警装置失效", "危险化学品仓库超量储存", "控制室面向具有火灾爆炸危险性的装置一侧有门窗",
      "特殊作业未执行作业票证制度"}},
    {"城镇燃气",
     10,
     {"燃气", "液化气供应", "燃气工程"},
     {"燃气场站与周边建筑安全间距不足", "餐饮场所使用燃气未安装可燃气体报警装置", "液化石油气钢瓶超期未检仍在使用",
      "燃气管道被违章建筑占压", "在地下室使用瓶装液化石油气", "调压设施安全保护装置失效"}},
    {"消防",
     12,
     {"商贸", "酒店管理", "娱乐"},
     {"封闭安全出口、堵塞疏散通道", "违规使用易燃可燃材料装修", "自动喷水灭火系统处于瘫痪状态", "人员密集场所违规住人",
      "违规电焊切割作业", "火灾自动报警系统主机故障未修复"}},
    {"建筑施工",
     10,
     {"建设工程", "建筑安装", "市政工程"},
     {"深基坑工程未按规定编制专项施工方案", "高大模板支撑体系未经验收即浇筑混凝土", "塔式起重机安全装置失效",
      "特种作业人员无证上岗", "施工升降机防坠安全器超期未检", "外包施工单位安全监管缺失"}},
    {"交通运输/道路",
     8,
     {"运输", "物流", "客运"},
     {"营运车辆动态监控装置不在线", "驾驶员连续驾驶超过规定时间", "危险货物运输车辆未按规定路线行驶",
      "客运车辆安全带配备不全", "车辆超期未进行综合性能检测", "停车场内违规充电"}},
    {"特种设备",
     5,
     {"电梯工程", "压力容器", "起重设备"},
     {"电梯超期未检验仍在运行", "压力容器安全阀失效", "锅炉操作人员无证上岗", "起重机限位装置失灵",
      "气瓶充装未逐瓶检查", "场内机动车辆未登记"}},
    {"渔业船舶",
     4,
     {"", "", ""},
     {"渔船未按规定配备救生设备", "船员配备不足最低配员标准", "AIS防碰撞设备未开启", "渔船超航区作业",
      "机舱消防设施失效", "船员未持有效证书"}},
    {"新业态/醇基燃料",
     3,
     {"新能源", "燃料", "餐饮管理"},
     {"醇基燃料储存间未设置通风设施", "醇基燃料使用场所未配置灭火器材", "醇基燃料供应商无相应资质",
      "燃料罐与灶具安全距离不足", "使用不合格醇基燃料灶具", "醇基燃料储量超过规定"}},
};

// [SECTION] Helpers ------------------------------------------------------------------------------

class Rng { // mt19937_64 is specified exactly; reductions below are ours (portable)
public:
  explicit Rng(uint64_t seed) : m_g(seed) {}
  uint64_t next() { return m_g(); }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T, size_t N> const T& pick(const T (&a)[N]) { return a[below(static_cast<int>(N))]; }

private:
  std::mt19937_64 m_g;
};

std::string person(Rng& r) { return std::string(r.pick(kSurnames)) + r.pick(kGiven); }

// GB 11714 organisation code body: 8 digits + check (weights 3,7,9,10,5,8,4,2; 10 -> X, 11 -> 0).
std::string orgCode(uint64_t n) {
  char body[16];
  std::snprintf(body, sizeof body, "%08llu", static_cast<unsigned long long>(n % 100000000ULL));
  const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (body[i] - '0') * w[i];
  const int c = 11 - sum % 11;
  return std::string(body) + (c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c));
}

std::string uscc(uint64_t index, uint64_t seed) {
  // (i * 48271 + s) mod 10^8 is a bijection on i < 10^8: codes never repeat.
  std::string s = "91320102" + orgCode(index * 48271ULL + seed % 1000);
  return s + core::usccCheckChar(s);
}

const IndustryProfile& pickIndustry(Rng& r) {
  int total = 0;
  for (const auto& p : kIndustries) total += p.weight;
  int x = r.below(total);
  for (const auto& p : kIndustries) {
    if (x < p.weight) return p;
    x -= p.weight;
  }
  return kIndustries[0];
}

const IndustryProfile& profileOf(const std::string& industry) {
  for (const auto& p : kIndustries) {
    if (industry == p.industry) return p;
  }
  return kIndustries[0];
}

} // namespace

// [SECTION] Generator ----------------------------------------------------------------------------

Result<SampleSummary> generateSample(Store& store, uint64_t seed, int towns, int enterprises, int hazards,
                                     const core::Date& today) {
  Rng r(seed);
  SampleSummary out;
  if (towns < 1 || towns > 99) return Error::invalid("乡镇数量应为 1–99");
  const std::string admin = "系统管理员";
  if (store.office().divisionCode.empty()) {
    core::Office o = store.office();
    o.name = "示范区安全生产委员会办公室";
    o.divisionCode = "320102";
    o.level = core::OfficeLevel::County;
    o.operators = {"张伟", "李娜"};
    if (auto s = store.setOffice(o, admin); !s) return s.error();
  }
  std::vector<std::string> townNames;
  for (int i = 0; i < towns; ++i) {
    const bool street = i < (towns * 3 + 4) / 5;
    char code[32];
    std::snprintf(code, sizeof code, "320102%03d", street ? i + 1 : 100 + i);
    std::string name = kTownRoots[i % 30];
    if (i >= 30) name += std::to_string(i / 30 + 1);
    name += street ? "街道" : "镇";
    out.townCodes.push_back(code);
    townNames.push_back(name);
  }
  // Township names for the screens (dictionary "township": value = name, code = division code).
  {
    auto known = store.dictionary(kDictTownship, true);
    if (!known) return known.error();
    for (size_t i = 0; i < townNames.size(); ++i) {
      bool have = false;
      for (const auto& e : known.value()) have = have || e.code == out.townCodes[i];
      if (have) continue;
      if (auto added = store.addDictionaryEntry(kDictTownship, townNames[i], "", out.townCodes[i], admin); !added)
        return added.error();
    }
  }
  // Batches of writes in one transaction each (the store's own transactions nest as savepoints).
  std::optional<Transaction> batch;
  auto beginBatch = [&]() -> Status {
    auto t = Transaction::begin(store.db());
    if (!t) return t.error();
    batch.emplace(std::move(t.value()));
    return ok();
  };
  if (auto s = beginBatch(); !s) return s.error();
  auto commitEvery = [&](int i) -> Status {
    if (i % 2000 != 1999) return ok();
    if (auto s = batch->commit(); !s) return s;
    batch.reset();
    return beginBatch();
  };

  struct Firm {
    std::string id, division, industry;
  };
  std::vector<Firm> firms;
  for (int i = 0; i < enterprises; ++i) {
    const IndustryProfile& p = pickIndustry(r);
    const int town = r.below(towns);
    core::Enterprise e;
    e.divisionCode = out.townCodes[town];
    e.industry = p.industry;
    const std::string brand = r.pick(kBrands);
    if (std::string(p.industry) == "渔业船舶") {
      e.kind = core::EnterpriseKind::FishingVessel;
      char reg[32];
      std::snprintf(reg, sizeof reg, "苏渔%05d", i % 100000);
      e.name = reg;
      e.vesselRegNo = std::string("320102") + std::to_string(100000 + i);
      e.vesselPort = "南京港";
    } else {
      e.uscc = uscc(static_cast<uint64_t>(i), seed);
      e.name = townNames[town].substr(0, 6) + brand + p.words[r.below(3)] + "有限公司";
      if (r.chance(10)) e.name = brand + p.words[r.below(3)] + "有限公司"; // names repeat across firms
    }
    e.address = townNames[town] + r.pick(kTownRoots) + "路" + std::to_string(1 + r.below(300)) + "号";
    e.placeType = r.pick(kPlaces);
    e.principal = person(r);
    e.contact = "1" + std::to_string(3000000000LL + static_cast<int64_t>(r.below(999999999)));
    auto c = store.createEnterprise(e, admin);
    if (!c) return c.error();
    firms.push_back({c->meta.id, e.divisionCode, e.industry});
    out.enterpriseIds.push_back(c->meta.id);
    if (auto s = commitEvery(i); !s) return s.error();
  }

  // Inspections: about one per three hazards, linked to the hazards they found.
  std::vector<std::pair<std::string, std::string>> inspections; // (id, enterprise id)
  const int inspectionCount = enterprises == 0 ? 0 : hazards / 3 + 1;
  for (int i = 0; i < inspectionCount; ++i) {
    const Firm& f = firms[r.below(static_cast<int>(firms.size()))];
    core::Inspection in;
    in.date = today.addDays(-r.below(365)).toString();
    in.method = r.pick(kMethods);
    in.department = r.pick(kDepartments);
    in.inspectors = person(r) + "、" + person(r);
    in.enterpriseId = f.id;
    auto c = store.createInspection(in, admin);
    if (!c) return c.error();
    inspections.emplace_back(c->meta.id, f.id);
    ++out.inspections;
    if (auto s = commitEvery(i); !s) return s.error();
  }

  for (int i = 0; i < hazards && !firms.empty(); ++i) {
    const Firm& f = firms[r.below(static_cast<int>(firms.size()))];
    const IndustryProfile& p = profileOf(f.industry);
    core::Hazard h;
    h.enterpriseId = f.id;
    h.divisionCode = f.division;
    h.industry = f.industry;
    h.category = r.pick(kCategories);
    h.location = r.pick(kLocations);
    h.description = p.hazards[r.below(6)];
    if (r.chance(30)) h.description += "，" + std::string(r.pick(kLocations)) + "同样存在类似问题";
    h.level = r.chance(18) ? core::HazardLevel::Major : core::HazardLevel::General;
    h.source = r.pick(kSources);
    const int age = r.below(365);
    const core::Date found = today.addDays(-age);
    h.foundDate = found.toString();
    h.reporter = person(r);
    h.reportedDate = h.foundDate;
    h.inspectors = person(r);
    h.inspectionMethod = r.pick(kMethods);
    if (!inspections.empty() && r.chance(40))
      h.inspectionId = inspections[r.below(static_cast<int>(inspections.size()))].first;
    h.measures = r.pick(kMeasures);
    h.responsibleDepartment = r.pick(kDepartments);
    h.responsibleUnit = "企业";
    h.responsiblePerson = person(r);
    h.deadline = found.addDays(7 + r.below(84)).toString();
    h.fundsWan = r.below(2000) / 10.0;
    if (h.level == core::HazardLevel::Major) {
      const bool complete = r.chance(90);
      h.five = {true, true, true, complete, true};
      h.supervision = static_cast<core::SupervisionLevel>(r.below(4));
      h.stopProduction = r.chance(30);
    }
    auto c = store.createHazard(h, h.reporter);
    if (!c) return c.error();
    const std::string id = c->meta.id;
    out.hazardIds.push_back(id);

    // Workflow: 20% stay 待整改, the rest move on; some are rejected or reopened on the way.
    auto act = [&](core::WorkflowAction a, core::WorkflowInput in, const std::string& who) -> Status {
      auto s = store.applyHazardAction(id, a, in, who, today);
      return s ? ok() : Status(s.error());
    };
    const int stage = r.below(100);
    const bool canStart = h.level == core::HazardLevel::General || h.five.complete();
    if (stage >= 20 && canStart) {
      if (auto s = act(core::WorkflowAction::Start, {}, h.responsiblePerson); !s) return s.error();
      if (stage >= 45) {
        const std::string rectifier = h.responsiblePerson;
        std::string verifier = person(r);
        if (verifier == rectifier) verifier += "（复核）";
        const int done = age == 0 ? 0 : r.below(age + 1); // days after found
        const core::Date completed = found.addDays(done);
        core::WorkflowInput submit{completed.toString(), "已按整改措施完成整改，附照片", rectifier};
        if (auto s = act(core::WorkflowAction::Submit, submit, rectifier); !s) return s.error();
        if (r.chance(8)) { // 驳回 then resubmitted
          if (auto s = act(core::WorkflowAction::Reject, {"", "整改不彻底，请补充佐证材料", verifier}, verifier); !s)
            return s.error();
          if (auto s = act(core::WorkflowAction::Submit, submit, rectifier); !s) return s.error();
        }
        if (stage >= 60) {
          const int left = static_cast<int>(today.toDays() - completed.toDays());
          const core::Date verified = completed.addDays(left == 0 ? 0 : r.below(left + 1));
          core::WorkflowInput verify{verified.toString(), "现场复核，整改到位，同意销号", verifier};
          if (auto s = act(core::WorkflowAction::Verify, verify, verifier); !s) return s.error();
          if (r.chance(3)) { // 重新打开: stays 整改中
            if (auto s = act(core::WorkflowAction::Reopen, {"", "复查发现问题反弹", admin}, admin); !s)
              return s.error();
          }
        }
      }
    }
    if (r.chance(30)) {
      if (auto s = act(core::WorkflowAction::SubmitForReview, {}, h.reporter); !s) return s.error();
      const int x = r.below(10);
      if (x < 6) {
        if (auto s = act(core::WorkflowAction::Approve, {"", "", "审核员" + person(r)}, admin); !s) return s.error();
      } else if (x < 8) {
        if (auto s = act(core::WorkflowAction::ReturnForCorrection, {"", "判定依据填写不完整", admin}, admin); !s) {
          return s.error();
        }
      }
    }
    if (auto s = commitEvery(i); !s) return s.error();
  }
  // Work injuries over two years (so a period has last year's same days to compare with), from
  // their own random stream: the records above stay as they were before injuries were added.
  Rng ri(seed ^ 0x5a17c0deULL);
  static const char* const kInjuries[] = {"员工操作冲床时右手被压伤", "搬运货物时被叉车碰伤",   "高处作业时坠落受伤",
                                          "检修设备时被转动部件卷入", "焊接作业时被飞溅物灼伤", "装卸时被货物砸伤"};
  const int injuryCount = firms.empty() ? 0 : std::max(1, hazards / 40);
  for (int i = 0; i < injuryCount; ++i) {
    const Firm& f = firms[ri.below(static_cast<int>(firms.size()))];
    core::WorkInjury w;
    w.date = today.addDays(-ri.below(730)).toString();
    w.enterpriseId = f.id;
    w.divisionCode = f.division;
    w.industry = f.industry;
    w.deaths = ri.chance(6) ? 1 : 0;
    w.injuries = w.deaths > 0 ? ri.below(2) : 1 + ri.below(3);
    w.description = ri.pick(kInjuries);
    auto c = store.createWorkInjury(w, admin);
    if (!c) return c.error();
    if (auto s = commitEvery(i); !s) return s.error();
  }
  if (auto s = batch->commit(); !s) return s.error();
  (void)store.refreshPlannerStats(); // an optimisation: the data is committed either way
  return out;
}

core::Enterprise sampleEnterprise(const std::string& name) {
  uint64_t h = 1469598103934665603ull; // FNV-1a of the name
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  std::string first17 = "91320102";
  for (int i = 0; i < 9; ++i, h /= 10) first17 += static_cast<char>('0' + h % 10);
  core::Enterprise e;
  e.name = name;
  e.uscc = first17 + core::usccCheckChar(first17);
  e.divisionCode = "320102003";
  e.industry = "工贸";
  return e;
}

} // namespace hz::store
