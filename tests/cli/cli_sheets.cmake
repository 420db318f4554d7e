# The CLI's sheet import (run by CTest with -DCLI=path -DDATA=tests/data -DWORK=dir): sheets are
# recognised by content; the preview is printed; a refused row means exit 1 and an unchanged
# database; --dry-run writes nothing; --skip-bad imports the rest and --rejected writes the refused
# rows with their reasons; the same sheet again imports nothing; a bad --mapping is refused.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
include("${CMAKE_CURRENT_LIST_DIR}/cli_run.cmake")

set(SHEETS "${DATA}/sheets")
run(0 init --db town.db --office 城南街道安委办 --division 320102001 --operator 王伟)
refused(town.db import --db town.db "${SHEETS}/city_ledger.xlsx")
expect("表头在第 3 行" "${OUT}" "the preview names the header row")
expect("可导入 5 行，已导入过 0 行，不能导入 4 行" "${OUT}" "the preview counts the rows")
expect("[检查时间] 检查时间“2026-13-45”不是可识别的日期" "${OUT}" "a refused cell says where and what")
expect("4 行不能导入" "${ERR}" "exit 1 says why")
file(SHA256 "${WORK}/town.db" before)
run(0 import --db town.db --dry-run --skip-bad "${SHEETS}/city_ledger.xls")
expect("试运行" "${OUT}" "--dry-run says nothing was written")
file(SHA256 "${WORK}/town.db" after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "--dry-run changed the database file")
endif()
run(0 import --db town.db --skip-bad --rejected rejected.csv "${SHEETS}/city_ledger.xlsx")
expect("已导入：隐患 5 条，新建企业 3 家" "${OUT}" "--skip-bad imports the good rows")
file(READ "${WORK}/rejected.csv" rejected)
expect("不能导入的原因" "${rejected}" "the rejected rows carry a reason column")
expect("整改状态“研究中”无法识别" "${rejected}" "each rejected row says why")
run(0 stats --db town.db --json)
expect("\"total\": 5" "${OUT}" "five hazards after the import")
# The same content as .xls: every good row already imported.
run(0 import --db town.db --skip-bad "${SHEETS}/city_ledger.xls")
expect("已导入过 5 行" "${OUT}" "the same sheet again is recognised")
expect("没有需要导入的新行" "${OUT}" "and imports nothing")
# A mapping file naming a field that does not exist is refused before anything else.
file(WRITE "${WORK}/bad-mapping.json" "{\"columns\": {\"备注\": \"no_such_field\"}}")
run(1 import --db town.db --mapping bad-mapping.json "${SHEETS}/variant_bom.csv")
expect("no_such_field" "${ERR}" "the bad mapping is named")
# The GBK CSV, its 上报单位 column set aside by a mapping (this office's township by default): one
# firm written two ways without a USCC needs an answer; --similar new settles it.
file(WRITE "${WORK}/gbk-mapping.json" "{\"columns\": {\"上报单位\": \"\"}, \"defaults\": {\"division_code\": \"320102001\"}}")
run(1 import --db town.db --skip-bad --mapping gbk-mapping.json "${SHEETS}/township_gbk.csv")
expect("编码 GB18030" "${OUT}" "the encoding is detected")
expect("待确认：表中“孝陵卫（南京）纸业有限公司”、“孝陵卫(南京)纸业有限责任公司”写法相近" "${OUT}" "the question is printed")
expect("--similar same" "${ERR}" "exit 1 says how to answer")
run(0 import --db town.db --skip-bad --mapping gbk-mapping.json --similar new "${SHEETS}/township_gbk.csv")
expect("已导入：隐患 3 条，新建企业 3 家" "${OUT}" "two spellings answered as two firms")
