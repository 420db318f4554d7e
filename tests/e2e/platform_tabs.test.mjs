// One writer (issue 5): a second page on the same profile is read-only and says so, cannot lose
// the first page's edits, and takes over when the first page closes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, state, enterpriseNames, waitSaved, TEST_OFFICE } from './harness.mjs';

test('two pages on one profile: the second is read-only, no edit is lost, it takes over', async () => {
  const b = await launch();
  try {
    const url = fileUrl('hazard-ledger.html', TEST_OFFICE);
    const { page: first } = await openApp(b.context, url);
    const { page: second } = await openApp(b.context, url);
    assert.equal((await state(first)).readOnly, false);
    assert.equal((await state(second)).readOnly, true);
    const refused = await second.evaluate(() => {
      try { window.hazardLedger.testCreateEnterprise('第二页的企业'); return null; } catch (e) { return e.message; }
    });
    assert.match(refused, /read-only/);

    await first.evaluate(() => window.hazardLedger.testCreateEnterprise('第一页的企业'));
    await waitSaved(first);
    await first.close({ runBeforeUnload: true });

    await second.waitForFunction(() => !window.hazardLedger.state().readOnly, null, { timeout: 10000 });
    assert.deepEqual(await enterpriseNames(second), ['第一页的企业'], 'the new writer sees the first page\'s edit');
    await second.evaluate(() => window.hazardLedger.testCreateEnterprise('接管后的企业'));
    await waitSaved(second);
    await second.reload();
    await second.evaluate(() => window.hazardLedger.ready);
    assert.deepEqual(await enterpriseNames(second), ['接管后的企业', '第一页的企业'].sort());
    assert.equal((await state(second)).readOnly, false);
  } finally {
    await b.close();
  }
});
