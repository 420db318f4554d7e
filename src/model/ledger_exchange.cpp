// Ledger file import for the browser app over src/ledger (see ledger_exchange.hpp).
#include "model/ledger_exchange.hpp"

#include "ledger/validate.hpp"

#include <chrono>
#include <vector>

namespace hz::model {

namespace {
constexpr size_t kPiece = size_t{256} << 10; // bytes fed at a time (the work of a few ms)
}

Result<std::unique_ptr<LedgerImportJob>> LedgerImportJob::start(store::Store& store, std::string bytes,
                                                                std::string fileName) {
  auto import = ledger::LedgerImport::begin(store);
  if (!import) return import.error();
  std::unique_ptr<LedgerImportJob> job(new LedgerImportJob());
  job->m_import = std::move(import.value());
  job->m_name = std::move(fileName);
  job->m_size = bytes.size();
  // The same file imported before, byte for byte: nothing to read (one fast pass over the bytes).
  const std::string digest = ledger::fileDigest(bytes);
  auto prior = ledger::priorImport(store, digest);
  if (!prior) return prior.error();
  if (prior->has_value()) {
    job->m_prior = (*prior)->description;
    job->m_at = bytes.size();
    job->m_done = true;
    return job;
  }
  job->m_bytes = std::move(bytes);
  job->m_import->startFile(job->m_name, digest);
  return job;
}

bool LedgerImportJob::step(double millis, size_t bytes) {
  if (m_done) return true;
  using Clock = std::chrono::steady_clock;
  const auto until = Clock::now() + std::chrono::microseconds(static_cast<long long>(millis * 1000));
  size_t budget = bytes > 0 ? bytes : m_bytes.size();
  while (m_at < m_bytes.size() && budget > 0) {
    const size_t n = std::min({kPiece, m_bytes.size() - m_at, budget});
    const bool more = m_import->feed(std::string_view(m_bytes).substr(m_at, n));
    m_at += n;
    budget -= n;
    if (!more) {
      m_done = true;
      break;
    }
    if (bytes == 0 && Clock::now() >= until) break;
  }
  if (m_at >= m_bytes.size()) m_done = true;
  if (m_done) std::string().swap(m_bytes); // keeps m_at for the progress
  return m_done;
}

Result<ImportOutcome> LedgerImportJob::finish() {
  if (!m_prior.empty()) {
    m_import->cancel();
    m_import.reset();
    return ImportOutcome{0, "已导入 " + m_name + "（内容未变）：" + m_prior};
  }
  if (!m_ended) m_import->endFile();
  m_ended = true;
  m_trust.trustNew = true; // trust on first use; the summary shows the fingerprint to check
  m_import->setTrust(m_trust);
  auto r = m_import->commit();
  m_questions = m_import->keyQuestions();
  if (!r && r.error().code == ErrorCode::Forbidden && !m_questions.empty()) return r.error();
  m_questions.clear();
  const std::vector<ledger::LedgerInput> inputs = m_import->takeFiles();
  m_import.reset();
  if (!r) {
    std::string text = "未能导入 " + m_name + "：";
    const auto& problems = inputs.empty() ? std::vector<Problem>{} : inputs[0].read.problems;
    if (problems.empty()) {
      text += r.error().describe();
    } else {
      for (size_t i = 0; i < problems.size() && i < 5; ++i) text += "\n" + ledger::problemLine(m_name, problems[i]);
      if (problems.size() > 5) text += "\n……共 " + std::to_string(problems.size()) + " 处问题";
    }
    return Error::make(ErrorCode::Invalid, text + "\n数据库未作任何修改。");
  }
  ImportOutcome out;
  for (const auto& k : r.value().kinds) out.records += k.added + k.updated;
  out.summary = "已导入 " + m_name + "\n" + r.value().describe();
  return out;
}

void LedgerImportJob::acceptKeyChanges(const std::string& actor) {
  for (const auto& q : m_questions)
    (q.unsignedHistory() ? m_trust.acceptUnsigned : m_trust.acceptChanges).insert(q.officeId);
  m_trust.actor = actor;
}

void LedgerImportJob::cancel() {
  if (m_import) m_import->cancel();
  m_import.reset();
  std::string().swap(m_bytes);
  m_done = true;
}

Result<ImportOutcome> importLedgerBytes(store::Store& store, std::string bytes, const std::string& fileName) {
  auto job = LedgerImportJob::start(store, std::move(bytes), fileName);
  if (!job) return job.error();
  while (!(*job)->step(1e9)) {
  }
  return (*job)->finish();
}

} // namespace hz::model
