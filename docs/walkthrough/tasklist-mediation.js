// One dispute climbing from the building head to the community mediation committee in Camunda Tasklist, in headless
// Chromium: wang.fang registers it (and owns it), liu.yang and wu.lei cannot settle it, ma.jun settles it, and the
// follow-up visit lands with the owner. Needs the app running on :8080 with fresh data.
//   cd docs/walkthrough && npm install && node tasklist-mediation.js
require('fs').mkdirSync(`${__dirname}/shots`, { recursive: true });
const { open, login } = require('./common');
const choose = (page, text) => page.locator('.fjs-form label', { hasText: text }).first().click();
const shot = (page, name) => page.screenshot({ path: `${__dirname}/shots/${name}.png` });
async function as(user, steps) {
  const { browser, page } = await open();
  await login(page, user);
  try { await steps(page); } finally { await browser.close(); }
}
async function mediate(user, taskName, outcome, text, name) {
  await as(user, async (page) => {
    await page.click("text=本组待办");
    await page.waitForTimeout(1500);
    console.log(user, 'sees:', await page.locator('.tasks-list h4').allInnerTexts());
    await page.click(`.tasks-list >> text=${taskName}`);
    await page.waitForTimeout(1500);
    await page.click('text="Claim"');
    await page.waitForTimeout(1000);
    await choose(page, outcome);
    await page.locator('.fjs-form textarea').last().fill(text);
    await shot(page, name);
    await page.click('button:has-text("Complete")');
    await page.waitForTimeout(2000);
  });
}
(async () => {
  await as('wang.fang', async (page) => {
    await page.click('text=Start process');
    await page.waitForTimeout(1000);
    await page.click('.modal-body >> text=矛盾纠纷分级调解 (Mediation escalation)');
    await page.waitForTimeout(2000);
    await page.locator('.fjs-form-field-select').nth(0).click();
    await page.locator('.fjs-dropdownlist-item', { hasText: '暖心里小区1号楼' }).first().click();
    await page.locator('.fjs-form-field-select').nth(1).click();
    await page.locator('.fjs-dropdownlist-item', { hasText: '楼道堆物' }).first().click();
    await page.getByLabel('当事人 (Parties)').fill('Flat 301 and flat 401 (301户与401户)');
    await page.getByLabel('纠纷情况 (What happened)').fill('Bicycles and boxes block the stairwell (楼道堆放自行车和纸箱)');
    await shot(page, '30-register');
    await page.click('.modal-footer >> text=Start');
    await page.waitForTimeout(2500);
  });
  console.log('wang.fang registered the dispute');
  await mediate('liu.yang', '楼栋调解 (Mediate in the building)', '未成功，上报', 'Flat 401 refuses to move the boxes (401户拒绝清理)', '31-building');
  await mediate('wu.lei', '网格调解 (Mediate in the grid)', '未成功，上报', 'Needs the property company (需物业参与)', '32-grid');
  await mediate('ma.jun', '社区调委会调解 (Mediate in the community)', '调解成功 (Settled)', 'Boxes moved to the bike shed by Sunday (周日前移至车棚)', '33-community');
  await as('wang.fang', async (page) => {
    await page.click('text=我认领的');
    await page.waitForTimeout(1500);
    console.log('wang.fang (owner) has:', await page.locator('.tasks-list h4').allInnerTexts());
    await page.click('.tasks-list >> text=回访 (Follow-up visit)');
    await page.waitForTimeout(1500);
    await shot(page, '34-follow-up');
  });
  await as('li.qiang', async (page) => {
    await page.click("text=本组待办");
    await page.waitForTimeout(1500);
    console.log('li.qiang (another volunteer) sees:', await page.locator('.tasks-list h4').allInnerTexts());
  });
})().catch((e) => { console.error(e.message); process.exit(1); });
