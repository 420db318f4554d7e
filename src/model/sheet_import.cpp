#include "model/sheet_import.hpp"

#include "model/app_model.hpp"
#include "report/table.hpp"
#include "store/store.hpp"

#include <new>

namespace hz::model {

Status SheetImportModel::open(std::string bytes, const std::string& fileName) {
  auto book = sheet::readBook(bytes, fileName);
  bytes.clear();
  bytes.shrink_to_fit();
  if (!book) return book.error();
  sheet::ImportOptions o;
  o.fileName = fileName;
  auto preview = sheet::buildPreview(m_app.store(), book.value(), o);
  if (!preview) return preview.error();
  m_book = std::move(book.value());
  m_preview = std::move(preview.value());
  ++m_version;
  return ok();
}

void SheetImportModel::close() {
  m_book.reset();
  m_preview.reset();
  m_pendingApply.reset();
  ++m_version;
}

Status SheetImportModel::rebuild() {
  if (!m_preview || !m_book) return Error::make(ErrorCode::Internal, "没有正在导入的表格");
  auto next = sheet::rebuildPreview(m_app.store(), *m_book, *m_preview);
  if (!next) return next.error();
  m_preview = std::move(next.value());
  ++m_version;
  return ok();
}

Status SheetImportModel::chooseSheet(size_t index) {
  if (!m_preview || !m_book) return Error::make(ErrorCode::Internal, "没有正在导入的表格");
  if (index >= m_book->sheets.size()) return Error::invalid("没有这个工作表");
  sheet::ImportOptions o;
  o.fileName = m_preview->fileName;
  o.sheetIndex = index;
  auto preview = sheet::buildPreview(m_app.store(), *m_book, o);
  if (!preview) return preview.error();
  m_preview = std::move(preview.value());
  ++m_version;
  return ok();
}

Status SheetImportModel::setColumn(size_t column, const std::string& key) {
  if (!m_preview) return Error::make(ErrorCode::Internal, "没有正在导入的表格");
  auto& cols = m_preview->layout.columns;
  if (column >= cols.size()) return Error::invalid("没有这一列");
  if (!key.empty() && !sheet::targetField(key)) return Error::invalid("没有这个字段：" + key);
  // One column per field: the field moves to this column.
  if (!key.empty()) {
    for (auto& c : cols)
      if (c == key) c.clear();
  }
  cols[column] = key;
  return rebuild();
}

Status SheetImportModel::setDefault(const std::string& key, const std::string& value) {
  if (!m_preview) return Error::make(ErrorCode::Internal, "没有正在导入的表格");
  if (!sheet::targetField(key)) return Error::invalid("没有这个字段：" + key);
  std::string v = value;
  if (key == sheet::kTownship && !value.empty()) {
    // Shown by name, kept as the township's code.
    auto towns = m_app.store().dictionary(store::kDictTownship, true);
    if (towns) {
      for (const auto& t : towns.value())
        if (t.value == value) v = t.code;
    }
  }
  if (v.empty()) {
    m_preview->defaults.erase(key);
  } else {
    m_preview->defaults[key] = v;
  }
  return rebuild();
}

void SheetImportModel::answerFirm(size_t firmIndex, bool sameFirm) {
  if (!m_preview || firmIndex >= m_preview->firms.size()) return;
  m_preview->firms[firmIndex].sameFirm = sameFirm;
  ++m_version;
}

void SheetImportModel::answerAllSimilar(bool sameFirm) {
  if (!m_preview) return;
  for (auto& g : m_preview->firms) {
    if (g.match == sheet::FirmGroup::Match::Similar) g.sameFirm = sameFirm;
  }
  ++m_version;
}

std::vector<std::string> SheetImportModel::defaultChoices(const std::string& key) const {
  std::vector<std::string> out;
  if (key == "level") return {"一般隐患", "重大隐患"};
  const char* kind = key == "source"              ? "source"
                     : key == "industry"          ? "industry"
                     : key == "inspection_method" ? "method"
                     : key == sheet::kTownship    ? store::kDictTownship
                                                  : nullptr;
  if (!kind) return out;
  auto entries = m_app.store().dictionary(kind, false);
  if (!entries) return out;
  for (const auto& e : entries.value()) out.push_back(e.value);
  return out;
}

std::string SheetImportModel::defaultLabel(const std::string& key) const {
  if (!m_preview) return {};
  auto it = m_preview->defaults.find(key);
  if (it == m_preview->defaults.end()) return {};
  if (key == sheet::kTownship) {
    auto towns = m_app.store().dictionary(store::kDictTownship, true);
    if (towns) {
      for (const auto& t : towns.value())
        if (t.code == it->second) return t.value;
    }
  }
  return it->second;
}

Status SheetImportModel::apply(bool skipBad) {
  if (!m_preview) return Error::make(ErrorCode::Internal, "没有正在导入的表格");
  if (m_app.readOnly()) return Error::make(ErrorCode::Forbidden, "本标签页为只读，不能导入");
  Result<sheet::ImportSummary> sum = Error::make(ErrorCode::Internal, "");
  try {
    sum = sheet::applyPreview(m_app.store(), *m_preview, m_app.operatorName(), skipBad);
  } catch (const std::bad_alloc&) {
    return Error::make(ErrorCode::Storage, "内存不足，未导入任何数据（数据库未作修改）");
  }
  if (!sum) return sum.error();
  std::string notice = "已导入 " + m_preview->fileName + "：隐患 " + std::to_string(sum->hazardsCreated) +
                       " 条，新建企业 " + std::to_string(sum->enterprisesCreated) + " 家";
  if (sum->enterprisesMatched) notice += "，对应库中企业 " + std::to_string(sum->enterprisesMatched) + " 家";
  if (sum->duplicates) notice += "；已导入过的 " + std::to_string(sum->duplicates) + " 行未重复导入";
  if (sum->refused) notice += "；" + std::to_string(sum->refused) + " 行未导入";
  m_app.setNotice(notice);
  close();
  return ok();
}

void SheetImportModel::runPendingApply() {
  if (!m_pendingApply) return;
  const bool skipBad = *m_pendingApply;
  m_pendingApply.reset();
  if (auto s = apply(skipBad); !s) m_lastError = s.error().describe();
}

Status SheetImportModel::downloadRefused() {
  if (!m_preview) return Error::make(ErrorCode::Internal, "没有正在导入的表格");
  auto bytes = report::toXlsx({sheet::refusedRowsTable(*m_preview)});
  if (!bytes) return bytes.error();
  std::string base = m_preview->fileName;
  if (auto dot = base.rfind('.'); dot != std::string::npos) base.resize(dot);
  m_app.downloadFile(base + "-未导入的行.xlsx", bytes.value(),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return ok();
}

} // namespace hz::model
