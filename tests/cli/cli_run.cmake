# Shared by the CLI checks: run(expected_rc ARGS...) runs hazard-ledger in WORK and fails unless it
# exits with expected_rc (its output in OUT and ERR); refused(db ARGS...) runs it expecting exit 1
# and fails unless the database file `db` in WORK kept every byte; expect(text where why) fails
# unless `where` holds `text`.
function(run expected_rc)
  execute_process(COMMAND "${CLI}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  WORKING_DIRECTORY "${WORK}")
  if(NOT rc EQUAL expected_rc)
    message(FATAL_ERROR "hazard-ledger ${ARGN}: expected exit ${expected_rc}, got ${rc}\n${out}\n${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
  set(ERR "${err}" PARENT_SCOPE)
endfunction()
function(refused db)
  file(SHA256 "${WORK}/${db}" before)
  run(1 ${ARGN})
  file(SHA256 "${WORK}/${db}" after)
  if(NOT before STREQUAL after)
    message(FATAL_ERROR "hazard-ledger ${ARGN}: refused, but it changed ${db}\n${ERR}")
  endif()
  set(OUT "${OUT}" PARENT_SCOPE)
  set(ERR "${ERR}" PARENT_SCOPE)
endfunction()
function(expect text where why)
  string(FIND "${where}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${why}: no '${text}' in:\n${where}")
  endif()
endfunction()
