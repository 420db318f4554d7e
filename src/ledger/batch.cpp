// Batches of domain commands (see batch.hpp).
#include "ledger/batch.hpp"

#include "core/workflow.hpp"
#include "ledger/exchange.hpp"
#include "ledger/record_json.hpp"
#include "store/sqlite.hpp"

namespace hz::ledger {

namespace {

struct LineError {
  std::string field, message;
};

class Runner {
public:
  Runner(store::Store& db, const BatchOptions& o, BatchReport& report) : m_db(db), m_options(o), m_report(report) {}

  // Empty on success.
  std::optional<LineError> run(const Json& cmd) {
    if (!cmd.is_object()) return LineError{"", std::string("每行应为一个 JSON 对象，实际为") + jsonTypeName(cmd)};
    const std::string op = text(cmd, "op");
    if (op == "create") return create(cmd);
    if (op == "update") return update(cmd);
    if (op == "action") return action(cmd);
    return LineError{"op", "命令“" + op + "”无效，应为 create、update 或 action"};
  }

private:
  static std::string text(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  std::optional<LineError> kindOf(const Json& cmd, Kind& kind) {
    const std::string name = text(cmd, "kind");
    if (!kindFromName(name, kind) || name == "office" || name == "dictionary")
      return LineError{"kind",
                       "记录类型“" + name + "”无效，应为 enterprise、inspection、hazard、work_injury 或 standard"};
    return std::nullopt;
  }

  // "@ref" -> the id of the record created under that ref; anything else as it is.
  std::optional<LineError> resolve(std::string& value, const std::string& field) {
    if (value.size() < 2 || value[0] != '@') return std::nullopt;
    auto it = m_report.refs.find(value.substr(1));
    if (it == m_report.refs.end()) return LineError{field, "引用“" + value + "”未在前面的 create 命令中定义"};
    value = it->second;
    return std::nullopt;
  }

  std::optional<LineError> resolveFields(Json& fields) {
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      if (!it->is_string()) continue;
      std::string v = it->get<std::string>();
      if (auto e = resolve(v, it.key())) return e;
      *it = v;
    }
    return std::nullopt;
  }

  // The record a command names: "id" (an id or @ref), or a hazard's "number".
  std::optional<LineError> target(const Json& cmd, Kind kind, std::string& id) {
    id = text(cmd, "id");
    if (id.empty() && kind == Kind::Hazard && !text(cmd, "number").empty()) {
      auto h = m_db.getHazardByNumber(text(cmd, "number"));
      if (!h) return LineError{"number", h.error().message};
      id = h->meta.id;
      return std::nullopt;
    }
    if (id.empty()) return LineError{"id", "缺少要修改的记录（id 或 @引用名）"};
    return resolve(id, "id");
  }

  static std::optional<LineError> fromError(const Error& e) {
    if (!e.problems.empty()) return LineError{e.problems.front().field, e.problems.front().message};
    return LineError{"", e.message};
  }

  template <typename T> std::optional<LineError> store(Kind kind, const Record& r, bool isNew, std::string& id);

  std::optional<LineError> save(Kind kind, const Json& fields, const std::string& where, bool isNew, std::string& id) {
    Record r;
    std::vector<Problem> problems;
    if (!recordFromJson(kind, fields, where, r, problems)) {
      if (problems.empty()) return LineError{"", "记录无效"};
      return LineError{problems.front().field, problems.front().message};
    }
    switch (kind) {
    case Kind::Enterprise:
      return store<core::Enterprise>(kind, r, isNew, id);
    case Kind::Inspection:
      return store<core::Inspection>(kind, r, isNew, id);
    case Kind::Hazard:
      return store<core::Hazard>(kind, r, isNew, id);
    case Kind::WorkInjury:
      return store<core::WorkInjury>(kind, r, isNew, id);
    case Kind::Standard:
      return store<core::Standard>(kind, r, isNew, id);
    }
    return LineError{"kind", "未知的记录类型"};
  }

  std::optional<LineError> create(const Json& cmd) {
    Kind kind;
    if (auto e = kindOf(cmd, kind)) return e;
    auto rec = cmd.find("record");
    if (rec == cmd.end() || !rec->is_object()) return LineError{"record", "create 需要 record（字段对象）"};
    Json fields = *rec;
    for (const char* meta : {"id", "origin", "rev", "created_at", "updated_at"}) {
      if (fields.contains(meta)) return LineError{meta, "新建记录时不能指定该字段（由程序生成）"};
    }
    if (auto e = resolveFields(fields)) return e;
    // Placeholders for the parts the store assigns, so that the one record reader checks the rest.
    fields["id"] = "new";
    fields["origin"] = m_db.office().id;
    fields["rev"] = "0000000000000-0000-" + m_db.office().id;
    std::string id;
    if (auto e = save(kind, fields, "record", true, id)) return e;
    ++m_report.created;
    const std::string ref = text(cmd, "ref");
    if (!ref.empty()) {
      if (!m_report.refs.emplace(ref, id).second) return LineError{"ref", "引用名“" + ref + "”已在前面用过"};
    }
    return std::nullopt;
  }

  std::optional<LineError> update(const Json& cmd) {
    Kind kind;
    if (auto e = kindOf(cmd, kind)) return e;
    std::string id;
    if (auto e = target(cmd, kind, id)) return e;
    auto set = cmd.find("set");
    if (set == cmd.end() || !set->is_object()) return LineError{"set", "update 需要 set（要修改的字段及新值）"};
    auto current = storedRecord(m_db, kind, id);
    if (!current) return LineError{"id", "找不到" + std::string(kindLabel(kind)) + "记录 " + id};
    Json fields = recordToJson(kind, current.value());
    Json changes = *set;
    if (auto e = resolveFields(changes)) return e;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
      const std::string& name = it.key();
      if (name == "id" || name == "origin" || name == "rev" || name == "created_at" || name == "updated_at")
        return LineError{name, "该字段由程序维护，不能修改"};
      if (!fieldSpec(kind, name))
        return LineError{name, std::string("未知字段（") + kindLabel(kind) + "记录中没有这个字段）"};
      fields[name] = *it;
    }
    return save(kind, fields, id, false, id);
  }

  std::optional<LineError> action(const Json& cmd) {
    std::string id;
    if (auto e = target(cmd, Kind::Hazard, id)) return e;
    const std::string name = text(cmd, "action");
    std::optional<core::WorkflowAction> act;
    for (auto a : {core::WorkflowAction::Start, core::WorkflowAction::Submit, core::WorkflowAction::Verify,
                   core::WorkflowAction::Reject, core::WorkflowAction::Reopen, core::WorkflowAction::SubmitForReview,
                   core::WorkflowAction::Approve, core::WorkflowAction::ReturnForCorrection}) {
      if (name == core::actionName(a)) act = a;
    }
    if (!act)
      return LineError{"action",
                       "流程操作“" + name +
                           "”无效，应为 start、submit、verify、reject、reopen、submit_review、approve 或 return"};
    core::WorkflowInput in;
    in.date = text(cmd, "date");
    in.note = text(cmd, "note");
    in.person = text(cmd, "person");
    auto r = m_db.applyHazardAction(id, *act, in, m_options.actor, m_options.today);
    if (!r) return fromError(r.error());
    ++m_report.actions;
    return std::nullopt;
  }

  store::Store& m_db;
  const BatchOptions& m_options;
  BatchReport& m_report;
};

template <typename T> std::optional<LineError> Runner::store(Kind kind, const Record& r, bool isNew, std::string& id) {
  T typed{};
  if constexpr (std::is_same_v<T, core::Enterprise>) typed = toEnterprise(r);
  if constexpr (std::is_same_v<T, core::Inspection>) typed = toInspection(r);
  if constexpr (std::is_same_v<T, core::Hazard>) typed = toHazard(r);
  if constexpr (std::is_same_v<T, core::WorkInjury>) typed = toWorkInjury(r);
  if constexpr (std::is_same_v<T, core::Standard>) typed = toStandard(r);
  (void)kind;
  Result<T> saved = Error::make(ErrorCode::Internal, "");
  if (isNew) {
    typed.meta = core::RecordMeta{};
    if constexpr (std::is_same_v<T, core::Enterprise>) saved = m_db.createEnterprise(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::Inspection>) saved = m_db.createInspection(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::Hazard>) saved = m_db.createHazard(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::WorkInjury>) saved = m_db.createWorkInjury(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::Standard>) saved = m_db.createStandard(typed, m_options.actor);
  } else {
    if constexpr (std::is_same_v<T, core::Enterprise>) saved = m_db.updateEnterprise(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::Inspection>) saved = m_db.updateInspection(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::Hazard>) saved = m_db.updateHazard(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::WorkInjury>) saved = m_db.updateWorkInjury(typed, m_options.actor);
    if constexpr (std::is_same_v<T, core::Standard>) saved = m_db.updateStandard(typed, m_options.actor);
  }
  if (!saved) return fromError(saved.error());
  if (!isNew) (saved->meta.rev == typed.meta.rev ? ++m_report.unchanged : ++m_report.updated);
  id = saved->meta.id;
  return std::nullopt;
}

} // namespace

std::string BatchReport::describe() const {
  return "已执行 " + std::to_string(commands) + " 条命令：新建 " + std::to_string(created) + "，修改 " +
         std::to_string(updated) + "，未变 " + std::to_string(unchanged) + "，流程操作 " + std::to_string(actions);
}

Result<BatchReport> applyBatch(store::Store& db, std::string_view text, const BatchOptions& options) {
  if (options.actor.empty()) return Error::invalid("需要操作人（--as 姓名）");
  BatchReport report;
  auto tx = store::Transaction::begin(db.db());
  if (!tx) return tx.error();
  Runner runner(db, options, report);
  size_t lineNo = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++lineNo;
    if (lineNo == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "第 " + std::to_string(lineNo) + " 行";
    const Json cmd = Json::parse(line, nullptr, false);
    std::optional<LineError> e;
    if (cmd.is_discarded())
      e = LineError{"", "不是有效的 JSON"};
    else
      e = runner.run(cmd);
    if (e) {
      return Error::invalid(where + "：" + (e->field.empty() ? "" : e->field + "：") + e->message +
                                "；全部命令均未执行",
                            {Problem{where, e->field, e->message}});
    }
    ++report.commands;
  }
  if (options.dryRun) return report; // the transaction rolls back on scope exit
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

} // namespace hz::ledger
