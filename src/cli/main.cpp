// hazard-ledger: the native command-line tool (batch work at the city level, scripting).
// Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error. Commands in commands_*.cpp.
#include "cli/cli.hpp"
#include "core/version.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

const char* kHelpZh =
    "隐患台账 hazard-ledger %s — 重大事故隐患台账命令行工具\n"
    "\n"
    "用法: hazard-ledger <命令> [选项]\n"
    "\n"
    "命令:\n"
    "  init --db DB --office 名称 --division 区划代码 [--level 乡镇|县区|市] [--operator 姓名]\n"
    "                         创建（或设置）本单位的数据库\n"
    "  generate --seed N [--towns T] [--enterprises E] [--hazards H] [--signed] -o 文件\n"
    "                         生成演示/测试用台账文件（同一种子结果完全相同）；--signed 用由种子导出的\n"
    "                         演示密钥签名\n"
    "  validate 文件...       检查台账文件；问题逐行输出到标准错误：文件: 记录ID: 字段: 说明\n"
    "  import --db DB 文件... 检查后一次性导入（有任何错误则数据库不作任何修改），并报告新增/更新/未变/冲突\n"
    "                         也导入 Excel/WPS 表格（.xlsx .xls .ods .csv，按内容识别）：先列出预览；\n"
    "                         [--sheet N] 第 N 个工作表  [--mapping 文件] 列对应关系(JSON)  [--dry-run] 只预览\n"
    "                         [--skip-bad] 跳过不能导入的行  [--rejected 文件.xlsx|.csv] 写出不能导入的行及原因\n"
    "                         [--similar same|new] 名称相近的企业按同一企业/另建  [--as 姓名] 操作人\n"
    "                         签名文件：首次收到的单位须核对指纹后加 --trust-new；密钥与记录不同的拒绝导入；\n"
    "                         其他单位未签名的转交记录须核实后加 --accept-unsigned\n"
    "  export --db DB [--since 日期 | --to 接收单位 [--reset]] [--format-version 1] -o 文件\n"
    "                         导出台账文件（全部，或某日期以来的变化）；--to：给该单位的变更文件（上次发给它\n"
    "                         以来的全部变化，编号接续；--reset 重新从头）；文件名以 .gz 结尾时压缩；\n"
    "                         以 .xlsx 或 .csv 结尾时导出隐患明细表（Excel 或 UTF-8 CSV）\n"
    "  merge 文件... -o 输出  合并多个台账文件（无需数据库）\n"
    "  conflicts --db DB      列出合并冲突（落选版本已保存，待人工确认）\n"
    "  verify --db DB         校验历史记录（各单位的哈希链完整、未被改动）；未通过时退出码为 1\n"
    "  apply --db DB --as 操作人 命令.jsonl [--today 日期] [--dry-run]\n"
    "                         以该操作人身份在一个事务中执行一批命令（新建、修改、流程操作），任一条出错则全部不执行\n"
    "  stats (--db DB | 文件) [--from 日期 --to 日期] [--json] [--today YYYY-MM-DD]\n"
    "                         统计：隐患总数、重大/一般、逾期、按状态/来源/乡镇/行业、整改率、销号率；\n"
    "                         指定期间时另有环比、同比和工伤事件同比\n"
    "  bulletin --db DB --from 日期 --to 日期 [--today 日期] [--number 文号] -o 文件.html|文件.docx\n"
    "                         生成定期通报（可打印网页或 Word/WPS 文档）\n"
    "  report --db DB --from 日期 --to 日期 --by township|industry|source|department (--csv | -o 文件.xlsx)\n"
    "                         分乡镇/行业/来源/部门统计表\n"
    "  assess --db DB --from 日期 --to 日期 [--today 日期] [--by township|department] [--json]\n"
    "                         考评得分、排名和红黄蓝区\n"
    "  keys show --db DB      本单位密钥指纹、受信任单位及密钥变更记录\n"
    "  keys export --db DB -o 文件 [--passphrase 口令]\n"
    "                         用口令加密备份本单位密钥（口令也可由环境变量 HZ_KEY_PASSPHRASE 给出）\n"
    "  keys import --db DB 文件 [--passphrase 口令]\n"
    "                         从备份恢复本单位密钥（记入密钥变更记录）\n"
    "  keys trust --db DB --office 单位ID --key 公钥 [--as 姓名]\n"
    "                         信任某单位的密钥：首次记录，或电话核对后接受其新密钥（记入密钥变更记录）\n"
    "  --version              显示版本\n"
    "  --help, -h             显示本帮助（中文）\n"
    "  --help-en              显示英文帮助\n"
    "\n"
    "退出码: 0 成功; 1 输入无效或检查未通过; 2 用法错误\n";

const char* kHelpEn =
    "hazard-ledger %s - command-line tool for the major accident hazard ledger\n"
    "\n"
    "Usage: hazard-ledger <command> [options]\n"
    "\n"
    "Commands:\n"
    "  init --db DB --office NAME --division CODE [--level 乡镇|县区|市] [--operator NAME]\n"
    "                         create (or set up) this office's database\n"
    "  generate --seed N [--towns T] [--enterprises E] [--hazards H] [--signed] -o FILE\n"
    "                         write a realistic generated ledger (deterministic for a seed); --signed:\n"
    "                         signed with a demonstration key derived from the seed\n"
    "  validate FILE...       check ledger files; problems on stderr: FILE: RECORD-ID: FIELD: message\n"
    "  import --db DB FILE... validate, then apply in one transaction (any error: nothing changes);\n"
    "                         reports added/updated/unchanged/conflicts per kind\n"
    "                         also spreadsheets (.xlsx .xls .ods .csv, recognised by content), after a\n"
    "                         preview: [--sheet N] [--mapping FILE.json] [--dry-run] [--skip-bad]\n"
    "                         [--rejected FILE.xlsx|.csv] [--similar same|new] [--as OPERATOR]\n"
    "                         signed files: a first-seen office needs --trust-new (check its fingerprint\n"
    "                         first); a key other than the one pinned is refused; another office's\n"
    "                         history forwarded without its signature needs --accept-unsigned\n"
    "  export --db DB [--since DATE | --to RECIPIENT [--reset]] [--format-version 1] -o FILE\n"
    "                         export everything, or the changes since a date; --to: the next numbered\n"
    "                         change file for that recipient (everything since the last one; --reset:\n"
    "                         from the start); FILE.gz is compressed; FILE.xlsx or FILE.csv writes the\n"
    "                         hazard detail sheet (明细表) instead\n"
    "  merge FILE... -o OUT   merge ledger files (no database needed)\n"
    "  conflicts --db DB      list merge conflicts (losing versions are kept)\n"
    "  verify --db DB         check the history (every office's hash chain); exit 1 when it fails\n"
    "  apply --db DB --as OPERATOR FILE.jsonl [--today DATE] [--dry-run]\n"
    "                         a batch of domain commands (create, update, workflow action), one JSON\n"
    "                         object per line, applied as OPERATOR in one transaction: all or none\n"
    "  stats (--db DB | FILE) [--from DATE --to DATE] [--json] [--today YYYY-MM-DD]\n"
    "                         hazard statistics (see CONTRACTS.md for the JSON keys); with a period\n"
    "                         also the previous period, last year's same days and work injuries\n"
    "  bulletin --db DB --from DATE --to DATE [--today DATE] [--number TEXT] -o FILE.html|FILE.docx\n"
    "                         the periodic bulletin (printable page or Word/WPS document)\n"
    "  report --db DB --from DATE --to DATE --by township|industry|source|department (--csv | -o FILE.xlsx)\n"
    "                         a statistics table by township, industry, source or department\n"
    "  assess --db DB --from DATE --to DATE [--today DATE] [--by township|department] [--json]\n"
    "                         assessment scores, ranking and red/yellow/blue zones\n"
    "  keys show --db DB      this office's key fingerprint, the trusted offices, the key changes\n"
    "  keys export --db DB -o FILE [--passphrase P]\n"
    "                         back up this office's key, encrypted with a passphrase (or $HZ_KEY_PASSPHRASE)\n"
    "  keys import --db DB FILE [--passphrase P]\n"
    "                         restore this office's key from a backup (logged as a key change)\n"
    "  keys trust --db DB --office ID --key PUBLIC-KEY [--as NAME]\n"
    "                         trust an office's key: the first one, or a new one checked by phone (logged)\n"
    "  --version              print the version\n"
    "  --help, -h             this help in Chinese\n"
    "  --help-en              this help in English\n"
    "\n"
    "Exit codes: 0 ok; 1 invalid input or a failed check; 2 usage error\n";

} // namespace

int main(int argc, char** argv) {
  using namespace hz::cli;
  if (argc < 2) {
    std::fprintf(stderr, kHelpZh, hz::versionString());
    return kUsage;
  }
  const std::string_view cmd = argv[1];
  if (cmd == "--version" || cmd == "version") {
    std::printf("hazard-ledger %s\n", hz::versionString());
    return kOk;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::printf(kHelpZh, hz::versionString());
    return kOk;
  }
  if (cmd == "--help-en") {
    std::printf(kHelpEn, hz::versionString());
    return kOk;
  }
  struct Command {
    const char* name;
    int (*run)(const Args&);
    std::vector<std::string> valued;
    std::vector<std::string> flags;
  };
  const Command commands[] = {
      {"init", cmdInit, {"--db", "--office", "--division", "--level", "--operator"}, {}},
      {"generate", cmdGenerate, {"--seed", "--towns", "--enterprises", "--hazards", "-o"}, {"--signed"}},
      {"validate", cmdValidate, {}, {}},
      {"import",
       cmdImport,
       {"--db", "--sheet", "--mapping", "--as", "--similar", "--rejected"},
       {"--dry-run", "--skip-bad", "--trust-new", "--accept-unsigned"}},
      {"export", cmdExport, {"--db", "--since", "-o", "--today", "--to", "--format-version"}, {"--reset"}},
      {"merge", cmdMerge, {"-o"}, {}},
      {"conflicts", cmdConflicts, {"--db"}, {}},
      {"verify", cmdVerify, {"--db"}, {}},
      {"apply", cmdApply, {"--db", "--as", "--today"}, {"--dry-run"}},
      {"stats", cmdStats, {"--db", "--today", "--from", "--to"}, {"--json"}},
      {"bulletin", cmdBulletin, {"--db", "--from", "--to", "--today", "--number", "-o"}, {}},
      {"report", cmdReport, {"--db", "--from", "--to", "--today", "--by", "-o"}, {"--csv"}},
      {"assess", cmdAssess, {"--db", "--from", "--to", "--today", "--by"}, {"--json"}},
      {"keys", cmdKeys, {"--db", "-o", "--passphrase", "--office", "--key", "--as"}, {}},
  };
  for (const auto& c : commands) {
    if (cmd != c.name) continue;
    for (int i = 2; i < argc; ++i) {
      if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
        std::printf(kHelpZh, hz::versionString());
        return kOk;
      }
      if (std::strcmp(argv[i], "--help-en") == 0) {
        std::printf(kHelpEn, hz::versionString());
        return kOk;
      }
    }
    Args args;
    if (!parseArgs(argc, argv, 2, c.valued, c.flags, args)) return kUsage;
    return c.run(args);
  }
  std::fprintf(stderr, "hazard-ledger: 未知命令 '%s'（unknown command）。用 --help 查看用法。\n", argv[1]);
  return kUsage;
}
